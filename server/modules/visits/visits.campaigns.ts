/**
 * Care campaigns: created by a federation or union over its subtree, edited and closed by holders of
 * `welfare.manage` over the owner. Every org of the owner's subtree takes part and sees the campaign.
 */
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { grassrootsTypes } from '../../../shared/enums';
import { yuanText } from '../../../shared/money';
import type { CampaignInput, CampaignUpdate } from '../../../shared/schemas/visits';
import type { Ctx, Scope } from '../../context';
import type { DbOrTx } from '../../db/client';
import { AppError } from '../../plugins/errors';
import { inScope, pathInScope, scopeFor } from '../../plugins/scope';
import { audit } from '../audit/audit.service';
import { orgs } from '../orgs/orgs.tables';
import { careCampaigns, careVisits } from './visits.tables';

export type CampaignRow = typeof careCampaigns.$inferSelect;

/**
 * SQL: the campaign is visible with `scope` — its owner lies in the scope (the owner's staff and those
 * above), or a scope path lies inside the owner's subtree (a participating union below the owner).
 */
export function campaignVisible(scope: Scope): SQL {
  if (scope.paths.length === 0) return sql`false`;
  const below = scope.paths.map((p) => sql`${p} like ${careCampaigns.orgPath} || '%'`);
  return sql`(${inScope(careCampaigns.orgPath, scope)} or ${sql.join(below, sql` or `)})`;
}

/** A campaign the caller sees with `welfare.read`, or 404. */
export async function visibleCampaign(ctx: Ctx, db: DbOrTx, id: number, lock = false): Promise<CampaignRow> {
  const query = db
    .select()
    .from(careCampaigns)
    .where(and(eq(careCampaigns.id, id), campaignVisible(scopeFor(ctx.actor, 'welfare.read'))));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw new AppError('visits/campaign_not_found');
  return row;
}

/** A campaign the caller may manage (`welfare.manage` over its owner), or 404 when it is not even visible. */
async function managedCampaign(ctx: Ctx, db: DbOrTx, id: number): Promise<CampaignRow> {
  const row = await visibleCampaign(ctx, db, id, true);
  if (!pathInScope(row.orgPath, scopeFor(ctx.actor, 'welfare.manage'))) throw new AppError('auth/forbidden');
  return row;
}

function checkPeriod(start: string, end: string) {
  if (end < start) throw new AppError('visits/bad_period', [{ field: 'endDate', message: '结束日期不能早于开始日期' }]);
  if (start < '2000-01-01' || end > '2100-12-31') throw new AppError('visits/invalid_input', {}, '活动日期无效');
}

/** Creates a campaign owned by a federation or union in the caller's `welfare.manage` scope. */
export async function createCampaign(ctx: Ctx, input: CampaignInput): Promise<number> {
  const manage = scopeFor(ctx.actor, 'welfare.manage');
  const [org] = await ctx.db
    .select()
    .from(orgs)
    .where(eq(orgs.id, input.orgId ?? ctx.actor.orgId));
  if (!org || !pathInScope(org.path, manage)) throw new AppError('orgs/not_found');
  if (org.status !== 'active') throw new AppError('orgs/not_active');
  if (org.type === 'union_group') throw new AppError('visits/invalid_owner');
  checkPeriod(input.startDate, input.endDate);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(careCampaigns)
      .values({
        orgId: org.id,
        orgPath: org.path,
        kind: input.kind,
        title: input.title,
        startDate: input.startDate,
        endDate: input.endDate,
        budgetFen: input.budgetFen,
        description: input.description,
        createdBy: ctx.actor.accountId,
        createdByName: ctx.actor.displayName,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning({ id: careCampaigns.id });
    if (!row) throw new Error('insert returned no row');
    await audit(
      { ...ctx, db: tx, scope: manage },
      {
        action: 'visits.campaign_create',
        targetType: 'care_campaign',
        targetId: row.id,
        targetName: input.title,
        orgPath: org.path,
        details: { kind: input.kind, from: input.startDate, to: input.endDate, budgetFen: input.budgetFen },
      },
    );
    return row.id;
  });
}

const editable = ['kind', 'title', 'startDate', 'endDate', 'budgetFen', 'description'] as const;

/**
 * Edits a campaign (active or not). The budget may not drop below what is spent, and the period must
 * still hold every visit; the row is locked, and visits check the period in their own conditional
 * update, so neither can slip past the other.
 */
export async function updateCampaign(ctx: Ctx, id: number, input: CampaignUpdate): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const row = await managedCampaign(ctx, tx, id);
    const next = { ...row, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) };
    checkPeriod(next.startDate, next.endDate);
    if (next.budgetFen < row.spentFen) {
      throw new AppError(
        'visits/budget_below_spent',
        { spentFen: row.spentFen },
        `预算不能少于已登记的慰问金额 ${yuanText(row.spentFen)}`,
      );
    }
    if (next.startDate !== row.startDate || next.endDate !== row.endDate) {
      const [outside] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(careVisits)
        .where(
          and(
            eq(careVisits.campaignId, id),
            sql`(${careVisits.visitDate} < ${next.startDate} or ${careVisits.visitDate} > ${next.endDate})`,
          ),
        );
      if (Number(outside?.n) > 0) {
        throw new AppError(
          'visits/period_excludes_visits',
          { visits: Number(outside?.n) },
          `有 ${outside?.n} 条走访记录的日期不在新的活动期间内，请先调整这些记录`,
        );
      }
    }
    const changes: Record<string, { before: unknown; after: unknown }> = {};
    for (const key of editable) {
      if (next[key] !== row[key]) changes[key] = { before: row[key], after: next[key] };
    }
    if (Object.keys(changes).length === 0) return;
    await tx
      .update(careCampaigns)
      .set({
        kind: next.kind,
        title: next.title,
        startDate: next.startDate,
        endDate: next.endDate,
        budgetFen: next.budgetFen,
        description: next.description,
        updatedAt: ctx.now,
      })
      .where(eq(careCampaigns.id, id));
    await audit(
      { ...ctx, db: tx, scope: scopeFor(ctx.actor, 'welfare.manage') },
      {
        action: 'visits.campaign_update',
        targetType: 'care_campaign',
        targetId: id,
        targetName: next.title,
        orgPath: row.orgPath,
        details: { changes },
      },
    );
  });
}

/** Closes an active campaign: no more visits are recorded or deleted. */
export async function closeCampaign(ctx: Ctx, id: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const row = await managedCampaign(ctx, tx, id);
    const [closed] = await tx
      .update(careCampaigns)
      .set({ status: 'closed', closedAt: ctx.now, updatedAt: ctx.now })
      .where(and(eq(careCampaigns.id, id), eq(careCampaigns.status, 'active')))
      .returning({ id: careCampaigns.id });
    if (!closed) throw new AppError('visits/campaign_closed', {}, '慰问活动已经结束');
    await audit(
      { ...ctx, db: tx, scope: scopeFor(ctx.actor, 'welfare.manage') },
      {
        action: 'visits.campaign_close',
        targetType: 'care_campaign',
        targetId: id,
        targetName: row.title,
        orgPath: row.orgPath,
        details: { spentFen: row.spentFen, budgetFen: row.budgetFen },
      },
    );
  });
}

/** Whether an org type may be the target of an enterprise visit (a grassroots union). */
export const isGrassroots = (type: string) => (grassrootsTypes as readonly string[]).includes(type);
