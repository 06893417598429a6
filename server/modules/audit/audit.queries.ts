import { and, eq, gte, ilike, isNull, lt, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { auditQuery } from '../../../shared/schemas/audit';
import type { Scope } from '../../context';
import type { DbOrTx } from '../../db/client';
import { decodeCursor, pageFrom } from '../../lib/cursor';
import { inScope, pathIds } from '../../plugins/scope';
import { accounts } from '../accounts/accounts.tables';
import { auditLog } from './audit.tables';

/** The day after a YYYY-MM-DD date, for an inclusive "to" filter. */
function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** A page of audit rows about the caller's subtree, newest first. Dates are China Standard Time days. */
export async function searchAudit(db: DbOrTx, scope: Scope, f: z.output<typeof auditQuery>) {
  const key = decodeCursor(f.cursor, ['number'] as const);
  const actorMatch = f.actor
    ? or(
        ilike(auditLog.actorName, `%${f.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
        sql`${auditLog.actorId} in (select ${accounts.id} from ${accounts} where ${accounts.username} = ${f.actor.toLowerCase()})`,
      )
    : undefined;
  const rows = await db
    .select()
    .from(auditLog)
    .where(
      and(
        // Events tied to no org (e.g. a failed login as an unknown user) belong to the root's admins.
        scope.paths.some((p) => pathIds(p).length === 1)
          ? or(inScope(auditLog.orgPath, scope), isNull(auditLog.orgPath))
          : inScope(auditLog.orgPath, scope),
        actorMatch,
        f.actorId ? eq(auditLog.actorId, f.actorId) : undefined,
        f.action ? eq(auditLog.action, f.action) : undefined,
        f.targetType ? eq(auditLog.targetType, f.targetType) : undefined,
        f.targetId ? eq(auditLog.targetId, f.targetId) : undefined,
        f.result ? eq(auditLog.result, f.result) : undefined,
        f.from ? gte(auditLog.at, new Date(`${f.from}T00:00:00+08:00`)) : undefined,
        f.to ? lt(auditLog.at, new Date(`${nextDay(f.to)}T00:00:00+08:00`)) : undefined,
        key ? lt(auditLog.id, key[0]) : undefined,
      ),
    )
    .orderBy(sql`${auditLog.id} desc`)
    .limit(f.limit + 1);
  const page = pageFrom(rows, f.limit, (r) => [r.id]);
  return {
    items: page.items.map(({ prevHash: _p, hash: _h, orgPath: _o, ...r }) => ({
      ...r,
      at: r.at.toISOString(),
    })),
    nextCursor: page.nextCursor,
  };
}
