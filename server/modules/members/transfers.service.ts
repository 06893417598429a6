import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { portalTransferBody, transferInBody, transferOutBody } from '../../../shared/schemas/transfers';
import type { Ctx } from '../../context';
import type { DbOrTx } from '../../db/client';
import { uniqueViolation } from '../../lib/pg-errors';
import { blindIndex } from '../../lib/pii';
import { AppError } from '../../plugins/errors';
import { pathInScope } from '../../plugins/scope';
import { accounts, grants } from '../accounts/accounts.tables';
import { audit } from '../audit/audit.service';
import { orgs } from '../orgs/orgs.tables';
import { getJoinableUnion } from './joins.queries';
import { memberTransfers } from './joins.tables';
import { maskName } from './members.card';
import { getMemberInScope, getOwnMember, type MemberRow } from './members.queries';
import { bumpMemberCount, recordChange, unionFor } from './members.service';
import { members } from './members.tables';
import { awaitingPath, getTransferInScope, type TransferRow, transferViewOf } from './transfers.queries';

type Initiator = TransferRow['initiatedBy'];
type Union = { id: number; name: string; path: string };

/**
 * Moves the member in the caller's transaction: org and path, both unions' counts, history, and the
 * member's portal account (its member grant and home org follow the member to the new union).
 */
async function completeTransfer(ctx: Ctx, tx: DbOrTx, t: TransferRow) {
  const [member] = await tx.select().from(members).where(eq(members.id, t.memberId)).for('update');
  if (!member || member.orgId !== t.fromOrgId) throw new AppError('transfers/member_moved');
  if (member.status !== 'active') throw new AppError('transfers/member_not_active');
  const to = await getJoinableUnion(tx, t.toOrgId, 'transfers/union_unavailable');
  const [from] = await tx.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, member.orgId));
  const [moved] = await tx
    .update(members)
    .set({ orgId: to.id, orgPath: to.path, updatedAt: ctx.now })
    .where(and(eq(members.id, member.id), eq(members.orgId, t.fromOrgId)))
    .returning();
  if (!moved) throw new AppError('common/conflict');
  await bumpMemberCount(tx, { id: member.orgId, path: member.orgPath }, -1);
  await bumpMemberCount(tx, to, 1);
  await recordChange(ctx, tx, moved, 'members.transfer', {
    org: { before: from?.name ?? null, after: to.name },
    transferId: t.id,
  });
  const [account] = await tx.select().from(accounts).where(eq(accounts.memberId, member.id));
  if (account) {
    await tx
      .update(grants)
      .set({ orgId: to.id, orgPath: to.path })
      .where(and(eq(grants.accountId, account.id), eq(grants.role, 'member'), eq(grants.orgId, member.orgId)));
    if (account.orgId === member.orgId) {
      await tx
        .update(accounts)
        .set({ orgId: to.id, orgPath: to.path, updatedAt: ctx.now })
        .where(eq(accounts.id, account.id));
    }
  }
}

/** The audit entry of a transfer event, on the given side; names stay masked (the other side reads it too). */
function transferAudit(t: TransferRow, side: string, details: Record<string, unknown>) {
  return {
    targetType: 'member' as const,
    targetId: t.memberId,
    targetName: t.memberNameMasked,
    orgPath: side,
    details: { transferId: t.id, initiatedBy: t.initiatedBy, ...details },
  };
}

/**
 * Opens a transfer of an active member to another union. When the caller's scope also covers the side
 * that must agree (a county admin moving a member between two of its unions), asking is agreeing: the
 * transfer completes at once, in the same transaction.
 */
