/** Metrics of care visits (送温暖、送清凉、三送): enterprises visited, workers reached, money spent. */
import { and, desc, eq, like, type SQL, sql } from 'drizzle-orm';
import { fenToYuanText } from '../../shared/money';
import { type CampaignKind, campaignKindCodes, campaignKinds, visitTargetKinds } from '../../shared/schemas/visits';
import { orgs } from '../modules/orgs/orgs.tables';
import { careCampaigns, careVisits } from '../modules/visits/visits.tables';
import type { CatalogMetric } from './catalog';
import { aggregateBySubtree, countWhere, inPeriod, newestFirst, onePath } from './sql';
import type { MetricQuery } from './types';

const kindFilter = [
  { key: 'kind', label: '活动类型', values: campaignKindCodes as readonly CampaignKind[], valueLabels: campaignKinds },
];

/** Visits of the query's period (by visit date) and campaign kind. */
function visitsWhere(q: MetricQuery): SQL {
  const kind = q.filters?.kind;
  return sql`${inPeriod(careVisits.visitDate, q)} and ${
    kind
      ? sql`exists (select 1 from ${careCampaigns} where ${careCampaigns.id} = ${careVisits.campaignId} and ${careCampaigns.kind} = ${kind})`
      : sql`true`
  }`;
}

/** One query over every requested path: `value` aggregated over the visits made by each subtree's unions. */
function computeBy(value: SQL) {
  return (db: Parameters<CatalogMetric['compute']>[0], q: MetricQuery) =>
    aggregateBySubtree(db, q, careVisits, careVisits.orgPath, value, visitsWhere(q));
}

/** The visits behind a value, newest first, as a generic table (only enterprise visits for `enterprisesOnly`). */
function visitRecords(enterprisesOnly: boolean): CatalogMetric['records'] {
  return async (db, q, page) => {
    const where = and(
      like(careVisits.orgPath, `${onePath(q)}%`),
      visitsWhere(q),
      enterprisesOnly ? eq(careVisits.targetKind, 'enterprise') : undefined,
    );
    const { items, nextCursor, total } = await newestFirst(
      page,
      careVisits.id,
      (olderThan, limit) =>
        db
          .select({
            id: careVisits.id,
            campaign: careCampaigns.title,
            org: orgs.name,
            visitDate: careVisits.visitDate,
            targetKind: careVisits.targetKind,
            targetName: careVisits.targetName,
            workersReached: careVisits.workersReached,
            goodsFen: careVisits.goodsFen,
            cashFen: careVisits.cashFen,
          })
          .from(careVisits)
          .innerJoin(careCampaigns, eq(careCampaigns.id, careVisits.campaignId))
          .innerJoin(orgs, eq(orgs.id, careVisits.orgId))
          .where(and(where, olderThan))
          .orderBy(desc(careVisits.id))
          .limit(limit),
      () => countWhere(db, careVisits, where),
    );
    return {
      columns: [
        { key: 'campaign', title: '慰问活动' },
        { key: 'org', title: '走访单位' },
        { key: 'visitDate', title: '走访日期' },
        { key: 'targetKind', title: '慰问对象类型' },
        { key: 'targetName', title: '慰问对象' },
        { key: 'workersReached', title: '慰问人数' },
        { key: 'amount', title: '慰问金额（元）' },
      ],
      rows: items.map((r) => ({
        id: r.id,
        campaign: r.campaign,
        org: r.org,
        visitDate: r.visitDate,
        targetKind: visitTargetKinds[r.targetKind],
        targetName: r.targetName,
        workersReached: r.workersReached,
        amount: fenToYuanText(r.goodsFen + r.cashFen, { grouping: false }),
      })),
      nextCursor,
      total,
    };
  };
}

/** 走访慰问企业: distinct enterprises visited in the period by the unions of a subtree. */
const enterprises: CatalogMetric = {
  code: 'visits.enterprises',
  name: '走访慰问企业',
  unit: '家',
  description:
    '统计期间内（按走访日期）组织树内各级工会走访慰问的企业数（同一企业多次走访计一家；未建会企业按名称计），按走访单位归入组织树；可按活动类型筛选。',
  periodic: true,
  filters: kindFilter,
  recordsPermission: 'welfare.read',
  compute: computeBy(
    sql`count(distinct case when ${careVisits.targetKind} = 'enterprise' then coalesce(${careVisits.targetOrgId}::text, 'n:' || ${careVisits.targetName}) end)::int`,
  ),
  records: visitRecords(true),
};

/** 慰问职工: workers reached (人次) by the visits of a subtree's unions. */
const workers: CatalogMetric = {
  code: 'visits.workers',
  name: '慰问职工',
  unit: '人次',
  description:
    '统计期间内（按走访日期）组织树内各级工会走访慰问覆盖的职工人次（企业走访按登记的慰问人数，职工走访每次 1 人次）；可按活动类型筛选。',
  periodic: true,
  filters: kindFilter,
  recordsPermission: 'welfare.read',
  personal: true,
  compute: computeBy(sql`coalesce(sum(${careVisits.workersReached}), 0)::bigint`),
  records: visitRecords(false),
};

/** 慰问金额: goods value plus cash of the visits of a subtree's unions, in yuan. */
const amount: CatalogMetric = {
  code: 'visits.amount',
  name: '慰问金额',
  unit: '元',
  description:
    '统计期间内（按走访日期）组织树内各级工会走访慰问发放的物资价值与慰问金合计（元，精确到分）；可按活动类型筛选。',
  periodic: true,
  filters: kindFilter,
  recordsPermission: 'welfare.read',
  personal: true,
  compute: computeBy(sql`coalesce(sum(${careVisits.goodsFen} + ${careVisits.cashFen}), 0)::numeric / 100`),
  records: visitRecords(false),
};

export const visitMetrics: CatalogMetric[] = [enterprises, workers, amount];
