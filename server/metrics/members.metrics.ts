/** Metrics of the member roster: its size, who joined, imports and approved join applications. */
import { and, desc, eq, like, type SQL, sql } from 'drizzle-orm';
import { genderCodes, genders, memberStatuses, workerCategories, workerCategoryCodes } from '../../shared/memberEnums';
import type { DbOrTx } from '../db/client';
import { memberImports } from '../modules/members/imports/imports.tables';
import { memberJoins } from '../modules/members/joins.tables';
import { members, orgMemberCounts } from '../modules/members/members.tables';
import { orgs } from '../modules/orgs/orgs.tables';
import type { CatalogMetric } from './catalog';
import {
  aggregateBySubtree,
  chinaDay,
  chinaMinute,
  countWhere,
  inPeriod,
  inSubtree,
  newestFirst,
  onePath,
  requestedPath,
  requestedPaths,
  valuesByPath,
} from './sql';
import type { MetricQuery, MetricRecords } from './types';

const memberColumns = [
  { key: 'name', title: '姓名' },
  { key: 'gender', title: '性别' },
  { key: 'cardNo', title: '会员证号' },
  { key: 'union', title: '所属工会' },
  { key: 'joinedDate', title: '入会日期' },
  { key: 'workerCategory', title: '职工类别' },
];

/**
 * A page of members matching `where`, newest first. Only what identifies a member inside the union
 * (name, card number) is listed — never ID or mobile numbers, not even masked.
 */
async function memberPage(
  db: DbOrTx,
  where: SQL | undefined,
  page: { cursor?: string; limit: number },
  withStatus: boolean,
  total: () => Promise<number>,
): Promise<MetricRecords> {
  const {
    items,
    nextCursor,
    total: n,
  } = await newestFirst(
    page,
    members.id,
    (olderThan, limit) =>
      db
        .select({
          id: members.id,
          name: members.name,
          gender: members.gender,
          cardNo: members.cardNo,
          union: orgs.name,
          joinedDate: members.joinedDate,
          workerCategory: members.workerCategory,
          status: members.status,
        })
        .from(members)
        .innerJoin(orgs, eq(orgs.id, members.orgId))
        .where(and(where, olderThan))
        .orderBy(desc(members.id))
        .limit(limit),
    total,
  );
  return {
    columns: withStatus ? [...memberColumns, { key: 'status', title: '状态' }] : memberColumns,
    rows: items.map((r) => ({
      id: r.id,
      name: r.name,
      gender: genders[r.gender],
      cardNo: r.cardNo,
      union: r.union,
      joinedDate: r.joinedDate,
      workerCategory: workerCategories[r.workerCategory],
      ...(withStatus ? { status: memberStatuses[r.status] } : {}),
    })),
    nextCursor,
    total: n,
  };
}

/** The value of a one-path query, to report as the records' total where both count the same rows. */
async function subtreeValue(def: CatalogMetric, db: DbOrTx, q: MetricQuery): Promise<number> {
  return (await def.compute(db, q)).get(onePath(q)) ?? 0;
}

/** 在册会员: the active roster of a subtree now, from the maintained per-org counts. */
const active: CatalogMetric = {
  code: 'members.active',
  name: '在册会员',
  unit: '名',
  description: '组织树内状态为“在册”的会员人数（当前）。',
  periodic: false,
  filters: [],
  recordsPermission: 'members.read',
  personal: true,
  compute: (db, q) =>
    valuesByPath(
      db,
      q.orgPaths,
      sql`select p.path, coalesce(sum(${orgMemberCounts.active}), 0)::int as n
          from ${requestedPaths(q.orgPaths)}
          left join ${orgMemberCounts} on ${inSubtree(orgMemberCounts.orgPath, requestedPath)}
          group by p.path`,
    ),
  async records(db, q, page) {
    const path = onePath(q);
    const where = and(like(members.orgPath, `${path}%`), eq(members.status, 'active'));
    // The total comes from the count table too: counting millions of rows per page view is what it avoids.
    return memberPage(db, where, page, false, () => subtreeValue(active, db, q));
  },
};

/** The filters of members.joined as a condition on the members table. */
function joinedWhere(q: MetricQuery): SQL {
  const f = q.filters ?? {};
  return sql.join(
    [
      inPeriod(members.joinedDate, q),
      f.category ? sql`${members.workerCategory} = ${f.category}` : sql`true`,
      f.gender ? sql`${members.gender} = ${f.gender}` : sql`true`,
    ],
    sql` and `,
  );
}

