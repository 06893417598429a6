/** Reading campaigns and visits, always through the caller's `welfare.read` scope. */
import { and, asc, desc, eq, inArray, like, or, type SQL, sql } from 'drizzle-orm';
import type { CampaignView, VisitListQuery, VisitTotals, VisitView } from '../../../shared/schemas/visits';
import type { Ctx, Scope } from '../../context';
import { type DbOrTx, queryRows } from '../../db/client';
import { decodeCursor, pageFrom } from '../../lib/cursor';
import { AppError } from '../../plugins/errors';
import { inScope, pathInScope, scopeFor } from '../../plugins/scope';
import { audit } from '../audit/audit.service';
import { members } from '../members/members.tables';
import { orgs } from '../orgs/orgs.tables';
import { type CampaignRow, campaignVisible, visibleCampaign } from './visits.campaigns';
import { careCampaigns, careVisitPhotos, careVisits } from './visits.tables';

/** SQL: the visit is visible with `scope` (the visiting union or the visited one lies in it). */
export function visitVisible(scope: Scope): SQL {
  return sql`(${inScope(careVisits.orgPath, scope)} or ${inScope(careVisits.targetPath, scope)})`;
}

/** SQL select list of visit sums (used with `group by`): visits, distinct enterprises, workers, money. */
export const totalsColumns = {
  visits: sql<number>`count(${careVisits.id})::int`,
  enterprises: sql<number>`count(distinct case when ${careVisits.targetKind} = 'enterprise' then coalesce(${careVisits.targetOrgId}::text, 'n:' || ${careVisits.targetName}) end)::int`,
  workers: sql<number>`coalesce(sum(${careVisits.workersReached}), 0)::bigint`,
  goodsFen: sql<number>`coalesce(sum(${careVisits.goodsFen}), 0)::bigint`,
  cashFen: sql<number>`coalesce(sum(${careVisits.cashFen}), 0)::bigint`,
};

export const emptyTotals: VisitTotals = { visits: 0, enterprises: 0, workers: 0, goodsFen: 0, cashFen: 0, totalFen: 0 };

/** Sums as numbers (drivers answer bigints as strings), with the total. */
export function toTotals(r: Partial<Record<keyof typeof totalsColumns, unknown>> | undefined): VisitTotals {
  if (!r) return { ...emptyTotals };
  const goodsFen = Number(r.goodsFen ?? 0);
  const cashFen = Number(r.cashFen ?? 0);
  return {
    visits: Number(r.visits ?? 0),
    enterprises: Number(r.enterprises ?? 0),
    workers: Number(r.workers ?? 0),
    goodsFen,
    cashFen,
    totalFen: goodsFen + cashFen,
  };
}

async function campaignViews(ctx: Ctx, rows: CampaignRow[]): Promise<CampaignView[]> {
  if (rows.length === 0) return [];
  const read = scopeFor(ctx.actor, 'welfare.read');
  const manage = scopeFor(ctx.actor, 'welfare.manage');
  const ids = rows.map((r) => r.id);
  const [sums, owners] = await Promise.all([
    ctx.db
      .select({ campaignId: careVisits.campaignId, ...totalsColumns })
      .from(careVisits)
      .where(and(inArray(careVisits.campaignId, ids), visitVisible(read)))
      .groupBy(careVisits.campaignId),
    ctx.db
      .select({ id: orgs.id, name: orgs.name })
      .from(orgs)
      .where(
        inArray(
          orgs.id,
          rows.map((r) => r.orgId),
        ),
      ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    org: { id: r.orgId, name: owners.find((o) => o.id === r.orgId)?.name ?? '' },
    kind: r.kind,
    title: r.title,
    startDate: r.startDate,
    endDate: r.endDate,
    budgetFen: r.budgetFen,
    spentFen: r.spentFen,
    description: r.description,
    status: r.status,
    createdByName: r.createdByName,
    createdAt: r.createdAt.toISOString(),
    closedAt: r.closedAt?.toISOString() ?? null,
    totals: toTotals(sums.find((s) => s.campaignId === r.id)),
    canManage: pathInScope(r.orgPath, manage),
  }));
}

/** Campaigns the caller sees, newest first, filtered by kind, status and year; with the totals of each. */
export async function listCampaigns(
  ctx: Ctx,
  q: { cursor?: string; limit: number; kind?: CampaignRow['kind']; status?: CampaignRow['status']; year?: number },
) {
  const after = decodeCursor(q.cursor, ['number'] as const);
  const where = and(
    campaignVisible(scopeFor(ctx.actor, 'welfare.read')),
    q.kind ? eq(careCampaigns.kind, q.kind) : undefined,
    q.status ? eq(careCampaigns.status, q.status) : undefined,
    q.year
      ? sql`${careCampaigns.startDate} <= ${`${q.year}-12-31`} and ${careCampaigns.endDate} >= ${`${q.year}-01-01`}`
      : undefined,
  );
  const [rows, [n]] = await Promise.all([
    ctx.db
      .select()
      .from(careCampaigns)
      .where(and(where, after ? sql`${careCampaigns.id} < ${after[0]}` : undefined))
      .orderBy(desc(careCampaigns.id))
      .limit(q.limit + 1),
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(careCampaigns).where(where),
  ]);
  const page = pageFrom(rows, q.limit, (r) => [r.id]);
  return { items: await campaignViews(ctx, page.items), nextCursor: page.nextCursor, total: Number(n?.n ?? 0) };
}

