/**
 * Applications: a member signs up in the portal (本人报名) or a union nominates a member of its subtree
 * (工会推荐); both go through `enrol`, which checks the programme's rules and takes a seat or a place
 * on the waiting list in one transaction. Cancelling or rejecting frees the seat for the waiting list.
 */
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { AuditAction } from '../../../shared/enums';
import { type ApplicationStatus, seatStatuses } from '../../../shared/schemas/recuperation';
import type { Ctx } from '../../context';
import type { DbOrTx } from '../../db/client';
import { chinaDate, yearsBefore } from '../../lib/dates';
import { uniqueViolation } from '../../lib/pg-errors';
import { AppError } from '../../plugins/errors';
import { pathInScope, scopeFor } from '../../plugins/scope';
import { audit } from '../audit/audit.service';
import { getMemberInScope, getOwnMember } from '../members/members.queries';
import type { members } from '../members/members.tables';
import { notifyAccount } from '../notifications/notifications.service';
import { type BatchRow, managedBatch, type ProgrammeRow, visibleBatch } from './recuperation.programmes';
import { accountOfMember, fillSeats, nearestQuota, releaseSeat, takeSeat } from './recuperation.seats';
import { recupApplications, recupBatches, recupProgrammes } from './recuperation.tables';

type MemberRow = typeof members.$inferSelect;
export type ApplicationRow = typeof recupApplications.$inferSelect;

export interface Declarations {
  frontLine: boolean;
  honour?: string | undefined;
  note?: string | undefined;
}

/** Why a member may not join a programme's batch now (already applied, recent trip), or null. */
export async function blockedReason(
  db: DbOrTx,
  programme: ProgrammeRow,
  batch: Pick<BatchRow, 'startDate'>,
  memberId: number,
): Promise<{ id: 'recuperation/duplicate_application' | 'recuperation/recent_trip'; text: string } | null> {
  const [live] = await db
    .select({ batch: recupBatches.name })
    .from(recupApplications)
    .innerJoin(recupBatches, eq(recupBatches.id, recupApplications.batchId))
    .where(
      and(
        eq(recupApplications.programmeId, programme.id),
        eq(recupApplications.memberId, memberId),
        sql`${recupApplications.status} not in ('cancelled', 'rejected')`,
      ),
    )
    .limit(1);
  if (live) return { id: 'recuperation/duplicate_application', text: `已报名本项目${live.batch}` };
  if (programme.recentYears > 0) {
    const since = yearsBefore(batch.startDate, programme.recentYears);
    const [recent] = await db
      .select({ start: recupBatches.startDate })
      .from(recupApplications)
      .innerJoin(recupBatches, eq(recupBatches.id, recupApplications.batchId))
      .where(
        and(
          eq(recupApplications.memberId, memberId),
          ne(recupApplications.programmeId, programme.id),
          inArray(recupApplications.status, ['confirmed', 'attended']),
          sql`${recupBatches.startDate} > ${since}::date`,
        ),
      )
      .limit(1);
    if (recent) {
      return {
        id: 'recuperation/recent_trip',
        text: `${recent.start.slice(0, 4)} 年已参加疗休养，近 ${programme.recentYears} 年内不能再报名`,
      };
    }
  }
  return null;
}

interface Enrolment {
  programme: ProgrammeRow;
  batch: BatchRow;
  member: MemberRow;
  channel: 'self' | 'nominated';
  declarations: Declarations;
}

