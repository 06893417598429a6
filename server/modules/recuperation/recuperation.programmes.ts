/**
 * Programmes, batches and quotas: who sees and who manages them, and their writes. A programme is seen
 * by the staff of its owner's subtree and by every union below the owner (they nominate and follow
 * their members); it is managed (edited, batches, quotas, rejections, attendance) with welfare.manage
 * over the owner.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { batchInput, batchPatch, programmeInput, programmePatch } from '../../../shared/schemas/recuperation';
import type { Ctx, Scope } from '../../context';
import type { DbOrTx } from '../../db/client';
import { AppError } from '../../plugins/errors';
import { inScope, pathInScope, scopeFor } from '../../plugins/scope';
import { audit } from '../audit/audit.service';
import { orgs } from '../orgs/orgs.tables';
import { fillSeats } from './recuperation.seats';
import { recupBatches, recupProgrammes, recupQuotas } from './recuperation.tables';

export type ProgrammeRow = typeof recupProgrammes.$inferSelect;
export type BatchRow = typeof recupBatches.$inferSelect;

/** Whether a programme owned at `ownerPath` is visible through `scope`: inside it, or above one of its subtrees. */
export function programmeVisible(ownerPath: string, scope: Scope): boolean {
  return pathInScope(ownerPath, scope) || scope.paths.some((p) => p.startsWith(ownerPath));
}

/** SQL form of `programmeVisible` for an owner path column. */
export function programmeVisibleSql(
  ownerPath: typeof recupProgrammes.orgPath | typeof recupBatches.orgPath,
  scope: Scope,
) {
  if (scope.paths.length === 0) return sql`false`;
  const above = scope.paths.map((p) => sql`${p} like ${ownerPath} || '%'`);
  return sql`(${inScope(ownerPath, scope)} or ${sql.join(above, sql` or `)})`;
}

/** A programme the caller sees (welfare.read), or 404. */
export async function visibleProgramme(ctx: Ctx, db: DbOrTx, id: number): Promise<ProgrammeRow> {
  const [row] = await db.select().from(recupProgrammes).where(eq(recupProgrammes.id, id));
  if (!row || !programmeVisible(row.orgPath, scopeFor(ctx.actor, 'welfare.read'))) {
    throw new AppError('recuperation/not_found');
  }
  return row;
}

/** A programme the caller manages (welfare.manage over its owner), or 404. */
export async function managedProgramme(ctx: Ctx, db: DbOrTx, id: number): Promise<ProgrammeRow> {
  const [row] = await db.select().from(recupProgrammes).where(eq(recupProgrammes.id, id));
  if (!row || !pathInScope(row.orgPath, scopeFor(ctx.actor, 'welfare.manage'))) {
    throw new AppError('recuperation/not_found');
  }
  return row;
}

/** A batch with its programme, if the caller sees the programme, or 404. */
export async function visibleBatch(ctx: Ctx, db: DbOrTx, id: number, scope = scopeFor(ctx.actor, 'welfare.read')) {
  const [row] = await db
    .select({ batch: recupBatches, programme: recupProgrammes })
    .from(recupBatches)
    .innerJoin(recupProgrammes, eq(recupProgrammes.id, recupBatches.programmeId))
    .where(eq(recupBatches.id, id));
  if (!row || !programmeVisible(row.programme.orgPath, scope)) throw new AppError('recuperation/batch_not_found');
  return row;
}

/** A batch whose programme the caller manages, or 404. */
export async function managedBatch(ctx: Ctx, db: DbOrTx, id: number) {
  const row = await visibleBatch(ctx, db, id, scopeFor(ctx.actor, 'welfare.manage'));
  if (!pathInScope(row.programme.orgPath, scopeFor(ctx.actor, 'welfare.manage'))) {
    throw new AppError('recuperation/batch_not_found');
  }
  return row;
}