/** One campaign with its totals, or 404. */
export async function campaignView(ctx: Ctx, id: number): Promise<CampaignView> {
  const row = await visibleCampaign(ctx, ctx.db, id);
  const [view] = await campaignViews(ctx, [row]);
  if (!view) throw new AppError('visits/campaign_not_found');
  return view;
}

/** An org the caller sees with `scope`, or 404 (for list filters and coverage). */
export async function orgInScope(db: DbOrTx, scope: Scope, id: number) {
  const [org] = await db.select().from(orgs).where(eq(orgs.id, id));
  if (!org || !pathInScope(org.path, scope)) throw new AppError('orgs/not_found');
  return org;
}

/** The filters of a visits query (everything but paging), shared by the list and the export. */
export async function visitFilter(ctx: Ctx, q: Omit<VisitListQuery, 'cursor' | 'limit'>): Promise<SQL | undefined> {
  const read = scopeFor(ctx.actor, 'welfare.read');
  const org = q.orgId ? await orgInScope(ctx.db, read, q.orgId) : null;
  const target = q.targetOrgId ? await orgInScope(ctx.db, read, q.targetOrgId) : null;
  if (q.campaignId) await visibleCampaign(ctx, ctx.db, q.campaignId);
  const text = q.q?.replace(/[\\%_]/g, (c) => `\\${c}`);
  return and(
    visitVisible(read),
    q.campaignId ? eq(careVisits.campaignId, q.campaignId) : undefined,
    org ? (q.ownOnly ? eq(careVisits.orgId, org.id) : like(careVisits.orgPath, `${org.path}%`)) : undefined,
    target ? like(careVisits.targetPath, `${target.path}%`) : undefined,
    q.targetKind ? eq(careVisits.targetKind, q.targetKind) : undefined,
    q.from ? sql`${careVisits.visitDate} >= ${q.from}` : undefined,
    q.to ? sql`${careVisits.visitDate} <= ${q.to}` : undefined,
    text
      ? or(like(careVisits.targetName, `%${text}%`), like(sql`coalesce(${careVisits.employerName}, '')`, `%${text}%`))
      : undefined,
  );
}

const visitColumns = {
  visit: careVisits,
  orgName: orgs.name,
  campaignTitle: careCampaigns.title,
  campaignKind: careCampaigns.kind,
  campaignStatus: careCampaigns.status,
  photoCount: sql<number>`(select count(*)::int from ${careVisitPhotos} where ${careVisitPhotos.visitId} = ${careVisits.id})`,
};
type VisitRow = {
  visit: typeof careVisits.$inferSelect;
  orgName: string;
  campaignTitle: string;
  campaignKind: CampaignRow['kind'];
  campaignStatus: CampaignRow['status'];
  photoCount: number;
};

function toVisitView(ctx: Ctx, r: VisitRow): VisitView {
  const v = r.visit;
  const manage = scopeFor(ctx.actor, 'welfare.manage');
  return {
    id: v.id,
    campaign: { id: v.campaignId, title: r.campaignTitle, kind: r.campaignKind },
    org: { id: v.orgId, name: r.orgName },
    visitDate: v.visitDate,
    targetKind: v.targetKind,
    targetOrgId: v.targetKind === 'enterprise' ? v.targetOrgId : null,
    memberId: v.memberId,
    targetName: v.targetName,
    employerName: v.employerName,
    workersReached: v.workersReached,
    goods: v.goods,
    goodsFen: v.goodsFen,
    cashFen: v.cashFen,
    narrative: v.narrative,
    photoCount: Number(r.photoCount),
    createdByName: v.createdByName,
    createdAt: v.createdAt.toISOString(),
    canDelete:
      r.campaignStatus === 'active' &&
      (v.createdBy === ctx.actor.accountId || pathInScope(v.orgPath, manage)) &&
      ctx.actor.permissions.has('welfare.manage'),
  };
}

/** Visits the caller sees, newest visit date first (keyset on date and id), with the filtered totals. */
export async function listVisits(ctx: Ctx, q: VisitListQuery) {
  const after = decodeCursor(q.cursor, ['string', 'number'] as const);
  const where = await visitFilter(ctx, q);
  const [rows, [sums]] = await Promise.all([
    ctx.db
      .select(visitColumns)
      .from(careVisits)
      .innerJoin(orgs, eq(orgs.id, careVisits.orgId))
      .innerJoin(careCampaigns, eq(careCampaigns.id, careVisits.campaignId))
      .where(
        and(
          where,
          after ? sql`(${careVisits.visitDate}, ${careVisits.id}) < (${after[0]}::date, ${after[1]})` : undefined,
        ),
      )
      .orderBy(desc(careVisits.visitDate), desc(careVisits.id))
      .limit(q.limit + 1),
    ctx.db.select(totalsColumns).from(careVisits).where(where),
  ]);
  const page = pageFrom(rows, q.limit, (r) => [r.visit.visitDate, r.visit.id]);
  const totals = toTotals(sums);
  return {
    items: page.items.map((r) => toVisitView(ctx, r)),
    nextCursor: page.nextCursor,
    total: totals.visits,
    totals,
  };
}