/** Checks the rules and takes a seat or a waiting-list place, in one transaction; the new row. */
async function enrol(ctx: Ctx, tx: DbOrTx, e: Enrolment): Promise<ApplicationRow> {
  const { programme, batch, member, declarations: d } = e;
  if (programme.status !== 'open') throw new AppError('recuperation/programme_not_open');
  if (chinaDate(ctx.now) > batch.signupDeadline) throw new AppError('recuperation/deadline_passed');
  if (!member.orgPath.startsWith(programme.orgPath)) throw new AppError('recuperation/batch_not_found');
  if (member.status !== 'active') throw new AppError('recuperation/member_not_active');
  if (programme.frontLineOnly && !d.frontLine) throw new AppError('recuperation/front_line_required');
  const honour = d.honour?.trim() || null;
  if (programme.modelWorkerOnly && !honour) throw new AppError('recuperation/honour_required');
  const blocked = await blockedReason(tx, programme, batch, member.id);
  if (blocked) throw new AppError(blocked.id);

  const quotaId = await nearestQuota(tx, batch.id, member.orgPath);
  const seated = await takeSeat(tx, batch.id, quotaId);
  const nominated = e.channel === 'nominated';
  const [row] = await tx
    .insert(recupApplications)
    .values({
      programmeId: programme.id,
      batchId: batch.id,
      memberId: member.id,
      orgId: member.orgId,
      orgPath: member.orgPath,
      channel: e.channel,
      frontLine: d.frontLine,
      honour,
      note: d.note?.trim() || null,
      status: seated ? 'accepted' : 'waitlisted',
      quotaId: seated ? quotaId : null,
      seatAt: seated ? ctx.now : null,
      appliedBy: ctx.actor.accountId,
      appliedByName: ctx.actor.displayName,
      appliedAt: ctx.now,
      checkedBy: nominated ? ctx.actor.accountId : null,
      checkedByName: nominated ? ctx.actor.displayName : null,
      updatedAt: ctx.now,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  await audit(
    { ...ctx, db: tx },
    {
      action: nominated ? 'recuperation.nominate' : 'recuperation.apply',
      targetType: 'recup_application',
      targetId: row.id,
      targetName: `${member.name} · ${programme.title} ${batch.name}`,
      orgPath: member.orgPath,
      details: {
        programmeId: programme.id,
        batchId: batch.id,
        memberId: member.id,
        channel: e.channel,
        frontLine: d.frontLine,
        honour,
        status: row.status,
      },
    },
  );
  return row;
}

/** Runs an enrolment, answering the live-application unique index as a duplicate (two sign-ups racing). */
async function enrolOnce(ctx: Ctx, work: (tx: DbOrTx) => Promise<ApplicationRow>): Promise<ApplicationRow> {
  try {
    return await ctx.db.transaction(work);
  } catch (err) {
    if (uniqueViolation(err) === 'recup_applications_live_uq') throw new AppError('recuperation/duplicate_application');
    throw err;
  }
}

/** 本人报名: the signed-in member signs up for a batch of a programme of their union or a union above it. */
export async function applySelf(ctx: Ctx, batchId: number, d: Declarations): Promise<ApplicationRow> {
  return enrolOnce(ctx, async (tx) => {
    const member = await getOwnMember(tx, ctx.actor.accountId);
    const [row] = await tx
      .select({ batch: recupBatches, programme: recupProgrammes })
      .from(recupBatches)
      .innerJoin(recupProgrammes, eq(recupProgrammes.id, recupBatches.programmeId))
      .where(eq(recupBatches.id, batchId));
    // A batch of a programme the member could not join looks like one that does not exist.
    if (!row || !member.orgPath.startsWith(row.programme.orgPath) || row.programme.status === 'draft') {
      throw new AppError('recuperation/batch_not_found');
    }
    return enrol(ctx, tx, { ...row, member, channel: 'self', declarations: d });
  });
}

/** 工会推荐: a holder of welfare.manage nominates a member of their subtree; the nomination vouches for the declarations. */
export async function nominate(ctx: Ctx, batchId: number, memberId: number, d: Declarations) {
  const row = await enrolOnce(ctx, async (tx) => {
    const { batch, programme } = await visibleBatch(ctx, tx, batchId, scopeFor(ctx.actor, 'welfare.manage'));
    const member = await getMemberInScope(tx, scopeFor(ctx.actor, 'welfare.manage'), memberId);
    return enrol(ctx, tx, { programme, batch, member, channel: 'nominated', declarations: d });
  });
  const accountId = await accountOfMember(ctx.db, memberId);
  if (accountId) {
    await notifyAccount(ctx.db, accountId, {
      kind: 'recuperation.nominated',
      title: '工会推荐您参加职工疗休养',
      body:
        row.status === 'accepted'
          ? '工会已推荐您参加疗休养并为您保留了名额，请在职工之家查看并确认参加。'
          : '工会已推荐您参加疗休养，目前名额已满，您在候补名单中。',
      link: '/m/recuperation',
      at: ctx.now,
      dedupeKey: `recuperation.nominated:${row.id}`,
    });
  }
  return row;
}

/** One application with its batch and programme, locked for the change. */
async function lockedApplication(tx: DbOrTx, id: number) {
  const [row] = await tx
    .select({ application: recupApplications, batch: recupBatches, programme: recupProgrammes })
    .from(recupApplications)
    .innerJoin(recupBatches, eq(recupBatches.id, recupApplications.batchId))
    .innerJoin(recupProgrammes, eq(recupProgrammes.id, recupApplications.programmeId))
    .where(eq(recupApplications.id, id))
    .for('update', { of: recupApplications });
  if (!row) throw new AppError('recuperation/application_not_found');
  return row;
}

type Locked = Awaited<ReturnType<typeof lockedApplication>>;

/** Who acts on an application: the member themself (portal), the member's union side, or the programme owner. */
export type Acting = 'self' | 'union' | 'owner';

/** The application, if the actor may act on it in that role; otherwise 404 (out of scope looks like missing). */
async function applicationFor(ctx: Ctx, tx: DbOrTx, id: number, acting: Acting): Promise<Locked> {
  const row = await lockedApplication(tx, id);
  const manage = scopeFor(ctx.actor, 'welfare.manage');
  let allowed: boolean;
  if (acting === 'self') {
    const member = await getOwnMember(tx, ctx.actor.accountId);
    allowed = member.id === row.application.memberId;
  } else if (acting === 'owner') {
    allowed = pathInScope(row.programme.orgPath, manage);
  } else {
    allowed = pathInScope(row.application.orgPath, manage) || pathInScope(row.programme.orgPath, manage);
  }
  if (!allowed) throw new AppError('recuperation/application_not_found');
  return row;
}

const holdsSeat = (s: ApplicationStatus) => seatStatuses.includes(s);

async function auditChange(ctx: Ctx, tx: DbOrTx, row: Locked, action: AuditAction, details: Record<string, unknown>) {
  await audit(
    { ...ctx, db: tx },
    {
      action,
      targetType: 'recup_application',
      targetId: row.application.id,
      targetName: `${row.programme.title} ${row.batch.name}`,
      orgPath: row.application.orgPath,
      details: { batchId: row.batch.id, memberId: row.application.memberId, ...details },
    },
  );
}

async function tellMember(ctx: Ctx, row: Locked, title: string, body: string, kind: string) {
  const accountId = await accountOfMember(ctx.db, row.application.memberId);
  if (!accountId || accountId === ctx.actor.accountId) return;
  await notifyAccount(ctx.db, accountId, {
    kind,
    title,
    body,
    link: '/m/recuperation',
    at: ctx.now,
    dedupeKey: `${kind}:${row.application.id}`,
  });
}

/** Cancels an application (worker or union), with a reason; a held seat goes to the waiting list. */
export async function cancelApplication(ctx: Ctx, id: number, reason: string, acting: 'self' | 'union') {
  const row = await ctx.db.transaction(async (tx) => {
    const row = await applicationFor(ctx, tx, id, acting);
    const { application: a, batch } = row;
    if (!['accepted', 'waitlisted', 'confirmed'].includes(a.status)) throw new AppError('recuperation/bad_status');
    if (chinaDate(ctx.now) >= batch.startDate) throw new AppError('recuperation/batch_started');
    await decide(ctx, tx, row, 'cancelled', reason);
    await auditChange(ctx, tx, row, 'recuperation.cancel', { reason, status: a.status });
    return row;
  });
  if (acting === 'union') {
    await tellMember(
      ctx,
      row,
      '疗休养报名已取消',
      `工会取消了您的疗休养报名（${row.batch.name}），原因：${reason}`,
      'recuperation.cancelled',
    );
  }
}

/** Rejects an application as ineligible (the programme owner), with a reason the worker sees. */
export async function rejectApplication(ctx: Ctx, id: number, reason: string) {
  const row = await ctx.db.transaction(async (tx) => {
    const row = await applicationFor(ctx, tx, id, 'owner');
    if (!['accepted', 'waitlisted', 'confirmed'].includes(row.application.status)) {
      throw new AppError('recuperation/bad_status');
    }
    await decide(ctx, tx, row, 'rejected', reason);
    await auditChange(ctx, tx, row, 'recuperation.reject', { reason, status: row.application.status });
    return row;
  });
  await tellMember(
    ctx,
    row,
    '疗休养报名未通过',
    `您的疗休养报名（${row.batch.name}）未通过审核，原因：${reason}`,
    'recuperation.rejected',
  );
}

/** Ends an application (cancelled or rejected), releasing its seat and moving the waiting list up. */
async function decide(ctx: Ctx, tx: DbOrTx, row: Locked, status: 'cancelled' | 'rejected', reason: string) {
  const { application: a } = row;
  await tx
    .update(recupApplications)
    .set({
      status,
      reason,
      decidedBy: ctx.actor.accountId,
      decidedByName: ctx.actor.displayName,
      decidedAt: ctx.now,
      updatedAt: ctx.now,
    })
    .where(eq(recupApplications.id, a.id));
  if (holdsSeat(a.status)) {
    await releaseSeat(tx, a.batchId, a.quotaId);
    await fillSeats(ctx, tx, a.batchId);
  }
}

/**
 * Confirms participation of an accepted applicant: the worker in the portal, or the union (which also
 * vouches for the declarations: 一线职工, the honour).
 */
export async function confirmApplication(ctx: Ctx, id: number, acting: 'self' | 'union') {
  await ctx.db.transaction(async (tx) => {
    const row = await applicationFor(ctx, tx, id, acting);
    if (row.application.status !== 'accepted') throw new AppError('recuperation/bad_status');
    if (chinaDate(ctx.now) >= row.batch.startDate) throw new AppError('recuperation/batch_started');
    await tx
      .update(recupApplications)
      .set({
        status: 'confirmed',
        confirmedAt: ctx.now,
        updatedAt: ctx.now,
        ...(acting === 'union' ? { checkedBy: ctx.actor.accountId, checkedByName: ctx.actor.displayName } : {}),
      })
      .where(eq(recupApplications.id, id));
    await auditChange(ctx, tx, row, 'recuperation.confirm', { initiatedBy: acting === 'self' ? '本人' : '工会' });
  });
}

/**
 * Records who went on the trip (the programme owner, from the batch's first day): confirmed
 * applications become 已参加 or 未参加; a mistake may be corrected. All or nothing.
 */
export async function recordAttendance(
  ctx: Ctx,
  batchId: number,
  items: { applicationId: number; attended: boolean }[],
) {
  return ctx.db.transaction(async (tx) => {
    const { batch, programme } = await managedBatch(ctx, tx, batchId);
    if (chinaDate(ctx.now) < batch.startDate) throw new AppError('recuperation/trip_not_started');
    const ids = [...new Set(items.map((i) => i.applicationId))];
    const rows = await tx
      .select({ id: recupApplications.id, status: recupApplications.status })
      .from(recupApplications)
      .where(and(eq(recupApplications.batchId, batchId), inArray(recupApplications.id, ids)))
      .for('update');
    if (rows.length !== ids.length) throw new AppError('recuperation/application_not_found');
    if (rows.some((r) => !['confirmed', 'attended', 'absent'].includes(r.status))) {
      throw new AppError('recuperation/bad_status');
    }
    const attended = items.filter((i) => i.attended).map((i) => i.applicationId);
    const absent = items.filter((i) => !i.attended).map((i) => i.applicationId);
    const set = (status: 'attended' | 'absent') => ({
      status,
      attendanceBy: ctx.actor.accountId,
      attendanceAt: ctx.now,
      updatedAt: ctx.now,
    });
    if (attended.length)
      await tx.update(recupApplications).set(set('attended')).where(inArray(recupApplications.id, attended));
    if (absent.length)
      await tx.update(recupApplications).set(set('absent')).where(inArray(recupApplications.id, absent));
    await audit(
      { ...ctx, db: tx },
      {
        action: 'recuperation.attendance',
        targetType: 'recup_batch',
        targetId: batchId,
        targetName: `${programme.title} ${batch.name}`,
        orgPath: programme.orgPath,
        details: { attended: attended.length, absent: absent.length },
      },
    );
    return { attended: attended.length, absent: absent.length };
  });
}
