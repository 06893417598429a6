/** A programme's statistics: seats and participants by batch and by the children of an org. */
import { and, asc, eq, like, sql } from 'drizzle-orm';
import type { StatsView } from '../../../shared/schemas/recuperation';
import type { Ctx } from '../../context';
import { queryRows } from '../../db/client';
import { scopeFor } from '../../plugins/scope';
import { orgs } from '../orgs/orgs.tables';
import { visibleProgramme } from './recuperation.programmes';
import { applicationsVisible, orgInScope } from './recuperation.queries';
import { recupApplications, recupBatches } from './recuperation.tables';

/**
 * A programme's statistics for the caller: seats and participants by batch, and by the children of an
 * org (default the programme owner), counting only the applications the caller may see.
 */
export async function programmeStats(ctx: Ctx, programmeId: number, orgId?: number): Promise<StatsView> {
  const scope = scopeFor(ctx.actor, 'welfare.read');
  const programme = await visibleProgramme(ctx, ctx.db, programmeId);
  const org = await orgInScope(ctx.db, scope, orgId ?? programme.orgId);
  const visible = applicationsVisible(scope);
  const byBatch = await queryRows<{
    id: string;
    name: string;
    start_date: string;
    capacity: number;
    seats: number;
    attended: number;
  }>(
    ctx.db,
    sql`select b.id, b.name, b.start_date::text as start_date, b.capacity,
          count(${recupApplications.id}) filter (where ${recupApplications.status} in ('accepted','confirmed','attended','absent'))::int as seats,
          count(${recupApplications.id}) filter (where ${recupApplications.status} = 'attended')::int as attended
        from ${recupBatches} b
        left join ${recupApplications} on ${recupApplications.batchId} = b.id and ${visible}
          and ${recupApplications.orgPath} like ${`${org.path}%`}
        where b.programme_id = ${programmeId}
        group by b.id order by b.start_date, b.id`,
  );
  const children = await ctx.db
    .select({ id: orgs.id, name: orgs.name, path: orgs.path })
    .from(orgs)
    .where(and(eq(orgs.parentId, org.id), eq(orgs.status, 'active')))
    .orderBy(asc(orgs.path));
  const byOrgRows = await queryRows<{ path: string; seats: number; attended: number }>(
    ctx.db,
    sql`select p.path,
          count(${recupApplications.id}) filter (where ${recupApplications.status} in ('accepted','confirmed','attended','absent'))::int as seats,
          count(${recupApplications.id}) filter (where ${recupApplications.status} = 'attended')::int as attended
        from unnest(${sql.param(children.map((c) => c.path))}::text[]) as p(path)
        left join ${recupApplications} on ${recupApplications.programmeId} = ${programmeId}
          and ${recupApplications.orgPath} like p.path || '%' and ${visible}
        group by p.path`,
  );
  const [waiting] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(recupApplications)
    .where(
      and(
        eq(recupApplications.programmeId, programmeId),
        eq(recupApplications.status, 'waitlisted'),
        like(recupApplications.orgPath, `${org.path}%`),
        visible,
      ),
    );
  const batches = byBatch.map((b) => ({
    id: Number(b.id),
    name: b.name,
    startDate: b.start_date,
    capacity: Number(b.capacity),
    seatsTaken: Number(b.seats),
    attended: Number(b.attended),
  }));
  return {
    programme: { id: programme.id, title: programme.title, year: programme.year },
    org: { id: org.id, name: org.name },
    totals: {
      batches: batches.length,
      capacity: batches.reduce((n, b) => n + b.capacity, 0),
      seatsTaken: batches.reduce((n, b) => n + b.seatsTaken, 0),
      attended: batches.reduce((n, b) => n + b.attended, 0),
      waitlisted: Number(waiting?.n ?? 0),
    },
    byBatch: batches,
    byOrg: children
      .map((c) => {
        const r = byOrgRows.find((x) => x.path === c.path);
        return { id: c.id, name: c.name, seats: Number(r?.seats ?? 0), attended: Number(r?.attended ?? 0) };
      })
      // Orgs with nobody on the programme (industry unions of a district-run trip) would only be empty bars.
      .filter((c, _i, all) => c.seats > 0 || all.every((x) => x.seats === 0)),
  };
}
