/** Reading recuperation: programme lists and pages, applicants with keyset paging, nominee search, statistics. */
import { and, asc, desc, eq, inArray, like, lt, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { genders } from '../../../shared/memberEnums';
import type {
  ApplicationView,
  applicationListQuery,
  BatchView,
  ProgrammeSummary,
  programmeListQuery,
} from '../../../shared/schemas/recuperation';
import type { Ctx, Scope } from '../../context';
import type { DbOrTx } from '../../db/client';
import { decodeCursor, pageFrom } from '../../lib/cursor';
import { AppError } from '../../plugins/errors';
import { inScope, pathInScope, scopeFor } from '../../plugins/scope';
import { audit } from '../audit/audit.service';
import { maskedQuery } from '../members/members.queries';
import { members } from '../members/members.tables';
import { orgs } from '../orgs/orgs.tables';
import { blockedReason } from './recuperation.applications';
import { programmeVisibleSql, visibleBatch, visibleProgramme } from './recuperation.programmes';
import { recupApplications, recupBatches, recupProgrammes, recupQuotas } from './recuperation.tables';

const readScope = (ctx: Ctx) => scopeFor(ctx.actor, 'welfare.read');

type ProgrammeRow = typeof recupProgrammes.$inferSelect;

async function summaries(ctx: Ctx, db: DbOrTx, rows: ProgrammeRow[]): Promise<ProgrammeSummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const sums = await db
    .select({
      programmeId: recupBatches.programmeId,
      batches: sql<number>`count(*)::int`,
      capacity: sql<number>`coalesce(sum(${recupBatches.capacity}), 0)::int`,
      seatsTaken: sql<number>`coalesce(sum(${recupBatches.seatsTaken}), 0)::int`,
    })
    .from(recupBatches)
    .where(inArray(recupBatches.programmeId, ids))
    .groupBy(recupBatches.programmeId);
  const owners = await db
    .select({ id: orgs.id, name: orgs.name })
    .from(orgs)
    .where(inArray(orgs.id, [...new Set(rows.map((r) => r.orgId))]));
  const manage = scopeFor(ctx.actor, 'welfare.manage');
  return rows.map((r) => {
    const s = sums.find((x) => x.programmeId === r.id);
    return {
      id: r.id,
      org: { id: r.orgId, name: owners.find((o) => o.id === r.orgId)?.name ?? '' },
      year: r.year,
      title: r.title,
      description: r.description,
      frontLineOnly: r.frontLineOnly,
      modelWorkerOnly: r.modelWorkerOnly,
      recentYears: r.recentYears,
      status: r.status,
      batches: Number(s?.batches ?? 0),
      capacity: Number(s?.capacity ?? 0),
      seatsTaken: Number(s?.seatsTaken ?? 0),
      createdAt: r.createdAt.toISOString(),
      canManage: pathInScope(r.orgPath, manage),
    };
  });
}

/** Programmes the caller sees (its subtree's and those of the unions above it), newest first. */
export async function listProgrammes(ctx: Ctx, q: z.output<typeof programmeListQuery>) {
  const scope = readScope(ctx);
  const after = decodeCursor(q.cursor, ['number'] as const);
  const escaped = q.q?.replace(/[\\%_]/g, (c) => `\\${c}`);
  const rows = await ctx.db
    .select()
    .from(recupProgrammes)
    .where(
      and(
        programmeVisibleSql(recupProgrammes.orgPath, scope),
        // Drafts are the owner's business.
        sql`(${recupProgrammes.status} <> 'draft' or ${inScope(recupProgrammes.orgPath, scope)})`,
        q.year ? eq(recupProgrammes.year, q.year) : undefined,
        q.status ? eq(recupProgrammes.status, q.status) : undefined,
        escaped ? like(recupProgrammes.title, `%${escaped}%`) : undefined,
        after ? lt(recupProgrammes.id, after[0]) : undefined,
      ),
    )
    .orderBy(desc(recupProgrammes.id))
    .limit(q.limit + 1);
  const page = pageFrom(rows, q.limit, (r) => [r.id]);
  return { items: await summaries(ctx, ctx.db, page.items), nextCursor: page.nextCursor };
}

