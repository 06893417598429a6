import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { type PermissionCode, roles } from '../../../shared/permissions';
import type { Config } from '../../config';
import type { Actor, ActorGrant, RequestMeta } from '../../context';
import type { DbOrTx } from '../../db/client';
import { accounts, grants, sessions } from '../accounts/accounts.tables';
import { orgs } from '../orgs/orgs.tables';

export const sessionCookie = 'gh_session';

const sha256 = (v: string) => createHash('sha256').update(v).digest('hex');
const token = (bytes: number) => randomBytes(bytes).toString('base64url');

/** Starts a session for an account; returns the cookie token (only its hash is stored). */
export async function createSession(
  db: DbOrTx,
  accountId: number,
  meta: RequestMeta,
  now: Date,
  config: Config,
): Promise<{ token: string; expiresAt: Date }> {
  const cookieToken = token(32);
  const expiresAt = new Date(now.getTime() + config.sessionMaxHours * 3600_000);
  await db.insert(sessions).values({
    tokenHash: sha256(cookieToken),
    publicId: token(9),
    accountId,
    csrfToken: token(24),
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  return { token: cookieToken, expiresAt };
}

/**
 * The per-request lookup: session, account, home org path and the effective grants as a JSON array,
 * in one round trip. Prepared once per connection pool, so PostgreSQL plans it once, not per request.
 */
function prepareSessionQuery(db: DbOrTx) {
  const grantsJson = sql<ActorGrant[] | string>`(
    select coalesce(json_agg(json_build_object('id', g.id, 'role', g.role, 'orgId', g.org_id, 'orgPath', go.path,
      'departmentId', g.department_id) order by g.id), '[]'::json)
    from ${grants} g join ${orgs} go on go.id = g.org_id
    where g.account_id = ${accounts.id} and go.status = 'active')`;
  return db
    .select({ session: sessions, account: accounts, orgPath: orgs.path, grants: grantsJson })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .innerJoin(orgs, eq(orgs.id, accounts.orgId))
    .where(and(eq(sessions.tokenHash, sql.placeholder('tokenHash')), isNull(sessions.endedAt)))
    .limit(1)
    .prepare('gh_load_session');
}
const sessionQueries = new WeakMap<DbOrTx, ReturnType<typeof prepareSessionQuery>>();

export type SessionLookup = { actor: Actor } | { expired: true } | null;

// Touch last_seen_at at most once a minute: idle timeout precision is not worth a write per request.
const touchIntervalMs = 60_000;

/** Resolves a cookie token to the actor, ending the session when it has idled out or expired. */
export async function loadSession(db: DbOrTx, cookieToken: string, now: Date, config: Config): Promise<SessionLookup> {
  const tokenHash = sha256(cookieToken);
  let query = sessionQueries.get(db);
  if (!query) {
    query = prepareSessionQuery(db);
    sessionQueries.set(db, query);
  }
  const [row] = await query.execute({ tokenHash });
  if (!row) return null;
  const { session, account } = row;
  const idleLimit = session.lastSeenAt.getTime() + config.sessionIdleMinutes * 60_000;
  const reason =
    now >= session.expiresAt
      ? 'expired'
      : now.getTime() >= idleLimit
        ? 'idle'
        : account.status !== 'active'
          ? 'locked'
          : null;
  if (reason) {
    await db.update(sessions).set({ endedAt: now, endReason: reason }).where(eq(sessions.tokenHash, tokenHash));
    return { expired: true };
  }
  if (now.getTime() - session.lastSeenAt.getTime() > touchIntervalMs) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash));
  }
  const actorGrants = typeof row.grants === 'string' ? (JSON.parse(row.grants) as ActorGrant[]) : row.grants;
  const permissions = new Set<PermissionCode>(actorGrants.flatMap((g) => roles[g.role].permissions));
  return {
    actor: {
      accountId: account.id,
      username: account.username,
      displayName: account.displayName,
      orgId: account.orgId,
      orgPath: row.orgPath,
      mustChangePassword: account.mustChangePassword,
      grants: actorGrants,
      permissions,
      session: { publicId: session.publicId, csrfToken: session.csrfToken, expiresAt: session.expiresAt },
    },
  };
}

/** Ends one session by its cookie token. */
export async function endSessionByToken(db: DbOrTx, cookieToken: string, now: Date, reason: string): Promise<void> {
  await db
    .update(sessions)
    .set({ endedAt: now, endReason: reason })
    .where(and(eq(sessions.tokenHash, sha256(cookieToken)), isNull(sessions.endedAt)));
}

/** Ends every open session of an account (optionally all but one); returns how many. */
export async function endAccountSessions(
  db: DbOrTx,
  accountId: number,
  now: Date,
  reason: string,
  exceptPublicId?: string,
): Promise<number> {
  const ended = await db
    .update(sessions)
    .set({ endedAt: now, endReason: reason })
    .where(
      and(
        eq(sessions.accountId, accountId),
        isNull(sessions.endedAt),
        exceptPublicId ? sql`${sessions.publicId} <> ${exceptPublicId}` : undefined,
      ),
    )
    .returning({ publicId: sessions.publicId });
  return ended.length;
}

/** Open sessions of an account that have neither expired nor idled out. */
export function liveSessionsCondition(now: Date, config: Config) {
  return and(
    isNull(sessions.endedAt),
    gt(sessions.expiresAt, now),
    gt(sessions.lastSeenAt, new Date(now.getTime() - config.sessionIdleMinutes * 60_000)),
  );
}
