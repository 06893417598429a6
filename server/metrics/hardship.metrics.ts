/** Metrics of hardship files: households on file now, and households that came out of hardship. */
import { and, desc, eq, like, type SQL, sql } from 'drizzle-orm';
import { hardshipCauses, hardshipLevelCodes, hardshipLevels, resolveReasons } from '../../shared/schemas/hardship';
import { hardshipFiles } from '../modules/hardship/hardship.tables';
import { members } from '../modules/members/members.tables';
import { orgs } from '../modules/orgs/orgs.tables';
import type { CatalogMetric } from './catalog';
import { aggregateBySubtree, countWhere, inPeriod, newestFirst, onePath } from './sql';
import type { MetricQuery } from './types';

function activeWhere(q: MetricQuery): SQL {
  const level = q.filters?.level;
  return sql`${hardshipFiles.status} = 'active' and ${level ? sql`${hardshipFiles.level} = ${level}` : sql`true`}`;
}

function resolvedWhere(q: MetricQuery): SQL {
  return sql`${hardshipFiles.status} = 'resolved' and ${inPeriod(hardshipFiles.resolvedOn, q)}`;
}

/** The files behind a value, newest first: names the members, so listing them is audited. */
async function fileRecords(
  db: Parameters<CatalogMetric['records']>[0],
  q: MetricQuery,
  page: Parameters<CatalogMetric['records']>[2],
  condition: SQL,
  resolved: boolean,
) {
  const where = and(like(hardshipFiles.orgPath, `${onePath(q)}%`), condition);
  const { items, nextCursor, total } = await newestFirst(
    page,
    hardshipFiles.id,
    (olderThan, limit) =>
      db
        .select({
          id: hardshipFiles.id,
          name: members.name,
          org: orgs.name,
          level: hardshipFiles.level,
          causes: hardshipFiles.causes,
          householdSize: hardshipFiles.householdSize,
          filedOn: hardshipFiles.filedOn,
          nextReviewOn: hardshipFiles.nextReviewOn,
          resolvedOn: hardshipFiles.resolvedOn,
          resolveReason: hardshipFiles.resolveReason,
        })
        .from(hardshipFiles)
        .innerJoin(members, eq(members.id, hardshipFiles.memberId))
        .innerJoin(orgs, eq(orgs.id, hardshipFiles.orgId))
        .where(and(where, olderThan))
        .orderBy(desc(hardshipFiles.id))
        .limit(limit),
    () => countWhere(db, hardshipFiles, where),
  );
  return {
    columns: [
      { key: 'name', title: '姓名' },
      { key: 'org', title: '所属工会' },
      { key: 'level', title: '困难等级' },
      { key: 'causes', title: '致困原因' },
      { key: 'householdSize', title: '家庭人口' },
      { key: 'filedOn', title: '建档日期' },
      resolved ? { key: 'resolvedOn', title: '解困日期' } : { key: 'nextReviewOn', title: '下次复核日期' },
      ...(resolved ? [{ key: 'resolveReason', title: '解困原因' }] : []),
    ],
    rows: items.map((r) => ({
      id: r.id,
      name: r.name,
      org: r.org,
      level: hardshipLevels[r.level],
      causes: r.causes.map((c) => hardshipCauses[c]).join('、'),
      householdSize: r.householdSize,
      filedOn: r.filedOn,
      ...(resolved
        ? { resolvedOn: r.resolvedOn, resolveReason: r.resolveReason ? resolveReasons[r.resolveReason] : null }
        : { nextReviewOn: r.nextReviewOn }),
    })),
    nextCursor,
    total,
  };
}

/** 困难职工档案: active hardship files of a subtree, now. */
const files: CatalogMetric = {
  code: 'hardship.files',
  name: '困难职工档案',
  unit: '户',
  description: '组织树中在档（未解困脱困）的困难职工档案户数，按会员所在工会归入组织树；可按困难等级筛选。',
  periodic: false,
  filters: [{ key: 'level', label: '困难等级', values: hardshipLevelCodes, valueLabels: hardshipLevels }],
  recordsPermission: 'welfare.read',
  personal: true,
  compute: (db, q) =>
    aggregateBySubtree(
      db,
      q,
      hardshipFiles,
      hardshipFiles.orgPath,
      sql`count(${hardshipFiles.id})::int`,
      activeWhere(q),
    ),
  records: (db, q, page) => fileRecords(db, q, page, activeWhere(q), false),
};

/** 解困脱困: files resolved in the period. */
const resolved: CatalogMetric = {
  code: 'hardship.resolved',
  name: '解困脱困',
  unit: '户',
  description: '统计期间内（按解困日期）解困脱困的困难职工档案户数，按会员所在工会归入组织树。',
  periodic: true,
  filters: [],
  recordsPermission: 'welfare.read',
  personal: true,
  compute: (db, q) =>
    aggregateBySubtree(
      db,
      q,
      hardshipFiles,
      hardshipFiles.orgPath,
      sql`count(${hardshipFiles.id})::int`,
      resolvedWhere(q),
    ),
  records: (db, q, page) => fileRecords(db, q, page, resolvedWhere(q), true),
};

export const hardshipMetrics: CatalogMetric[] = [files, resolved];
