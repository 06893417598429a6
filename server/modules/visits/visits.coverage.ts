/**
 * Coverage of a campaign at one org: for each direct child org, the grassroots unions in its subtree and
 * how many of them were visited (distinct target enterprises, by where the enterprise lies), and the
 * workers, goods and cash of the visits its unions made (by the visiting union). Each figure has one
 * visits-list filter that lists exactly the visits behind it.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { grassrootsTypes } from '../../../shared/enums';
import type { CoverageView } from '../../../shared/schemas/visits';
import type { Ctx } from '../../context';
import { queryRows } from '../../db/client';
import { inSubtree, requestedPath, requestedPaths } from '../../metrics/sql';
import { AppError } from '../../plugins/errors';
import { pathIds, pathInScope, scopeFor } from '../../plugins/scope';
import { orgs } from '../orgs/orgs.tables';
import { visibleCampaign } from './visits.campaigns';
import { toTotals } from './visits.queries';
import { careVisits } from './visits.tables';

const grassrootsList = sql.join(
  grassrootsTypes.map((t) => sql`${t}`),
  sql`, `,
);

type Sums = { path: string; visits: number; enterprises: number; workers: number; goodsFen: number; cashFen: number };

/** The coverage table of `campaignId` at `orgId` (default: the owner, or the caller's top org inside the campaign). */
export async function campaignCoverage(ctx: Ctx, campaignId: number, orgId?: number): Promise<CoverageView> {
  const campaign = await visibleCampaign(ctx, ctx.db, campaignId);
  const read = scopeFor(ctx.actor, 'welfare.read');
  let orgPath: string;
  if (orgId) {
    const [org] = await ctx.db.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, orgId));
    if (!org || !pathInScope(org.path, read) || !org.path.startsWith(campaign.orgPath))
      throw new AppError('orgs/not_found');
    orgPath = org.path;
  } else if (pathInScope(campaign.orgPath, read)) {
    orgPath = campaign.orgPath;
  } else {
    const mine = read.paths.filter((p) => p.startsWith(campaign.orgPath)).sort((a, b) => a.length - b.length)[0];
    if (!mine) throw new AppError('visits/campaign_not_found');
    orgPath = mine;
  }
  const [org] = await ctx.db.select().from(orgs).where(eq(orgs.path, orgPath));
  if (!org) throw new AppError('orgs/not_found');

  const children = await queryRows<{ id: number; name: string; type: string; path: string; has_children: boolean }>(
    ctx.db,
    sql`select o.id, o.name, o.type, o.path,
          exists (select 1 from ${orgs} c where c.parent_id = o.id and c.status = 'active' and c.type <> 'union_group') as has_children
        from ${orgs} o
        where o.parent_id = ${org.id} and o.status = 'active' and o.type <> 'union_group'
        order by (o.type in (${grassrootsList})), o.name`,
  );
  const paths = [...children.map((c) => c.path), org.path];
  const [unions, visited, sums, own] = await Promise.all([
    queryRows<{ path: string; n: number }>(
      ctx.db,
      sql`select p.path, count(o.id)::int as n from ${requestedPaths(paths)}
          left join ${orgs} o on ${inSubtree(sql.raw('o.path'), requestedPath)} and o.status = 'active' and o.type in (${grassrootsList})
          group by p.path`,
    ),
    queryRows<{ path: string; n: number }>(
      ctx.db,
      sql`select p.path, count(distinct o.id)::int as n from ${requestedPaths(paths)}
          left join ${careVisits} on ${careVisits.campaignId} = ${campaign.id} and ${careVisits.targetKind} = 'enterprise'
            and ${inSubtree(careVisits.targetPath, requestedPath)}
          left join ${orgs} o on o.id = ${careVisits.targetOrgId} and o.status = 'active' and o.type in (${grassrootsList})
          group by p.path`,
    ),
    queryRows<Sums>(
      ctx.db,
      sql`select p.path, count(${careVisits.id})::int as visits,
            count(distinct case when ${careVisits.targetKind} = 'enterprise' then coalesce(${careVisits.targetOrgId}::text, 'n:' || ${careVisits.targetName}) end)::int as enterprises,
            coalesce(sum(${careVisits.workersReached}), 0)::bigint as workers,
            coalesce(sum(${careVisits.goodsFen}), 0)::bigint as "goodsFen",
            coalesce(sum(${careVisits.cashFen}), 0)::bigint as "cashFen"
          from ${requestedPaths(paths)}
          left join ${careVisits} on ${careVisits.campaignId} = ${campaign.id} and ${inSubtree(careVisits.orgPath, requestedPath)}
          group by p.path`,
    ),
    queryRows<Omit<Sums, 'path'>>(
      ctx.db,
      sql`select count(${careVisits.id})::int as visits,
            count(distinct case when ${careVisits.targetKind} = 'enterprise' then coalesce(${careVisits.targetOrgId}::text, 'n:' || ${careVisits.targetName}) end)::int as enterprises,
            coalesce(sum(${careVisits.workersReached}), 0)::bigint as workers,
            coalesce(sum(${careVisits.goodsFen}), 0)::bigint as "goodsFen",
            coalesce(sum(${careVisits.cashFen}), 0)::bigint as "cashFen"
          from ${careVisits} where ${careVisits.campaignId} = ${campaign.id} and ${careVisits.orgId} = ${org.id}`,
    ),
  ]);
  const countOf = (rows: { path: string; n: number }[], path: string) =>
    Number(rows.find((r) => r.path === path)?.n ?? 0);
  const row = (o: { id: number; name: string; type: string; path: string }, self: boolean, hasChildren: boolean) => {
    const u = self ? (grassrootsTypes.includes(o.type as never) ? 1 : 0) : countOf(unions, o.path);
    const v = self ? 0 : countOf(visited, o.path);
    const totals = self ? toTotals(own[0]) : toTotals(sums.find((s) => s.path === o.path));
    return {
      org: { id: Number(o.id), name: o.name, type: o.type },
      self,
      hasChildren,
      unions: u,
      visited: v,
      coverage: u > 0 ? Math.round((v / u) * 1000) / 10 : null,
      ...totals,
    };
  };
  const rows = children.map((c) => row(c, false, c.has_children));
  const selfRow = row(org, true, false);
  if (selfRow.visits > 0) rows.push(selfRow);
  const total = row(org, false, children.length > 0);

  // Breadcrumbs from the top org the caller sees inside the campaign down to this org.
  const ids = pathIds(org.path);
  const crumbs = await ctx.db
    .select({ id: orgs.id, name: orgs.name, path: orgs.path })
    .from(orgs)
    .where(and(inArray(orgs.id, ids)))
    .orderBy(asc(orgs.depth));
  const breadcrumbs = crumbs
    .filter((c) => c.path.startsWith(campaign.orgPath) && pathInScope(c.path, read))
    .map(({ id, name }) => ({ id, name }));

  return {
    campaignId: campaign.id,
    org: { id: org.id, name: org.name },
    breadcrumbs,
    rows,
    total,
    budgetFen: campaign.budgetFen,
    spentFen: campaign.spentFen,
  };
}
