/**
 * Assistance statistics of a subtree and period: granted cases (approved, in a batch or paid) by approval
 * date, attributed to the case's union — the same rule as the metrics, so every figure opens its records
 * through /api/metrics/assistance.*\/records with the same filters.
 */
import { and, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type AssistanceType, assistanceTypeCodes, type statsQuery } from '../../../shared/schemas/assistance';
import type { Ctx } from '../../context';
import { queryRows } from '../../db/client';
import { chinaDate } from '../../lib/dates';
import { AppError } from '../../plugins/errors';
import { inScope, pathIds } from '../../plugins/scope';
import { getOrgInScope } from '../orgs/orgs.queries';
import { orgs } from '../orgs/orgs.tables';
import { selectFunds } from './assistance.funds';
import { assistanceCases, assistanceFunds } from './assistance.tables';

type Figures = { cases: number; people: number; amountFen: number };
const figures = (r: { cases: unknown; people: unknown; amount: unknown }): Figures => ({
  cases: Number(r.cases ?? 0),
  people: Number(r.people ?? 0),
  amountFen: Number(r.amount ?? 0),
});

/** The statistics page: totals, by type, fund, month and child org, open work, fund balances. */
export async function assistanceStats(ctx: Ctx, q: z.output<typeof statsQuery>) {
  const today = chinaDate(ctx.now);
  const from = q.from ?? `${today.slice(0, 4)}-01-01`;
  const to = q.to ?? today;
  if (from > to) throw new AppError('metrics/bad_period');
  const orgId = q.orgId ?? ctx.actor.grants.find((g) => ctx.scope.paths.includes(g.orgPath))?.orgId;
  if (!orgId) throw new AppError('orgs/not_found');
  const org = await getOrgInScope(ctx.db, ctx.scope, orgId);
  const c = assistanceCases;
  const granted = sql`${c.status} in ('approved', 'in_batch', 'paid')
    and ${c.orgPath} like ${`${org.path}%`}
    and (${c.approvedAt} at time zone 'Asia/Shanghai')::date between ${from}::date and ${to}::date`;
  const agg = sql`count(*)::int as cases, count(distinct ${c.memberId})::int as people, coalesce(sum(${c.amountApprovedFen}), 0)::bigint as amount`;
  type Row = { cases: number; people: number; amount: string };
  const [totals, byType, byFund, byMonth, byChild, pending, funds] = await Promise.all([
    queryRows<Row>(ctx.db, sql`select ${agg} from ${c} where ${granted}`),
    queryRows<Row & { type: AssistanceType }>(
      ctx.db,
      sql`select ${c.type} as type, ${agg} from ${c} where ${granted} group by 1`,
    ),
    queryRows<Row & { fund_id: number; fund_name: string }>(
      ctx.db,
      sql`select f.id as fund_id, f.name as fund_name, ${agg} from ${c} join ${assistanceFunds} f on f.id = ${c.fundId}
          where ${granted} group by f.id, f.name order by f.id`,
    ),
    queryRows<Row & { month: string }>(
      ctx.db,
      sql`select to_char(${c.approvedAt} at time zone 'Asia/Shanghai', 'YYYY-MM') as month, ${agg} from ${c}
          where ${granted} group by 1 order by 1`,
    ),
    queryRows<Row & { org_id: number; org_name: string }>(
      ctx.db,
      sql`select o.id as org_id, o.name as org_name,
            count(${c.id})::int as cases, count(distinct ${c.memberId})::int as people,
            coalesce(sum(${c.amountApprovedFen}), 0)::bigint as amount
          from ${orgs} o left join ${c} on ${c.orgPath} like o.path || '%' and ${granted}
          where o.parent_id = ${org.id} and o.status = 'active'
          group by o.id, o.name order by amount desc, o.id`,
    ),
    queryRows<{ status: string; n: number }>(
      ctx.db,
      sql`select ${c.status} as status, count(*)::int as n from ${c}
          where ${c.orgPath} like ${`${org.path}%`} and ${c.status} in ('submitted', 'reviewed', 'approved', 'in_batch')
          group by 1`,
    ),
    selectFunds(
      ctx.db,
      and(
        inScope(assistanceFunds.orgPath, ctx.scope),
        sql`(${inArray(assistanceFunds.orgId, pathIds(org.path))} or ${assistanceFunds.orgPath} like ${`${org.path}%`})`,
        sql`${assistanceFunds.year} between ${Number(from.slice(0, 4))} and ${Number(to.slice(0, 4))}`,
      ),
    ),
  ]);
  const byTypeMap = new Map(byType.map((r) => [r.type, figures(r)]));
  const pend = new Map(pending.map((r) => [r.status, Number(r.n)]));
  return {
    org: { id: org.id, name: org.name },
    from,
    to,
    totals: figures(totals[0] ?? { cases: 0, people: 0, amount: 0 }),
    byType: assistanceTypeCodes.map((type) => ({
      type,
      ...(byTypeMap.get(type) ?? { cases: 0, people: 0, amountFen: 0 }),
    })),
    byFund: byFund.map((r) => ({ fundId: Number(r.fund_id), fundName: r.fund_name, ...figures(r) })),
    byMonth: byMonth.map((r) => ({ month: r.month, cases: Number(r.cases), amountFen: Number(r.amount) })),
    byChild: byChild.map((r) => ({ orgId: Number(r.org_id), orgName: r.org_name, ...figures(r) })),
    pending: {
      submitted: pend.get('submitted') ?? 0,
      reviewed: pend.get('reviewed') ?? 0,
      approved: pend.get('approved') ?? 0,
      inBatch: pend.get('in_batch') ?? 0,
    },
    funds,
  };
}