/** 新入会会员: members whose joining date lies in the period, whatever their status now. */
const joined: CatalogMetric = {
  code: 'members.joined',
  name: '新入会会员',
  unit: '名',
  description: '入会日期在统计期间内的会员人数（含此后转出、退会的），按会员现在所属的工会归入组织树。',
  periodic: true,
  filters: [
    { key: 'category', label: '职工类别', values: workerCategoryCodes, valueLabels: workerCategories },
    { key: 'gender', label: '性别', values: genderCodes, valueLabels: genders },
  ],
  recordsPermission: 'members.read',
  personal: true,
  compute: (db, q) =>
    valuesByPath(
      db,
      q.orgPaths,
      sql`select p.path, count(${members.id})::int as n
          from ${requestedPaths(q.orgPaths)}
          left join ${members} on ${inSubtree(members.orgPath, requestedPath)} and ${joinedWhere(q)}
          group by p.path`,
    ),
  async records(db, q, page) {
    const where = and(like(members.orgPath, `${onePath(q)}%`), joinedWhere(q));
    return memberPage(db, where, page, true, () => subtreeValue(joined, db, q));
  },
};

const committedDay = chinaDay(memberImports.committedAt);

/** 导入会员: members added by committed roster imports in the period. */
const imported: CatalogMetric = {
  code: 'members.imported',
  name: '导入会员',
  unit: '名',
  description: '统计期间内提交的会员导入（Excel/CSV 名册）新增的会员人数，按导入单位归入组织树。',
  periodic: true,
  filters: [],
  recordsPermission: 'members.read',
  compute: (db, q) =>
    aggregateBySubtree(
      db,
      q,
      memberImports,
      memberImports.orgPath,
      sql`coalesce(sum(${memberImports.added}), 0)::int`,
      sql`${memberImports.status} = 'committed' and ${inPeriod(committedDay, q)}`,
    ),
  async records(db, q, page) {
    const where = and(
      like(memberImports.orgPath, `${onePath(q)}%`),
      eq(memberImports.status, 'committed'),
      inPeriod(committedDay, q),
    );
    const { items, nextCursor, total } = await newestFirst(
      page,
      memberImports.id,
      (olderThan, limit) =>
        db
          .select({
            id: memberImports.id,
            fileName: memberImports.fileName,
            org: orgs.name,
            createdByName: memberImports.createdByName,
            committedAt: memberImports.committedAt,
            added: memberImports.added,
          })
          .from(memberImports)
          .innerJoin(orgs, eq(orgs.id, memberImports.orgId))
          .where(and(where, olderThan))
          .orderBy(desc(memberImports.id))
          .limit(limit),
      () => countWhere(db, memberImports, where),
    );
    return {
      columns: [
        { key: 'fileName', title: '文件名' },
        { key: 'org', title: '导入单位' },
        { key: 'createdByName', title: '导入人' },
        { key: 'committedAt', title: '提交时间' },
        { key: 'added', title: '新增人数' },
      ],
      rows: items.map((r) => ({
        id: r.id,
        fileName: r.fileName,
        org: r.org,
        createdByName: r.createdByName,
        committedAt: chinaMinute(r.committedAt),
        added: r.added ?? 0,
      })),
      nextCursor,
      total,
    };
  },
};

const reviewedDay = chinaDay(memberJoins.reviewedAt);

/** 入会申请通过: join applications approved in the period. */
const joinsApproved: CatalogMetric = {
  code: 'members.joins_approved',
  name: '入会申请通过',
  unit: '名',
  description: '统计期间内审核通过的入会申请数量，按申请加入的工会归入组织树。',
  periodic: true,
  filters: [],
  recordsPermission: 'members.read',
  personal: true,
  compute: (db, q) =>
    aggregateBySubtree(
      db,
      q,
      memberJoins,
      memberJoins.orgPath,
      sql`count(${memberJoins.id})::int`,
      sql`${memberJoins.status} = 'approved' and ${inPeriod(reviewedDay, q)}`,
    ),
  async records(db, q, page) {
    const where = and(
      like(memberJoins.orgPath, `${onePath(q)}%`),
      eq(memberJoins.status, 'approved'),
      inPeriod(reviewedDay, q),
    );
    const { items, nextCursor, total } = await newestFirst(
      page,
      memberJoins.id,
      (olderThan, limit) =>
        db
          .select({
            id: memberJoins.id,
            name: memberJoins.name,
            union: orgs.name,
            reviewerName: memberJoins.reviewerName,
            reviewedAt: memberJoins.reviewedAt,
          })
          .from(memberJoins)
          .innerJoin(orgs, eq(orgs.id, memberJoins.orgId))
          .where(and(where, olderThan))
          .orderBy(desc(memberJoins.id))
          .limit(limit),
      () => subtreeValue(joinsApproved, db, q),
    );
    return {
      columns: [
        { key: 'name', title: '申请人' },
        { key: 'union', title: '工会' },
        { key: 'reviewerName', title: '审核人' },
        { key: 'reviewedAt', title: '审核时间' },
      ],
      rows: items.map((r) => ({
        id: r.id,
        name: r.name,
        union: r.union,
        reviewerName: r.reviewerName,
        reviewedAt: chinaMinute(r.reviewedAt),
      })),
      nextCursor,
      total,
    };
  },
};

export const memberMetrics: CatalogMetric[] = [active, joined, imported, joinsApproved];
