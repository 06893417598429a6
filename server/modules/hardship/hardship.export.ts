/**
 * The file list as .xlsx and the statistics. The export is masked (ID and phone numbers) and carries
 * health and income only for rows whose union lies in the exporter's welfare.sensitive scope; the
 * export is audited with how many such rows it holds, before the first byte is sent.
 */
import { and, asc, count, eq, gt, like, sql } from 'drizzle-orm';
import { genders } from '../../../shared/memberEnums';
import { fenToYuanText } from '../../../shared/money';
import {
  hardshipCauseCodes,
  hardshipCauses,
  hardshipLevelCodes,
  hardshipLevels,
  hardshipStatuses,
  healthStates,
  householdRelations,
  resolveReasons,
} from '../../../shared/schemas/hardship';
import type { Ctx, Scope } from '../../context';
import type { DbOrTx } from '../../db/client';
import { queryRows } from '../../db/client';
import { ageOn, chinaDate } from '../../lib/dates';
import { safeCellText } from '../../lib/xlsx/cells';
import { type SheetColumn, streamSheet } from '../../lib/xlsx/streamSheet';
import { inScope, pathInScope, scopeFor } from '../../plugins/scope';
import { audit } from '../audit/audit.service';
import { members } from '../members/members.tables';
import { orgs } from '../orgs/orgs.tables';
import { dueBy, type FileListQuery, fileFilter, subtreeOrg } from './hardship.queries';
import { hardshipFiles } from './hardship.tables';

/** Yuan with two decimals in a text cell (exact, from the integer fen). */
const yuan = (fen: number | null) => (fen === null ? '' : fenToYuanText(fen, { grouping: false }));

const columns: (SheetColumn & { sensitive?: boolean })[] = [
  { header: '姓名', key: 'name', width: 10 },
  { header: '性别', key: 'gender', width: 6 },
  { header: '年龄', key: 'age', width: 6 },
  { header: '身份证号', key: 'idNumber', width: 22, text: true },
  { header: '所属工会', key: 'union', width: 30 },
  { header: '困难等级', key: 'level', width: 10 },
  { header: '致困原因', key: 'causes', width: 20 },
  { header: '家庭人口', key: 'householdSize', width: 8 },
  { header: '联系电话', key: 'phone', width: 14, text: true },
  { header: '家庭住址', key: 'address', width: 30 },
  { header: '建档日期', key: 'filedOn', width: 12 },
  { header: '状态', key: 'status', width: 10 },
  { header: '下次复核日期', key: 'nextReviewOn', width: 12 },
  { header: '解困日期', key: 'resolvedOn', width: 12 },
  { header: '解困原因', key: 'resolveReason', width: 14 },
  { header: '家庭月收入（元）', key: 'householdIncome', width: 14, text: true, sensitive: true },
  { header: '人均月收入（元）', key: 'perCapitaIncome', width: 14, text: true, sensitive: true },
  { header: '家庭成员健康和收入', key: 'members', width: 50, sensitive: true },
];

/** Streams the filtered files as .xlsx; see the module comment for what is masked and audited. */
export async function exportFiles(ctx: Ctx, query: FileListQuery) {
  const today = chinaDate(ctx.now);
  const filter = await fileFilter(ctx.db, ctx.scope, query, today);
  const sensitiveScope = scopeFor(ctx.actor, 'welfare.sensitive');
  const withSensitive = sensitiveScope.paths.length > 0;
  const [tally] = await ctx.db
    .select({
      rows: count(),
      sensitive: withSensitive
        ? sql<number>`count(*) filter (where ${inScope(hardshipFiles.orgPath, sensitiveScope)})`
        : sql<number>`0`,
    })
    .from(hardshipFiles)
    .innerJoin(members, eq(members.id, hardshipFiles.memberId))
    .where(filter);
  const { cursor: _c, limit: _l, ...filters } = query;
  await audit(ctx, {
    action: 'hardship.export',
    targetType: 'hardship_file',
    orgPath: ctx.actor.orgPath,
    details: { filters, results: Number(tally?.rows ?? 0), sensitiveRows: Number(tally?.sensitive ?? 0) },
  });

  const shownColumns = columns.filter((c) => withSensitive || !c.sensitive);
  async function* rows() {
    let lastId = 0;
    for (;;) {
      const batch = await ctx.db
        .select({
          file: hardshipFiles,
          name: members.name,
          gender: members.gender,
          birthDate: members.birthDate,
          idNumber: members.idNumberMasked,
          union: orgs.name,
        })
        .from(hardshipFiles)
        .innerJoin(members, eq(members.id, hardshipFiles.memberId))
        .innerJoin(orgs, eq(orgs.id, hardshipFiles.orgId))
        .where(and(filter, gt(hardshipFiles.id, lastId)))
        .orderBy(asc(hardshipFiles.id))
        .limit(1000);
      yield batch.map(({ file: f, ...m }) => {
        const shown = withSensitive && pathInScope(f.orgPath, sensitiveScope);
        return {
          name: safeCellText(m.name),
          gender: genders[m.gender],
          age: ageOn(m.birthDate, today),
          idNumber: m.idNumber,
          union: safeCellText(m.union),
          level: hardshipLevels[f.level],
          causes: f.causes
            .map((c) => (c === 'other' && f.causeOther ? `其他（${f.causeOther}）` : hardshipCauses[c]))
            .join('、'),
          householdSize: f.householdSize,
          phone: f.phoneMasked ?? '',
          address: safeCellText(f.address),
          filedOn: f.filedOn,
          status: hardshipStatuses[f.status],
          nextReviewOn: f.nextReviewOn ?? '',
          resolvedOn: f.resolvedOn ?? '',
          resolveReason: f.resolveReason
            ? `${resolveReasons[f.resolveReason]}${f.resolveNote ? `（${f.resolveNote}）` : ''}`
            : '',
          ...(shown
            ? {
                householdIncome: yuan(f.householdIncomeFen),
                perCapitaIncome: yuan(f.perCapitaIncomeFen),
                members: safeCellText(
                  f.household
                    .map(
                      (p) =>
                        `${householdRelations[p.relation]} ${p.name} ${p.age}岁 ${p.health ? healthStates[p.health] : '健康未登记'}${p.healthNote ? `（${p.healthNote}）` : ''} 月收入${p.incomeFen === null ? '未登记' : `${yuan(p.incomeFen)}元`}`,
                    )
                    .join('；'),
                ),
              }
            : {}),
        };
      });
      const last = batch.at(-1);
      if (!last || batch.length < 1000) return;
      lastId = last.file.id;
    }
  }
  return streamSheet('困难职工档案', shownColumns, rows());
}

