import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { type PermissionCode, roles } from '../../shared/permissions';
import type { Actor, ActorGrant, Scope } from '../context';

/** The subtrees where `actor` holds `code`, reduced so that no path lies inside another. */
export function scopeFor(actor: Pick<Actor, 'grants'>, code: PermissionCode): Scope {
  const grants = actor.grants.filter((g) => roles[g.role].permissions.includes(code));
  const paths = [...new Set(grants.map((g) => g.orgPath))]
    .sort((a, b) => a.length - b.length)
    .filter((p, i, all) => !all.slice(0, i).some((q) => p.startsWith(q)));
  return { permission: code, paths, grants };
}

/** SQL condition: `pathColumn` lies in the scope (a prefix match per subtree; paths hold only digits and '/'). */
export function inScope(pathColumn: AnyPgColumn | SQL, scope: Scope): SQL {
  if (scope.paths.length === 0) return sql`false`;
  const parts = scope.paths.map((p) => sql`${pathColumn} like ${`${p}%`}`);
  return sql`(${sql.join(parts, sql` or `)})`;
}

/** Whether an org path lies in the scope. */
export function pathInScope(path: string, scope: Scope): boolean {
  return scope.paths.some((p) => path.startsWith(p));
}

/** The grant through which the scope reaches `path` (the nearest one), for the audit log. */
export function grantFor(scope: Scope, path: string | null | undefined): ActorGrant | null {
  if (!path) return scope.grants[0] ?? null;
  const covering = scope.grants.filter((g) => path.startsWith(g.orgPath));
  return covering.sort((a, b) => b.orgPath.length - a.orgPath.length)[0] ?? scope.grants[0] ?? null;
}

/** The ids on a path, root first ("/1/12/345/" → [1, 12, 345]). */
export function pathIds(path: string): number[] {
  return path.split('/').filter(Boolean).map(Number);
}

/** The path of an org's parent ("/1/12/345/" → "/1/12/"), or null for a root. */
export function parentPathOf(path: string): string | null {
  const ids = pathIds(path);
  return ids.length > 1 ? `/${ids.slice(0, -1).join('/')}/` : null;
}
