import { and, asc, count, eq, exists, ilike, inArray, like, or, type SQL, sql } from 'drizzle-orm';
import type { AccountStatus } from '../../../shared/enums';
import { type RoleCode, roles } from '../../../shared/permissions';
import { maskMobile, normaliseMobile } from '../../../shared/validators/mobile';
import type { Config } from '../../config';
import type { Scope } from '../../context';
import type { DbOrTx } from '../../db/client';
import { decodeCursor, pageFrom } from '../../lib/cursor';
import { AppError } from '../../plugins/errors';
import { inScope } from '../../plugins/scope';
import { liveSessionsCondition } from '../auth/sessions';
import { departments, orgs } from '../orgs/orgs.tables';
import { accounts, grants, sessions } from './accounts.tables';

type AccountRow = typeof accounts.$inferSelect;

/** The grants of several accounts with their org and department names, grouped by account. */
export async function grantViews(db: DbOrTx, accountIds: number[]) {
  const byAccount = new Map<number, ReturnType<typeof toGrantView>[]>();
  if (accountIds.length === 0) return byAccount;
  const rows = await db
    .select({
      id: grants.id,
      accountId: grants.accountId,
      role: grants.role,
      org: { id: orgs.id, name: orgs.name, type: orgs.type },
      departmentId: departments.id,
      departmentName: departments.name,
    })
    .from(grants)
    .innerJoin(orgs, eq(orgs.id, grants.orgId))
    .leftJoin(departments, eq(departments.id, grants.departmentId))
    .where(inArray(grants.accountId, accountIds))
    .orderBy(asc(grants.id));
  for (const row of rows) {
    const list = byAccount.get(row.accountId) ?? [];
    list.push(toGrantView(row));
    byAccount.set(row.accountId, list);
  }
  return byAccount;
}

function toGrantView(row: {
  id: number;
  role: RoleCode;
  org: { id: number; name: string; type: string };
  departmentId: number | null;
  departmentName: string | null;
}) {
  return {
    id: row.id,
    role: row.role,
    roleName: roles[row.role].name,
    org: row.org,
    department: row.departmentId && row.departmentName ? { id: row.departmentId, name: row.departmentName } : null,
  };
}

/** Accounts as the API lists them: masked mobile, home org, grants and live session count. */
export async function accountViews(db: DbOrTx, rows: AccountRow[], now: Date, config: Config) {
  const ids = rows.map((r) => r.id);
  const grantMap = await grantViews(db, ids);
  const orgRows = ids.length
    ? await db
        .select({ id: orgs.id, name: orgs.name, type: orgs.type })
        .from(orgs)
        .where(inArray(orgs.id, [...new Set(rows.map((r) => r.orgId))]))
    : [];
  const orgMap = new Map(orgRows.map((o) => [o.id, o]));
  const sessionRows = ids.length
    ? await db
        .select({ accountId: sessions.accountId, n: count() })
        .from(sessions)
        .where(and(inArray(sessions.accountId, ids), liveSessionsCondition(now, config)))
        .groupBy(sessions.accountId)
    : [];
  const sessionMap = new Map(sessionRows.map((s) => [s.accountId, Number(s.n)]));
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    mobile: r.mobile ? maskMobile(r.mobile) : null,
    org: orgMap.get(r.orgId) ?? { id: r.orgId, name: '', type: '' },
    status: r.status,
    lockedUntil: r.lockedUntil && r.lockedUntil > now ? r.lockedUntil.toISOString() : null,
    mustChangePassword: r.mustChangePassword,
    lastLoginAt: r.lastLoginAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    grants: grantMap.get(r.id) ?? [],
    activeSessions: sessionMap.get(r.id) ?? 0,
  }));
}

/** One account whose home org lies in the scope, or 404. */
export async function getAccountInScope(db: DbOrTx, scope: Scope, id: number) {
  const [row] = await db
    .select()
    .from(accounts)
    .where(and(eq(accounts.id, id), inScope(accounts.orgPath, scope)))
    .limit(1);
  if (!row) throw new AppError('accounts/not_found');
  return row;
}

export interface AccountFilter {
  cursor?: string;
  limit: number;
  q?: string;
  orgId?: number;
  status?: AccountStatus;
  role?: RoleCode;
}

function textMatch(q: string): SQL | undefined {
  const mobile = normaliseMobile(q);
  if (mobile) return eq(accounts.mobile, mobile);
  const escaped = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return or(ilike(accounts.username, escaped), ilike(accounts.displayName, escaped));
}

/** A page of accounts belonging to orgs in the scope, newest first. */
export async function listAccounts(db: DbOrTx, scope: Scope, f: AccountFilter, now: Date, config: Config) {
  let under: string | null = null;
  if (f.orgId) {
    const [org] = await db
      .select({ path: orgs.path })
      .from(orgs)
      .where(and(eq(orgs.id, f.orgId), inScope(orgs.path, scope)));
    if (!org) throw new AppError('orgs/not_found');
    under = org.path;
  }
  const key = decodeCursor(f.cursor, ['number'] as const);
  const filter = and(
    inScope(accounts.orgPath, scope),
    under ? like(accounts.orgPath, `${under}%`) : undefined,
    f.q ? textMatch(f.q) : undefined,
    f.status ? eq(accounts.status, f.status) : undefined,
    f.role
      ? exists(
          db
            .select({ one: sql`1` })
            .from(grants)
            .where(and(eq(grants.accountId, accounts.id), eq(grants.role, f.role))),
        )
      : undefined,
  );
  const rows = await db
    .select()
    .from(accounts)
    .where(and(filter, key ? sql`${accounts.id} < ${key[0]}` : undefined))
    .orderBy(sql`${accounts.id} desc`)
    .limit(f.limit + 1);
  const [total] = await db.select({ n: count() }).from(accounts).where(filter);
  const page = pageFrom(rows, f.limit, (r) => [r.id]);
  return {
    items: await accountViews(db, page.items, now, config),
    nextCursor: page.nextCursor,
    total: Number(total?.n ?? 0),
  };
}

/** The live sessions of an account in the scope. */
export async function listSessions(db: DbOrTx, scope: Scope, accountId: number, now: Date, config: Config) {
  await getAccountInScope(db, scope, accountId);
  const rows = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.accountId, accountId), liveSessionsCondition(now, config)))
    .orderBy(sql`${sessions.lastSeenAt} desc`);
  return {
    items: rows.map((s) => ({
      id: s.publicId,
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
      ip: s.ip,
      userAgent: s.userAgent,
    })),
  };
}