async function openTransfer(
  ctx: Ctx,
  member: MemberRow & { orgName: string },
  to: Union,
  initiatedBy: Initiator,
  reason: string | undefined,
) {
  if (member.status !== 'active') throw new AppError('transfers/member_not_active');
  if (member.orgId === to.id) throw new AppError('transfers/same_union');
  try {
    const id = await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(memberTransfers)
        .values({
          memberId: member.id,
          fromOrgId: member.orgId,
          fromPath: member.orgPath,
          toOrgId: to.id,
          toPath: to.path,
          memberNameMasked: maskName(member.name),
          idNumberMasked: member.idNumberMasked,
          initiatedBy,
          reason: reason ?? null,
          requestedBy: ctx.actor.accountId,
          // A member's own request names no one: the receiving union sees the masked name only.
          requesterName: initiatedBy === 'member' ? null : ctx.actor.displayName,
          createdAt: ctx.now,
        })
        .returning();
      if (!row) throw new Error('insert returned no row');
      const side = initiatedBy === 'receiving' ? to.path : member.orgPath;
      await audit(
        { ...ctx, db: tx },
        {
          action: 'members.transfer_request',
          ...transferAudit(row, side, { fromOrg: member.orgName, toOrg: to.name, reason: reason ?? null }),
        },
      );
      if (initiatedBy !== 'member' && pathInScope(awaitingPath(row), ctx.scope)) {
        await decide(ctx, tx, row, { accept: true });
      }
      return row.id;
    });
    return transferViewOf(ctx.db, ctx.scope, id, { self: initiatedBy === 'member' });
  } catch (err) {
    if (uniqueViolation(err) === 'member_transfers_pending_uq') throw new AppError('transfers/pending_exists');
    throw err;
  }
}

/** The sending union moves one of its members to another union; the receiving union must agree. */
export async function transferOut(ctx: Ctx, input: z.output<typeof transferOutBody>) {
  const member = await getMemberInScope(ctx.db, ctx.scope, input.memberId);
  const to = await getJoinableUnion(ctx.db, input.toOrgId, 'transfers/union_unavailable');
  return openTransfer(ctx, member, to, 'sending', input.reason);
}

/**
 * The receiving union asks for a person who is a member elsewhere, known by the ID number it was given;
 * the sending union must confirm. The caller learns the masked name and the sending union only.
 */
export async function transferIn(ctx: Ctx, input: z.output<typeof transferInBody>) {
  const to = await unionFor(ctx, ctx.db, input.toOrgId);
  const [found] = await ctx.db
    .select({ member: members, orgName: orgs.name })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(eq(members.idNumberIndex, blindIndex(ctx.pii, 'id_number', input.idNumber.value)));
  if (!found) throw new AppError('transfers/member_not_found');
  return openTransfer(ctx, { ...found.member, orgName: found.orgName }, to, 'receiving', input.reason);
}

/** A member asks to move to another union; the receiving union decides (membership is voluntary). */
export async function requestOwnTransfer(ctx: Ctx, input: z.output<typeof portalTransferBody>) {
  const member = await getOwnMember(ctx.db, ctx.actor.accountId);
  const to = await getJoinableUnion(ctx.db, input.toOrgId, 'transfers/union_unavailable');
  return openTransfer(ctx, member, to, 'member', input.reason);
}

type Decision = { accept: true } | { accept: false; comment: string };

async function decide(ctx: Ctx, tx: DbOrTx, t: TransferRow, decision: Decision) {
  const [decided] = await tx
    .update(memberTransfers)
    .set({
      status: decision.accept ? 'accepted' : 'declined',
      decidedBy: ctx.actor.accountId,
      deciderName: ctx.actor.displayName,
      decidedAt: ctx.now,
      decisionComment: decision.accept ? null : decision.comment,
    })
    .where(and(eq(memberTransfers.id, t.id), eq(memberTransfers.status, 'pending')))
    .returning();
  if (!decided) throw new AppError('transfers/decided');
  if (decision.accept) await completeTransfer(ctx, tx, decided);
  await audit(
    { ...ctx, db: tx },
    {
      action: decision.accept ? 'members.transfer_accept' : 'members.transfer_decline',
      ...transferAudit(decided, awaitingPath(decided), decision.accept ? {} : { comment: decision.comment }),
    },
  );
}

/** The side that must agree accepts (the member moves, in one transaction) or declines with a reason. */
export async function decideTransfer(ctx: Ctx, id: number, decision: Decision) {
  const { transfer } = await getTransferInScope(ctx.db, ctx.scope, id);
  if (transfer.status !== 'pending') throw new AppError('transfers/decided');
  if (!pathInScope(awaitingPath(transfer), ctx.scope)) throw new AppError('transfers/awaiting_other_side');
  await ctx.db.transaction((tx) => decide(ctx, tx, transfer, decision));
  return transferViewOf(ctx.db, ctx.scope, id);
}
