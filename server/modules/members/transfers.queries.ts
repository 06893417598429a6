import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { transferListQuery } from '../../../shared/schemas/transfers';
import type { Scope } from '../../context';
import type { DbOrTx } from '../../db/client';
import { decodeCursor, pageFrom } from '../../lib/cursor';
import { AppError } from '../../plugins/errors';
import { inScope, pathInScope } from '../../plugins/scope';
import { orgs } from '../orgs/orgs.tables';
import { memberTransfers } from './joins.tables';
import { members } from './members.tables';

export type TransferRow = typeof memberTransfers.$inferSelect;

/** The side that must agree: the sending union when the receiving one asked, else the receiving union. */
export function awaitingSide(t: Pick<TransferRow, 'initiatedBy'>): 'sending' | 'receiving' {
  return t.initiatedBy === 'receiving' ? 'sending' : 'receiving';
}

/** The org path of the side that must agree. */
export function awaitingPath(t: Pick<TransferRow, 'initiatedBy' | 'fromPath' | 'toPath'>): string {
  return awaitingSide(t) === 'sending' ? t.fromPath : t.toPath;
}

const fromOrg = alias(orgs, 'from_org');
const toOrg = alias(orgs, 'to_org');

function selectTransfers(db: DbOrTx) {
  return db
    .select({
      transfer: memberTransfers,
      memberName: members.name,
      memberPath: members.orgPath,
      fromName: fromOrg.name,
      toName: toOrg.name,
    })
    .from(memberTransfers)
    .innerJoin(members, eq(members.id, memberTransfers.memberId))
    .innerJoin(fromOrg, eq(fromOrg.id, memberTransfers.fromOrgId))
    .innerJoin(toOrg, eq(toOrg.id, memberTransfers.toOrgId));
}
type Selected = Awaited<ReturnType<ReturnType<typeof selectTransfers>['execute']>>[number];

/**
 * A transfer as the caller sees it: the member's name and id only while the member lies in the caller's
 * scope (the other side sees the masked name), and whether the caller may decide it now.
 */
export function toTransferView(r: Selected, scope: Scope, opts: { self?: boolean } = {}) {
  const t = r.transfer;
  const visible = opts.self === true || pathInScope(r.memberPath, scope);
  return {
    id: t.id,
    member: { id: visible ? t.memberId : null, name: visible ? r.memberName : t.memberNameMasked },
    idNumber: t.idNumberMasked,
    from: { id: t.fromOrgId, name: r.fromName },
    to: { id: t.toOrgId, name: r.toName },
    initiatedBy: t.initiatedBy,
    awaiting: awaitingSide(t),
    status: t.status,
    reason: t.reason,
    requesterName: t.requesterName,
    createdAt: t.createdAt.toISOString(),
    deciderName: t.deciderName,
    decidedAt: t.decidedAt?.toISOString() ?? null,
    decisionComment: t.decisionComment,
    canDecide: opts.self !== true && t.status === 'pending' && pathInScope(awaitingPath(t), scope),
  };
}

/** Transfers touching the scope: to it (in), from it (out), or either. */
function touching(scope: Scope, direction: 'in' | 'out' | undefined): SQL | undefined {
  if (direction === 'in') return inScope(memberTransfers.toPath, scope);
  if (direction === 'out') return inScope(memberTransfers.fromPath, scope);
  return or(inScope(memberTransfers.toPath, scope), inScope(memberTransfers.fromPath, scope));
}

/** One transfer touching the scope (either side), or 404. */
export async function getTransferInScope(db: DbOrTx, scope: Scope, id: number) {
  const [row] = await selectTransfers(db)
    .where(and(eq(memberTransfers.id, id), touching(scope, undefined)))
    .limit(1);
  if (!row) throw new AppError('transfers/not_found');
  return row;
}

/** A page of the transfers touching the scope, newest first. */
export async function listTransfers(db: DbOrTx, scope: Scope, f: z.output<typeof transferListQuery>) {
  const key = decodeCursor(f.cursor, ['number'] as const);
  const rows = await selectTransfers(db)
    .where(
      and(
        touching(scope, f.direction),
        f.status ? eq(memberTransfers.status, f.status) : undefined,
        key ? lt(memberTransfers.id, key[0]) : undefined,
      ),
    )
    .orderBy(desc(memberTransfers.id))
    .limit(f.limit + 1);
  const page = pageFrom(rows, f.limit, (r) => [r.transfer.id]);
  return { items: page.items.map((r) => toTransferView(r, scope)), nextCursor: page.nextCursor };
}

/** A member's own transfers, newest first. */
export async function listOwnTransfers(db: DbOrTx, scope: Scope, memberId: number) {
  const rows = await selectTransfers(db)
    .where(eq(memberTransfers.memberId, memberId))
    .orderBy(desc(memberTransfers.id));
  return { items: rows.map((r) => toTransferView(r, scope, { self: true })) };
}

/** One transfer by id, as the caller sees it (after the caller's own write). */
export async function transferViewOf(db: DbOrTx, scope: Scope, id: number, opts: { self?: boolean } = {}) {
  const [row] = await selectTransfers(db).where(eq(memberTransfers.id, id));
  if (!row) throw new AppError('transfers/not_found');
  return toTransferView(row, scope, opts);
}