/** The batches of programmes with their quotas and counts of waitlisted and attended. */
async function batchViews(db: DbOrTx, where: SQL): Promise<BatchView[]> {
  const batches = await db
    .select()
    .from(recupBatches)
    .where(where)
    .orderBy(asc(recupBatches.startDate), asc(recupBatches.id));
  if (batches.length === 0) return [];
  const ids = batches.map((b) => b.id);
  const quotas = await db
    .select({ quota: recupQuotas, orgName: orgs.name })
    .from(recupQuotas)
    .innerJoin(orgs, eq(orgs.id, recupQuotas.orgId))
    .where(inArray(recupQuotas.batchId, ids))
    .orderBy(asc(recupQuotas.orgPath));
  const counts = await db
    .select({
      batchId: recupApplications.batchId,
      waitlisted: sql<number>`count(*) filter (where ${recupApplications.status} = 'waitlisted')::int`,
      attended: sql<number>`count(*) filter (where ${recupApplications.status} = 'attended')::int`,
    })
    .from(recupApplications)
    .where(inArray(recupApplications.batchId, ids))
    .groupBy(recupApplications.batchId);
  return batches.map((b) => {
    const c = counts.find((x) => x.batchId === b.id);
    return {
      id: b.id,
      programmeId: b.programmeId,
      name: b.name,
      startDate: b.startDate,
      endDate: b.endDate,
      signupDeadline: b.signupDeadline,
      destination: b.destination,
      theme: b.theme,
      capacity: b.capacity,
      costFen: b.costFen,
      seatsTaken: b.seatsTaken,
      quotaTotal: b.quotaTotal,
      poolTaken: b.poolTaken,
      waitlisted: Number(c?.waitlisted ?? 0),
      attended: Number(c?.attended ?? 0),
      quotas: quotas
        .filter((q) => q.quota.batchId === b.id)
        .map((q) => ({
          id: q.quota.id,
          org: { id: q.quota.orgId, name: q.orgName },
          quota: q.quota.quota,
          used: q.quota.used,
        })),
    };
  });
}

/** One programme with its batches, quotas and seat counts. */
export async function programmeView(ctx: Ctx, id: number) {
  const programme = await visibleProgramme(ctx, ctx.db, id);
  if (programme.status === 'draft' && !pathInScope(programme.orgPath, readScope(ctx))) {
    throw new AppError('recuperation/not_found');
  }
  const [summary] = await summaries(ctx, ctx.db, [programme]);
  return { ...(summary as ProgrammeSummary), batchList: await batchViews(ctx.db, eq(recupBatches.programmeId, id)) };
}

/** One batch with its quotas and counts. */
export async function batchView(ctx: Ctx, id: number): Promise<BatchView> {
  await visibleBatch(ctx, ctx.db, id);
  const [view] = await batchViews(ctx.db, eq(recupBatches.id, id));
  return view as BatchView;
}

/** Applications the caller may see: of members in the scope, or of programmes the scope owns. */
export function applicationsVisible(scope: Scope): SQL {
  return sql`(${inScope(recupApplications.orgPath, scope)} or exists (
    select 1 from ${recupProgrammes} vp where vp.id = ${recupApplications.programmeId} and ${inScope(sql`vp.org_path`, scope)}))`;
}

const waitlistPosition = sql<number | null>`case when ${recupApplications.status} = 'waitlisted' then (
  select count(*)::int from ${recupApplications} w
  where w.batch_id = ${recupApplications.batchId} and w.status = 'waitlisted' and w.id <= ${recupApplications.id}) end`;

/** The application rows joined with what a view shows, for a condition; newest first with keyset paging. */
export async function applicationRows(db: DbOrTx, where: SQL | undefined, limit: number): Promise<ApplicationView[]> {
  const rows = await db
    .select({
      a: recupApplications,
      programmeTitle: recupProgrammes.title,
      batch: {
        id: recupBatches.id,
        name: recupBatches.name,
        startDate: recupBatches.startDate,
        endDate: recupBatches.endDate,
        destination: recupBatches.destination,
      },
      member: { id: members.id, name: members.name, gender: members.gender, mobile: members.mobileMasked },
      orgName: orgs.name,
      position: waitlistPosition,
    })
    .from(recupApplications)
    .innerJoin(recupBatches, eq(recupBatches.id, recupApplications.batchId))
    .innerJoin(recupProgrammes, eq(recupProgrammes.id, recupApplications.programmeId))
    .innerJoin(members, eq(members.id, recupApplications.memberId))
    .innerJoin(orgs, eq(orgs.id, recupApplications.orgId))
    .where(where)
    .orderBy(desc(recupApplications.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.a.id,
    programmeId: r.a.programmeId,
    programmeTitle: r.programmeTitle,
    batch: r.batch,
    member: { ...r.member, gender: genders[r.member.gender] },
    org: { id: r.a.orgId, name: r.orgName },
    channel: r.a.channel,
    frontLine: r.a.frontLine,
    honour: r.a.honour,
    note: r.a.note,
    status: r.a.status,
    waitlistPosition: r.position === null ? null : Number(r.position),
    appliedByName: r.a.appliedByName,
    appliedAt: r.a.appliedAt.toISOString(),
    checkedByName: r.a.checkedByName,
    confirmedAt: r.a.confirmedAt?.toISOString() ?? null,
    decidedByName: r.a.decidedByName,
    decidedAt: r.a.decidedAt?.toISOString() ?? null,
    reason: r.a.reason,
    attendanceAt: r.a.attendanceAt?.toISOString() ?? null,
  }));
}