/** The owner org of a new programme: the chosen one in the caller's welfare.manage scope, or the caller's own. */
async function ownerOrg(ctx: Ctx, orgId: number | undefined) {
  const scope = scopeFor(ctx.actor, 'welfare.manage');
  const id = orgId ?? scope.grants[0]?.orgId ?? ctx.actor.orgId;
  const [org] = await ctx.db.select().from(orgs).where(eq(orgs.id, id));
  if (!org || !pathInScope(org.path, scope)) throw new AppError('orgs/not_found');
  if (org.status !== 'active') throw new AppError('orgs/not_active');
  return org;
}

type ProgrammeData = z.output<typeof programmeInput>;

/** Creates a programme owned by the chosen union. */
export async function createProgramme(ctx: Ctx, input: ProgrammeData): Promise<number> {
  const owner = await ownerOrg(ctx, input.orgId);
  return ctx.db.transaction(async (tx) => {
    const { orgId: _o, ...fields } = input;
    const [row] = await tx
      .insert(recupProgrammes)
      .values({
        ...fields,
        orgId: owner.id,
        orgPath: owner.path,
        createdBy: ctx.actor.accountId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    await audit(
      { ...ctx, db: tx },
      {
        action: 'recuperation.programme_create',
        targetType: 'recup_programme',
        targetId: row.id,
        targetName: row.title,
        orgPath: row.orgPath,
        details: { status: row.status },
      },
    );
    return row.id;
  });
}

/** Edits a programme (title, rules, status: 报名中 opens sign-up, 已结束 closes it). */
export async function updateProgramme(ctx: Ctx, id: number, patch: z.output<typeof programmePatch>) {
  await ctx.db.transaction(async (tx) => {
    const before = await managedProgramme(ctx, tx, id);
    const [after] = await tx
      .update(recupProgrammes)
      .set({ ...patch, updatedAt: ctx.now })
      .where(eq(recupProgrammes.id, id))
      .returning();
    const changed = Object.fromEntries(
      Object.keys(patch)
        .filter((k) => before[k as keyof ProgrammeRow] !== after?.[k as keyof ProgrammeRow])
        .map((k) => [k, { before: before[k as keyof ProgrammeRow], after: after?.[k as keyof ProgrammeRow] }]),
    );
    await audit(
      { ...ctx, db: tx },
      {
        action: 'recuperation.programme_update',
        targetType: 'recup_programme',
        targetId: id,
        targetName: after?.title ?? before.title,
        orgPath: before.orgPath,
        details: { changes: changed },
      },
    );
  });
}

function checkDates(b: { startDate: string; endDate: string; signupDeadline: string }) {
  if (b.endDate < b.startDate || b.signupDeadline > b.startDate) throw new AppError('recuperation/bad_dates');
}

/** Adds a batch (第N期) to a programme. */
export async function createBatch(ctx: Ctx, programmeId: number, input: z.output<typeof batchInput>) {
  checkDates(input);
  return ctx.db.transaction(async (tx) => {
    const programme = await managedProgramme(ctx, tx, programmeId);
    const [row] = await tx
      .insert(recupBatches)
      .values({ ...input, programmeId, orgPath: programme.orgPath, createdAt: ctx.now, updatedAt: ctx.now })
      .returning();
    if (!row) throw new Error('insert returned no row');
    await audit(
      { ...ctx, db: tx },
      {
        action: 'recuperation.batch_create',
        targetType: 'recup_batch',
        targetId: row.id,
        targetName: `${programme.title} ${row.name}`,
        orgPath: programme.orgPath,
        details: { programmeId, capacity: row.capacity, from: row.startDate, to: row.endDate },
      },
    );
    return row.id;
  });
}

/**
 * Edits a batch. Capacity may not drop below the seats taken nor the quotas handed out plus the pool
 * seats taken (a conditional update, so a sign-up at the same moment cannot slip in between); a larger
 * capacity lets the waiting list move up at once.
 */
export async function updateBatch(ctx: Ctx, id: number, patch: z.output<typeof batchPatch>) {
  await ctx.db.transaction(async (tx) => {
    const { batch, programme } = await managedBatch(ctx, tx, id);
    const next = { ...batch, ...patch };
    checkDates(next);
    const capacity = patch.capacity ?? batch.capacity;
    const [updated] = await tx
      .update(recupBatches)
      .set({ ...patch, updatedAt: ctx.now })
      .where(
        and(
          eq(recupBatches.id, id),
          sql`${recupBatches.seatsTaken} <= ${capacity} and ${recupBatches.quotaTotal} + ${recupBatches.poolTaken} <= ${capacity}`,
        ),
      )
      .returning({ id: recupBatches.id });
    if (!updated) throw new AppError('recuperation/capacity_below_taken');
    await audit(
      { ...ctx, db: tx },
      {
        action: 'recuperation.batch_update',
        targetType: 'recup_batch',
        targetId: id,
        targetName: `${programme.title} ${next.name}`,
        orgPath: programme.orgPath,
        details: { changes: patch },
      },
    );
    if (capacity > batch.capacity) await fillSeats(ctx, tx, id);
  });
}

/**
 * Sets an org's quota in a batch (0 removes an unused one). The batch's `quota_total` moves in the same
 * transaction under a conditional update, so quotas never add up to more than the capacity, and a
 * quota never drops below the seats its members already hold (CHECK used <= quota).
 */
export async function setQuota(ctx: Ctx, batchId: number, input: { orgId: number; quota: number }) {
  await ctx.db.transaction(async (tx) => {
    const { batch, programme } = await managedBatch(ctx, tx, batchId);
    const [org] = await tx.select().from(orgs).where(eq(orgs.id, input.orgId));
    if (!org || !pathInScope(org.path, scopeFor(ctx.actor, 'welfare.manage'))) throw new AppError('orgs/not_found');
    if (!org.path.startsWith(programme.orgPath)) throw new AppError('recuperation/quota_outside_programme');
    const [existing] = await tx
      .select()
      .from(recupQuotas)
      .where(and(eq(recupQuotas.batchId, batchId), eq(recupQuotas.orgId, org.id)))
      .for('update');
    const before = existing?.quota ?? 0;
    const delta = input.quota - before;
    // Batch row first, then the quota row: the same lock order as taking and releasing seats.
    const [moved] = await tx
      .update(recupBatches)
      .set({ quotaTotal: sql`${recupBatches.quotaTotal} + ${delta}`, updatedAt: ctx.now })
      .where(
        and(
          eq(recupBatches.id, batchId),
          sql`${recupBatches.quotaTotal} + ${delta} <= ${recupBatches.capacity}`,
          sql`${recupBatches.poolTaken} <= ${recupBatches.capacity} - (${recupBatches.quotaTotal} + ${delta})`,
        ),
      )
      .returning({ id: recupBatches.id });
    if (!moved) throw new AppError('recuperation/quota_exceeds_capacity');
    if (existing && input.quota < existing.used) throw new AppError('recuperation/quota_below_used');
    if (existing && input.quota === 0 && existing.used === 0) {
      await tx.delete(recupQuotas).where(eq(recupQuotas.id, existing.id));
    } else if (existing) {
      await tx.update(recupQuotas).set({ quota: input.quota }).where(eq(recupQuotas.id, existing.id));
    } else if (input.quota > 0) {
      await tx.insert(recupQuotas).values({ batchId, orgId: org.id, orgPath: org.path, quota: input.quota });
    }
    await audit(
      { ...ctx, db: tx },
      {
        action: 'recuperation.quota_set',
        targetType: 'recup_batch',
        targetId: batchId,
        targetName: `${programme.title} ${batch.name}`,
        orgPath: programme.orgPath,
        details: { orgId: org.id, orgName: org.name, before, after: input.quota },
      },
    );
    if (delta > 0) await fillSeats(ctx, tx, batchId);
  });
}