/**
 * Statistics of a subtree, live from the files: active files, due reviews and files resolved this year,
 * active files by level, cause and child org. Each figure carries the list filter that shows its files.
 */
export async function fileStats(db: DbOrTx, scope: Scope, orgId: number | undefined, today: string) {
  const org = await subtreeOrg(db, scope, orgId);
  const year = today.slice(0, 4);
  const under = like(hardshipFiles.orgPath, `${org.path}%`);
  const [totals] = await db
    .select({
      active: sql<number>`count(*) filter (where ${hardshipFiles.status} = 'active')`,
      people: sql<number>`coalesce(sum(${hardshipFiles.householdSize}) filter (where ${hardshipFiles.status} = 'active'), 0)`,
      due: sql<number>`count(*) filter (where ${hardshipFiles.status} = 'active' and ${hardshipFiles.nextReviewOn} <= ${dueBy(today)}::date)`,
      resolved: sql<number>`count(*) filter (where ${hardshipFiles.status} = 'resolved' and ${hardshipFiles.resolvedOn} >= ${`${year}-01-01`}::date and ${hardshipFiles.resolvedOn} <= ${today}::date)`,
    })
    .from(hardshipFiles)
    .where(and(inScope(hardshipFiles.orgPath, scope), under));
  const active = and(inScope(hardshipFiles.orgPath, scope), under, eq(hardshipFiles.status, 'active'));
  const levels = await db
    .select({ code: hardshipFiles.level, n: count() })
    .from(hardshipFiles)
    .where(active)
    .groupBy(hardshipFiles.level);
  const causes = await queryRows<{ code: string; n: number }>(
    db,
    sql`select c as code, count(*)::int as n from ${hardshipFiles}, unnest(${hardshipFiles.causes}) c where ${active} group by c`,
  );
  const children = await queryRows<{ id: number; name: string; n: number }>(
    db,
    sql`select o.id::int as id, o.name, count(f.id)::int as n
        from ${orgs} o
        join ${hardshipFiles} f on f.org_path like o.path || '%' and f.status = 'active'
        where o.parent_id = ${org.id}
        group by o.id, o.name
        order by count(f.id) desc, o.id
        limit 30`,
  );
  const base = { orgId: org.id, status: 'active' };
  const byLevel = new Map(levels.map((l) => [l.code, Number(l.n)]));
  const byCause = new Map(causes.map((c) => [c.code, Number(c.n)]));
  return {
    org: { id: org.id, name: org.name },
    year,
    totals: {
      active: { code: 'active', label: '在档困难职工', count: Number(totals?.active ?? 0), filter: base },
      reviewDue: {
        code: 'reviewDue',
        label: '复核到期',
        count: Number(totals?.due ?? 0),
        filter: { orgId: org.id, reviewDue: 'true' },
      },
      resolvedThisYear: {
        code: 'resolved',
        label: `${year}年解困脱困`,
        count: Number(totals?.resolved ?? 0),
        filter: { orgId: org.id, status: 'resolved', resolvedFrom: `${year}-01-01`, resolvedTo: today },
      },
      people: Number(totals?.people ?? 0),
    },
    byLevel: hardshipLevelCodes.map((code) => ({
      code,
      label: hardshipLevels[code],
      count: byLevel.get(code) ?? 0,
      filter: { ...base, level: code },
    })),
    byCause: hardshipCauseCodes.map((code) => ({
      code,
      label: hardshipCauses[code],
      count: byCause.get(code) ?? 0,
      filter: { ...base, cause: code },
    })),
    byChild: children.map((c) => ({
      code: String(c.id),
      label: c.name,
      count: Number(c.n),
      filter: { orgId: Number(c.id), status: 'active' },
    })),
  };
}
