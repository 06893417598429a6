import { desc, sql } from 'drizzle-orm';
import type { AuditAction, AuditResult, AuditTargetType } from '../../../shared/enums';
import type { Actor, Ctx, RequestMeta } from '../../context';
import { type DbOrTx, queryRows } from '../../db/client';
import { grantFor } from '../../plugins/scope';
import { chainHash, genesisHash } from './audit.chain';
import { auditLog } from './audit.tables';

export interface AuditEntry {
  action: AuditAction;
  targetType?: AuditTargetType | null;
  targetId?: string | number | null;
  targetName?: string | null;
  /** The org path the event belongs to, so union admins see their subtree's events. */
  orgPath?: string | null;
  result?: AuditResult;
  details?: Record<string, unknown> | null;
}

export interface AuditWho {
  actor: Pick<Actor, 'accountId' | 'displayName'> | null;
  grant: { id: number; role: string } | null;
  meta: RequestMeta;
  at: Date;
}

// One lock key for the whole log: rows are chained in the order their transactions take it.
const chainLockKey = 727_001;

/** Appends one row to the audit log, chained to the previous row, inside the caller's transaction. */
export async function appendAudit(db: DbOrTx, who: AuditWho, entry: AuditEntry): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${chainLockKey})`);
    const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    const [next] = await queryRows<{ id: string }>(tx, sql`select nextval('audit_log_id_seq')::text as id`);
    const row = {
      id: Number(next?.id),
      at: who.at,
      actorId: who.actor?.accountId ?? null,
      actorName: who.actor?.displayName ?? null,
      grantId: who.grant?.id ?? null,
      role: who.grant?.role ?? null,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId == null ? null : String(entry.targetId),
      targetName: entry.targetName ?? null,
      orgPath: entry.orgPath ?? null,
      result: entry.result ?? 'success',
      ip: who.meta.ip,
      userAgent: who.meta.userAgent,
      details: entry.details ?? null,
    };
    const prevHash = last?.hash ?? genesisHash;
    await tx.insert(auditLog).values({ ...row, prevHash, hash: chainHash(prevHash, row) });
  });
}

/** The target fields of an audit entry about an account. */
export function accountTarget(a: { id: number; username: string; orgPath: string }) {
  return { targetType: 'account', targetId: a.id, targetName: a.username, orgPath: a.orgPath } as const;
}

/** The target fields of an audit entry about an org. */
export function orgTarget(o: { id: number; name: string; path: string }) {
  return { targetType: 'org', targetId: o.id, targetName: o.name, orgPath: o.path } as const;
}

/** Audits an action of the request's actor, naming the grant through which it reached the target. */
export function audit(ctx: Ctx, entry: AuditEntry): Promise<void> {
  const grant = grantFor(ctx.scope, entry.orgPath);
  return appendAudit(ctx.db, { actor: ctx.actor, grant, meta: ctx.meta, at: ctx.now }, entry);
}