/** One visit with its photos; viewing a worker's visit is audited (it names a person). */
export async function visitDetail(ctx: Ctx, id: number) {
  const read = scopeFor(ctx.actor, 'welfare.read');
  const [row] = await ctx.db
    .select(visitColumns)
    .from(careVisits)
    .innerJoin(orgs, eq(orgs.id, careVisits.orgId))
    .innerJoin(careCampaigns, eq(careCampaigns.id, careVisits.campaignId))
    .where(and(eq(careVisits.id, id), visitVisible(read)));
  if (!row) throw new AppError('visits/not_found');
  const photos = await ctx.db
    .select({
      id: careVisitPhotos.id,
      fileName: careVisitPhotos.fileName,
      mime: careVisitPhotos.mime,
      size: careVisitPhotos.size,
    })
    .from(careVisitPhotos)
    .where(eq(careVisitPhotos.visitId, id))
    .orderBy(asc(careVisitPhotos.id));
  if (row.visit.targetKind === 'worker') {
    await audit(
      { ...ctx, scope: read },
      {
        action: 'visits.view',
        targetType: 'care_visit',
        targetId: id,
        targetName: row.campaignTitle.slice(0, 200),
        orgPath: row.visit.orgPath,
        details: { campaignId: row.visit.campaignId, memberId: row.visit.memberId },
      },
    );
  }
  return { ...toVisitView(ctx, row), photos };
}

/**
 * The picker of the visit form: grassroots unions (enterprises) or active members matching `q` that
 * the caller may visit in this campaign (its `welfare.manage` scope inside the campaign's subtree).
 */
export async function visitTargets(ctx: Ctx, q: { campaignId: number; kind: 'enterprise' | 'worker'; q: string }) {
  const campaign = await visibleCampaign(ctx, ctx.db, q.campaignId);
  const manage = scopeFor(ctx.actor, 'welfare.manage');
  const text = q.q.replace(/[\\%_]/g, (c) => `\\${c}`);
  if (q.kind === 'enterprise') {
    const rows = await queryRows<{ id: number; name: string; parent: string | null; visits: number }>(
      ctx.db,
      sql`select o.id, o.name, p.name as parent,
            (select count(*)::int from ${careVisits} v where v.campaign_id = ${campaign.id} and v.target_org_id = o.id and v.target_kind = 'enterprise') as visits
          from ${orgs} o left join ${orgs} p on p.id = o.parent_id
          where o.status = 'active'
            and o.type in ('grassroots_enterprise', 'grassroots_institution', 'grassroots_joint', 'grassroots_trade')
            and o.path like ${`${campaign.orgPath}%`} and ${inScope(sql.raw('o.path'), manage)}
            and (o.name like ${`%${text}%`} or o.name_initials like ${`${text.toLowerCase()}%`})
          order by o.name limit 20`,
    );
    return {
      items: rows.map((r) => ({
        id: Number(r.id),
        name: r.name,
        orgName: r.parent ?? '',
        detail: Number(r.visits) > 0 ? `本次活动已走访 ${r.visits} 次` : null,
      })),
    };
  }
  if (!text) return { items: [] };
  const rows = await ctx.db
    .select({ id: members.id, name: members.name, orgName: orgs.name, cardNo: members.cardNo })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(
      and(
        eq(members.status, 'active'),
        like(members.orgPath, `${campaign.orgPath}%`),
        inScope(members.orgPath, manage),
        /^[a-z]+$/i.test(text) ? like(members.nameInitials, `${text.toLowerCase()}%`) : like(members.name, `%${text}%`),
      ),
    )
    .orderBy(asc(members.name), asc(members.id))
    .limit(20);
  return { items: rows.map((r) => ({ id: r.id, name: r.name, orgName: r.orgName, detail: `会员卡号 ${r.cardNo}` })) };
}

/** The unions the caller may record visits for in this campaign (its manage scope inside the campaign's subtree). */
export async function visitingOrgs(ctx: Ctx, campaignId: number, q: string) {
  const campaign = await visibleCampaign(ctx, ctx.db, campaignId);
  const manage = scopeFor(ctx.actor, 'welfare.manage');
  const text = q.replace(/[\\%_]/g, (c) => `\\${c}`);
  const rows = await ctx.db
    .select({ id: orgs.id, name: orgs.name, depth: orgs.depth })
    .from(orgs)
    .where(
      and(
        eq(orgs.status, 'active'),
        sql`${orgs.type} <> 'union_group'`,
        like(orgs.path, `${campaign.orgPath}%`),
        inScope(orgs.path, manage),
        text ? or(like(orgs.name, `%${text}%`), like(orgs.nameInitials, `${text.toLowerCase()}%`)) : undefined,
      ),
    )
    .orderBy(asc(orgs.depth), asc(orgs.name))
    .limit(30);
  return { items: rows };
}