/** An org of the caller's scope (for filters), or 404. */
export async function orgInScope(db: DbOrTx, scope: Scope, id: number) {
  const [org] = await db
    .select()
    .from(orgs)
    .where(and(eq(orgs.id, id), inScope(orgs.path, scope)));
  if (org) return org;
  // A programme owner above the caller is a valid filter too (its own subtree view).
  const [any] = await db.select().from(orgs).where(eq(orgs.id, id));
  if (any && scope.paths.some((p) => p.startsWith(any.path))) return any;
  throw new AppError('orgs/not_found');
}

/** Applicants with filters (programme, batch, status, org subtree, name), newest first, keyset paged. */
export async function listApplications(ctx: Ctx, q: z.output<typeof applicationListQuery>) {
  const scope = readScope(ctx);
  if (q.batchId) await visibleBatch(ctx, ctx.db, q.batchId);
  if (q.programmeId) await visibleProgramme(ctx, ctx.db, q.programmeId);
  const org = q.orgId ? await orgInScope(ctx.db, scope, q.orgId) : null;
  const after = decodeCursor(q.cursor, ['number'] as const);
  const escaped = q.q?.replace(/[\\%_]/g, (c) => `\\${c}`);
  const where = and(
    applicationsVisible(scope),
    q.programmeId ? eq(recupApplications.programmeId, q.programmeId) : undefined,
    q.batchId ? eq(recupApplications.batchId, q.batchId) : undefined,
    q.status ? eq(recupApplications.status, q.status) : undefined,
    org ? like(recupApplications.orgPath, `${org.path}%`) : undefined,
    escaped ? like(members.name, `%${escaped}%`) : undefined,
  );
  const [total] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(recupApplications)
    .innerJoin(members, eq(members.id, recupApplications.memberId))
    .where(where);
  const rows = await applicationRows(
    ctx.db,
    and(where, after ? lt(recupApplications.id, after[0]) : undefined),
    q.limit + 1,
  );
  // A search by name looks for people: audited like a roster search.
  if (q.q && !q.cursor) {
    await auditSearch(ctx, {
      filters: { q: q.q, batchId: q.batchId, programmeId: q.programmeId },
      results: Number(total?.n ?? 0),
    });
  }
  const page = pageFrom(rows, q.limit, (r) => [r.id]);
  return { ...page, total: Number(total?.n ?? 0) };
}

/** Audits a search for people (applicants, members to nominate). */
function auditSearch(ctx: Ctx, details: Record<string, unknown>) {
  return audit(ctx, { action: 'recuperation.search', targetType: 'member', orgPath: ctx.actor.orgPath, details });
}

/** Members of the caller's welfare.manage scope matching a name, for nominating to a batch. */
export async function searchNominees(ctx: Ctx, batchId: number, text: string) {
  const manage = scopeFor(ctx.actor, 'welfare.manage');
  const { batch, programme } = await visibleBatch(ctx, ctx.db, batchId, manage);
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  const rows = await ctx.db
    .select({ m: members, orgName: orgs.name })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(
      and(
        inScope(members.orgPath, manage),
        like(members.orgPath, `${programme.orgPath}%`),
        eq(members.status, 'active'),
        /^[a-z]+$/i.test(text)
          ? sql`(${members.nameInitials} like ${`${text.toLowerCase()}%`} or ${members.namePinyin} like ${`${text.toLowerCase()}%`})`
          : like(members.name, `%${escaped}%`),
      ),
    )
    .orderBy(asc(members.namePinyin), asc(members.id))
    .limit(20);
  await auditSearch(ctx, { filters: { q: maskedQuery(text), batchId }, results: rows.length });
  const items = [];
  for (const r of rows) {
    const blocked = await blockedReason(ctx.db, programme, batch, r.m.id);
    items.push({
      id: r.m.id,
      name: r.m.name,
      gender: genders[r.m.gender],
      org: { id: r.m.orgId, name: r.orgName },
      blocked: blocked?.text ?? null,
    });
  }
  return { items };
}
