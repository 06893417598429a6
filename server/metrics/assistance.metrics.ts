/**
 * Metrics of assistance (帮扶救助): granted cases — approved, in a disbursement batch or paid — counted by
 * their approval date (China time) and attributed to the case's union; filters by type and fund.
 */
import { and, desc, eq, like, type SQL, sql } from 'drizzle-orm';
import { fenToYuanText } from '../../shared/money';
import {
  type AssistanceType,
  assistanceTypeCodes,
  assistanceTypes,
  caseStatuses,
} from '../../shared/schemas/assistance';
import { assistanceCases, assistanceFunds } from '../modules/assistance/assistance.tables';
import { members } from '../modules/members/members.tables';
import { orgs } from '../modules/orgs/orgs.tables';
import { AppError } from '../plugins/errors';
import type { CatalogMetric } from './catalog';
import { aggregateBySubtree, chinaDay, chinaMinute, countWhere, inPeriod, newestFirst, onePath } from './sql';
import type { MetricQuery } from './types';

const filters = [
  { key: 'type', label: '帮扶类型', values: assistanceTypeCodes, valueLabels: assistanceTypes },
  { key: 'fund', label: '帮扶资金（编号）' },
];

/** Granted cases of the query's period and filters. */
function grantedWhere(q: MetricQuery): SQL {
  const parts: SQL[] = [
    sql`${assistanceCases.status} in ('approved', 'in_batch', 'paid')`,
    inPeriod(chinaDay(assistanceCases.approvedAt), q),
  ];
  const type = q.filters?.type as AssistanceType | undefined;
  if (type) parts.push(sql`${assistanceCases.type} = ${type}`);
  const fund = q.filters?.fund;
  if (fund) {
    if (!/^\d{1,9}$/.test(fund)) {
      const message = '筛选条件“帮扶资金（编号）”应为资金编号';
      throw new AppError('metrics/bad_filter', [{ field: 'fund', message }], message);
    }
    parts.push(sql`${assistanceCases.fundId} = ${Number(fund)}`);
  }
  return sql.join(parts, sql` and `);
}

/** One query for all requested paths: `agg` over the granted cases of each subtree. */
function computeWith(agg: SQL) {
  return (db: Parameters<CatalogMetric['compute']>[0], q: MetricQuery) =>
    aggregateBySubtree(db, q, assistanceCases, assistanceCases.orgPath, agg, grantedWhere(q));
}

/** The granted cases behind a value: member, union, type, fund, amount, approval date, status. */
const records: CatalogMetric['records'] = async (db, q, page) => {
  const where = and(like(assistanceCases.orgPath, `${onePath(q)}%`), grantedWhere(q));
  const { items, nextCursor, total } = await newestFirst(
    page,
    assistanceCases.id,
    (olderThan, limit) =>
      db
        .select({
          id: assistanceCases.id,
          caseNo: assistanceCases.caseNo,
          memberName: members.name,
          org: orgs.name,
          type: assistanceCases.type,
          fund: assistanceFunds.name,
          amountFen: assistanceCases.amountApprovedFen,
          approvedAt: assistanceCases.approvedAt,
          status: assistanceCases.status,
        })
        .from(assistanceCases)
        .innerJoin(members, eq(members.id, assistanceCases.memberId))
        .innerJoin(orgs, eq(orgs.id, assistanceCases.orgId))
        .leftJoin(assistanceFunds, eq(assistanceFunds.id, assistanceCases.fundId))
        .where(and(where, olderThan))
        .orderBy(desc(assistanceCases.id))
        .limit(limit),
    () => countWhere(db, assistanceCases, where),
  );
  return {
    columns: [
      { key: 'caseNo', title: '申请编号' },
      { key: 'memberName', title: '职工' },
      { key: 'org', title: '所属工会' },
      { key: 'type', title: '帮扶类型' },
      { key: 'fund', title: '帮扶资金' },
      { key: 'amount', title: '金额（元）' },
      { key: 'approvedAt', title: '审批时间' },
      { key: 'status', title: '状态' },
    ],
    rows: items.map((r) => ({
      id: r.id,
      caseNo: r.caseNo,
      memberName: r.memberName,
      org: r.org,
      type: assistanceTypes[r.type],
      fund: r.fund,
      amount: r.amountFen == null ? null : fenToYuanText(Number(r.amountFen), { grouping: false }),
      approvedAt: chinaMinute(r.approvedAt),
      status: caseStatuses[r.status],
    })),
    nextCursor,
    total,
  };
};

const common = { periodic: true, filters, recordsPermission: 'welfare.read' as const, personal: true, records };

/** 帮扶救助人次: granted cases. */
const cases: CatalogMetric = {
  ...common,
  code: 'assistance.cases',
  name: '帮扶救助',
  unit: '人次',
  description:
    '统计期间内（按审批日期）批准的帮扶救助（含待发放、发放中、已发放）笔数，按职工所在工会归入组织树；可按帮扶类型、帮扶资金筛选。',
  compute: computeWith(sql`count(${assistanceCases.id})::int`),
};

/** 帮扶救助人数: distinct members granted. */
const people: CatalogMetric = {
  ...common,
  code: 'assistance.people',
  name: '帮扶救助',
  unit: '人',
  description:
    '统计期间内（按审批日期）获得批准帮扶救助的职工人数（同一职工多次只计一次），按职工所在工会归入组织树；可按帮扶类型、帮扶资金筛选。',
  compute: computeWith(sql`count(distinct ${assistanceCases.memberId})::int`),
};

/** 帮扶救助金额 (元): the approved amounts, exact to the fen. */
const amount: CatalogMetric = {
  ...common,
  code: 'assistance.amount',
  name: '帮扶救助金额',
  unit: '元',
  description:
    '统计期间内（按审批日期）批准的帮扶救助金额合计（元，精确到分），按职工所在工会归入组织树；可按帮扶类型、帮扶资金筛选。',
  compute: computeWith(sql`coalesce(sum(${assistanceCases.amountApprovedFen}), 0)::bigint / 100.0`),
};

export const assistanceMetrics: CatalogMetric[] = [cases, people, amount];
