import { and, asc, count, eq, ilike, inArray, like, or, type SQL, sql } from 'drizzle-orm';
import type { OrgStatus, OrgType } from '../../../shared/enums';
import type { Scope } from '../../context';
import type { DbOrTx } from '../../db/client';
import { decodeCursor, pageFrom } from '../../lib/cursor';
import { AppError } from '../../plugins/errors';
import { inScope, pathIds } from '../../plugins/scope';
import { accounts } from '../accounts/accounts.tables';
import { subtreeMemberTotal } from '../members/members.queries';
import { departments, type OrgRow, orgs } from './orgs.tables';

// Written out in full: inside a select drizzle renders ${orgs.id} without its table, which the
// subquery's own alias would capture.
const childCount = sql<number>`(select count(*)::int from orgs c where c.parent_id = "orgs"."id")`.as('child_count');

/** An org as the API shows it. */
export function toOrgView(row: OrgRow & { childCount: number }) {
  const { nameInitials: _, ...rest } = row;
  return {
    ...rest,
    childCount: Number(row.childCount),
    statusChangedAt: row.statusChangedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function selectOrgs(db: DbOrTx, where: SQL | undefined, limit?: number) {
  const q = db.select({ org: orgs, childCount }).from(orgs).where(where).orderBy(asc(orgs.nameInitials), asc(orgs.id));
  const rows = await (limit ? q.limit(limit) : q);
  return rows.map((r) => ({ ...r.org, childCount: r.childCount }));
}

/** One org in the scope, or 404 (missing and out-of-scope look the same). */
export async function getOrgInScope(db: DbOrTx, scope: Scope, id: number) {
  const [row] = await selectOrgs(db, and(eq(orgs.id, id), inScope(orgs.path, scope)), 1);
  if (!row) throw new AppError('orgs/not_found');
  return row;
}

/** For each path, its orgs (itself included) that the scope reaches, root first; one query for all. */
export async function breadcrumbsOf(db: DbOrTx, scope: Scope, paths: string[]) {
  const ids = [...new Set(paths.flatMap(pathIds))];
  const rows = ids.length
    ? await db
        .select({ id: orgs.id, name: orgs.name })
        .from(orgs)
        .where(and(inArray(orgs.id, ids), inScope(orgs.path, scope)))
    : [];
  const names = new Map(rows.map((r) => [r.id, r.name]));
  return paths.map((p) =>
    pathIds(p).flatMap((id) => {
      const name = names.get(id);
      return name === undefined ? [] : [{ id, name }];
    }),
  );
}

/** The orgs at the top of the scope: where the tree starts for this caller. */
export function scopeRoots(db: DbOrTx, scope: Scope) {
  if (scope.paths.length === 0) return Promise.resolve([]);
  return selectOrgs(db, inArray(orgs.path, scope.paths));
}

/** SQL condition: the org's name contains `q`, or its pinyin initials start with it ("hmq"). */
export function nameMatches(q: string): SQL | undefined {
  const initials = q.toLowerCase().replace(/[^a-z0-9]/g, '');
  const escaped = q.replace(/[\\%_]/g, (c) => `\\${c}`);
  const byName = ilike(orgs.name, `%${escaped}%`);
  return initials && /^[a-z0-9]+$/i.test(q) ? or(byName, like(orgs.nameInitials, `${initials}%`)) : byName;
}

function afterCursor(cursor: string | undefined): SQL | undefined {
  const key = decodeCursor(cursor, ['string', 'number'] as const);
  return key ? sql`(${orgs.nameInitials}, ${orgs.id}) > (${key[0]}, ${key[1]})` : undefined;
}

export interface ChildrenFilter {
  cursor?: string;
  limit: number;
  q?: string;
  status?: OrgStatus;
  type?: OrgType;
}

/** A page of an org's direct children, in pinyin order, with the filtered total. */
export async function listChildren(db: DbOrTx, scope: Scope, parentId: number, f: ChildrenFilter) {
  const filter = and(
    eq(orgs.parentId, parentId),
    inScope(orgs.path, scope),
    f.q ? nameMatches(f.q) : undefined,
    f.status ? eq(orgs.status, f.status) : undefined,
    f.type ? eq(orgs.type, f.type) : undefined,
  );
  // Independent queries: on a PostgreSQL pool they run side by side.
  const [, rows, [total]] = await Promise.all([
    getOrgInScope(db, scope, parentId),
    selectOrgs(db, and(filter, afterCursor(f.cursor)), f.limit + 1),
    db.select({ n: count() }).from(orgs).where(filter),
  ]);
  const page = pageFrom(rows, f.limit, (r) => [r.nameInitials, r.id]);
  return { items: page.items.map(toOrgView), nextCursor: page.nextCursor, total: Number(total?.n ?? 0) };
}

/** Orgs in the scope (optionally under one org) whose name contains `q` or whose initials start with it. */
export async function searchOrgs(
  db: DbOrTx,
  scope: Scope,
  f: { q: string; under?: number; cursor?: string; limit: number },
) {
  const under = f.under ? await getOrgInScope(db, scope, f.under) : null;
  const filter = and(
    inScope(orgs.path, scope),
    under ? like(orgs.path, `${under.path}%`) : undefined,
    nameMatches(f.q),
  );
  const [rows, [total]] = await Promise.all([
    selectOrgs(db, and(filter, afterCursor(f.cursor)), f.limit + 1),
    db.select({ n: count() }).from(orgs).where(filter),
  ]);
  const page = pageFrom(rows, f.limit, (r) => [r.nameInitials, r.id]);
  const crumbs = await breadcrumbsOf(
    db,
    scope,
    page.items.map((r) => r.path),
  );
  const items = page.items.map((r, i) => ({ ...toOrgView(r), breadcrumbs: crumbs[i] ?? [] }));
  return { items, nextCursor: page.nextCursor, total: Number(total?.n ?? 0) };
}

/** Totals of an org's subtree: active orgs by type, direct children, accounts. */
export async function subtreeStats(db: DbOrTx, scope: Scope, id: number) {
  const org = await getOrgInScope(db, scope, id);
  const subtree = like(orgs.path, `${org.path}%`);
  const byTypeRows = await db
    .select({ type: orgs.type, n: count() })
    .from(orgs)
    .where(and(subtree, eq(orgs.status, 'active')))
    .groupBy(orgs.type);
  const byType = Object.fromEntries(byTypeRows.map((r) => [r.type, Number(r.n)]));
  const [children] = await db
    .select({ n: count() })
    .from(orgs)
    .where(and(eq(orgs.parentId, id), eq(orgs.status, 'active')));
  const [accountCount] = await db
    .select({ n: count() })
    .from(accounts)
    .where(like(accounts.orgPath, `${org.path}%`));
  const memberTotal = await subtreeMemberTotal(db, org.path);
  const total = (types: string[]) => types.reduce((s, t) => s + (byType[t] ?? 0), 0);
  return {
    orgId: id,
    orgs: total(Object.keys(byType)),
    byType,
    grassroots: total(['grassroots_enterprise', 'grassroots_institution', 'grassroots_joint', 'grassroots_trade']),
    children: Number(children?.n ?? 0),
    accounts: Number(accountCount?.n ?? 0),
    members: memberTotal,
  };
}

/** The departments of an org in the scope. */
export async function listDepartments(db: DbOrTx, scope: Scope, orgId: number) {
  await getOrgInScope(db, scope, orgId);
  const items = await db
    .select({ id: departments.id, orgId: departments.orgId, name: departments.name })
    .from(departments)
    .where(and(eq(departments.orgId, orgId), inScope(departments.orgPath, scope)))
    .orderBy(asc(departments.sort), asc(departments.id));
  return { items };
}
