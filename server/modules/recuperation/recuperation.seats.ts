/**
 * Seats of a batch. Taking one is a conditional update of the batch counter (`seats_taken < capacity`,
 * and for applicants outside every quota also `pool_taken < capacity - quota_total`), then of the
 * quota counter (`used < quota`), in the caller's transaction: concurrent sign-ups queue on the batch
 * row and each re-checks the condition against the committed counter, so a batch is never oversold.
 * Locks are always taken batch row first, then quota row (sign-up, release, promotion, quota changes).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../context';
import { type DbOrTx, queryRows } from '../../db/client';
import { accounts } from '../accounts/accounts.tables';
import { audit } from '../audit/audit.service';
import { notifyAccount } from '../notifications/notifications.service';
import { recupApplications, recupBatches, recupProgrammes, recupQuotas } from './recuperation.tables';

/** The quota a member of the union at `orgPath` counts against: the nearest ancestor-or-self with one. */
export async function nearestQuota(db: DbOrTx, batchId: number, orgPath: string): Promise<number | null> {
  const [row] = await db
    .select({ id: recupQuotas.id })
    .from(recupQuotas)
    .where(and(eq(recupQuotas.batchId, batchId), sql`${orgPath} like ${recupQuotas.orgPath} || '%'`))
    .orderBy(sql`length(${recupQuotas.orgPath}) desc`)
    .limit(1);
  return row?.id ?? null;
}

/** Takes one seat (charged to `quotaId`, or the pool); false when none is left. */
export async function takeSeat(db: DbOrTx, batchId: number, quotaId: number | null): Promise<boolean> {
  if (quotaId === null) {
    const [row] = await db
      .update(recupBatches)
      .set({ seatsTaken: sql`${recupBatches.seatsTaken} + 1`, poolTaken: sql`${recupBatches.poolTaken} + 1` })
      .where(
        and(
          eq(recupBatches.id, batchId),
          sql`${recupBatches.seatsTaken} < ${recupBatches.capacity}`,
          sql`${recupBatches.poolTaken} < ${recupBatches.capacity} - ${recupBatches.quotaTotal}`,
        ),
      )
      .returning({ id: recupBatches.id });
    return !!row;
  }
  const [seat] = await db
    .update(recupBatches)
    .set({ seatsTaken: sql`${recupBatches.seatsTaken} + 1` })
    .where(and(eq(recupBatches.id, batchId), sql`${recupBatches.seatsTaken} < ${recupBatches.capacity}`))
    .returning({ id: recupBatches.id });
  if (!seat) return false;
  const [quota] = await db
    .update(recupQuotas)
    .set({ used: sql`${recupQuotas.used} + 1` })
    .where(and(eq(recupQuotas.id, quotaId), sql`${recupQuotas.used} < ${recupQuotas.quota}`))
    .returning({ id: recupQuotas.id });
  if (quota) return true;
  await db
    .update(recupBatches)
    .set({ seatsTaken: sql`${recupBatches.seatsTaken} - 1` })
    .where(eq(recupBatches.id, batchId));
  return false;
}

/** Gives a held seat back (cancellation, rejection). */
export async function releaseSeat(db: DbOrTx, batchId: number, quotaId: number | null) {
  await db
    .update(recupBatches)
    .set({
      seatsTaken: sql`${recupBatches.seatsTaken} - 1`,
      poolTaken: quotaId === null ? sql`${recupBatches.poolTaken} - 1` : recupBatches.poolTaken,
    })
    .where(eq(recupBatches.id, batchId));
  if (quotaId !== null) {
    await db
      .update(recupQuotas)
      .set({ used: sql`${recupQuotas.used} - 1` })
      .where(eq(recupQuotas.id, quotaId));
  }
}

/** The account linked to a member, if the member has one (for notifications). */
export async function accountOfMember(db: DbOrTx, memberId: number): Promise<number | null> {
  const [row] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.memberId, memberId)).limit(1);
  return row?.id ?? null;
}

/**
 * Moves the waiting list up while seats are free: the first waitlisted applicant (by sign-up order)
 * whose quota — or the pool, for applicants outside every quota — still has room is accepted, told
 * in the portal, and audited. Returns the ids promoted.
 */
export async function fillSeats(ctx: Ctx, tx: DbOrTx, batchId: number): Promise<number[]> {
  const promoted: number[] = [];
  for (let attempt = 0; attempt < 1000; attempt++) {
    const [candidate] = await queryRows<{ id: string; quota_id: string | null; member_id: string; org_path: string }>(
      tx,
      sql`select a.id, q.id as quota_id, a.member_id, a.org_path
          from ${recupApplications} a
          join ${recupBatches} b on b.id = a.batch_id
          left join lateral (
            select q.id, q.quota, q.used from ${recupQuotas} q
            where q.batch_id = a.batch_id and a.org_path like q.org_path || '%'
            order by length(q.org_path) desc limit 1
          ) q on true
          where a.batch_id = ${batchId} and a.status = 'waitlisted' and b.seats_taken < b.capacity
            and case when q.id is null then b.pool_taken < b.capacity - b.quota_total else q.used < q.quota end
          order by a.id
          limit 1`,
    );
    if (!candidate) break;
    const quotaId = candidate.quota_id === null ? null : Number(candidate.quota_id);
    if (!(await takeSeat(tx, batchId, quotaId))) continue;
    const id = Number(candidate.id);
    const [row] = await tx
      .update(recupApplications)
      .set({ status: 'accepted', quotaId, seatAt: ctx.now, updatedAt: ctx.now })
      .where(and(eq(recupApplications.id, id), eq(recupApplications.status, 'waitlisted')))
      .returning();
    if (!row) {
      await releaseSeat(tx, batchId, quotaId);
      continue;
    }
    promoted.push(id);
    const [info] = await tx
      .select({ batch: recupBatches.name, title: recupProgrammes.title, start: recupBatches.startDate })
      .from(recupBatches)
      .innerJoin(recupProgrammes, eq(recupProgrammes.id, recupBatches.programmeId))
      .where(eq(recupBatches.id, batchId));
    await audit(
      { ...ctx, db: tx },
      {
        action: 'recuperation.promote',
        targetType: 'recup_application',
        targetId: id,
        targetName: `${info?.title ?? ''} ${info?.batch ?? ''}`,
        orgPath: row.orgPath,
        details: { batchId, memberId: row.memberId },
      },
    );
    const accountId = await accountOfMember(tx, row.memberId);
    if (accountId) {
      await notifyAccount(tx, accountId, {
        kind: 'recuperation.promoted',
        title: '疗休养候补已转为录取',
        body: `您报名的「${info?.title ?? ''}」${info?.batch ?? ''}（${info?.start ?? ''} 出发）有名额空出，您已由候补转为录取，请在职工之家确认参加。`,
        link: '/m/recuperation',
        at: ctx.now,
        dedupeKey: `recuperation.promoted:${id}`,
      });
    }
  }
  return promoted;
}
