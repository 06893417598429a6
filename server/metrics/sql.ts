/**
 * SQL building blocks for metric definitions: the requested subtrees as a row source, the subtree test,
 * periods in China dates, keyset cursors. Every compute() is one query over all requested paths.
 */
import { count, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { type DbOrTx, queryRows } from '../db/client';
import { decodeCursor, pageFrom } from '../lib/cursor';
import type { MetricQuery } from './types';

/** The requested paths as rows `p(path)`: join the counted table to it and group by `p.path`. */
export function requestedPaths(paths: string[]): SQL {
  return sql`unnest(${sql.param(paths)}::text[]) as p(path)`;
}

/** The path of the current row of `requestedPaths`. */
export const requestedPath = sql.raw('p.path');

/**
 * `column` lies in the subtree of `path` (a text expression ending in '/'). Written as the byte range
 * [path, path with its last '/' raised to '0') — the same rows as `like path || '%'` because paths hold
 * only digits and slashes — so the column's text_pattern_ops index serves it even though `path` comes
 * from another row of the join (a LIKE with a non-constant pattern never uses an index).
 */
export function inSubtree(column: AnyPgColumn | SQL, path: SQL): SQL {
  return sql`(${column} ~>=~ ${path} and ${column} ~<~ (left(${path}, -1) || '0'))`;
}

/** A timestamp as its calendar date in China. */
export function chinaDay(ts: AnyPgColumn | SQL): SQL {
  return sql`(${ts} at time zone 'Asia/Shanghai')::date`;
}

/** `date` (an SQL date expression) lies in the query's inclusive period; an open end is unbounded. */
export function inPeriod(date: AnyPgColumn | SQL, q: Pick<MetricQuery, 'from' | 'to'>): SQL {
  const parts: SQL[] = [];
  if (q.from) parts.push(sql`${date} >= ${q.from}::date`);
  if (q.to) parts.push(sql`${date} <= ${q.to}::date`);
  return parts.length ? sql`(${sql.join(parts, sql` and `)})` : sql`true`;
}

/**
 * Runs a query answering rows `(path, n)` and returns the value of every requested path, 0 for a
 * path with no row (queries left-join the counted table to `requestedPaths`, so none is missing).
 */
export async function valuesByPath(db: DbOrTx, paths: string[], query: SQL): Promise<Map<string, number>> {
  const rows = await queryRows<{ path: string; n: string | number | bigint | null }>(db, query);
  const found = new Map(rows.map((r) => [r.path, Number(r.n ?? 0)]));
  return new Map(paths.map((p) => [p, found.get(p) ?? 0]));
}

/** The one path of a records query. */
export function onePath(q: MetricQuery): string {
  const [path] = q.orgPaths;
  if (q.orgPaths.length !== 1 || !path) throw new Error('records are listed for exactly one org path');
  return path;
}

/** The id after which a page starts (rows are listed newest first by id), or null on the first page. */
function cursorId(cursor: string | undefined): number | null {
  return decodeCursor(cursor, ['number'] as const)?.[0] ?? null;
}

/** A timestamp as China date and minute ('YYYY-MM-DD HH:mm'), for records tables. */
export function chinaMinute(at: Date | null): string | null {
  return at ? new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : null;
}

/**
 * One page of records listed newest first by id, and how many there are in all: `fetch` runs the
 * list query with `olderThan` (the keyset condition, undefined on the first page) added to its where
 * clause, ordered by id descending and limited to `limit` rows; `total` counts the same rows.
 */
export async function newestFirst<R extends { id: number }>(
  page: { cursor?: string; limit: number },
  idColumn: AnyPgColumn,
  fetch: (olderThan: SQL | undefined, limit: number) => Promise<R[]>,
  total: () => Promise<number>,
): Promise<{ items: R[]; nextCursor: string | null; total: number }> {
  const after = cursorId(page.cursor);
  const [rows, n] = await Promise.all([
    fetch(after === null ? undefined : sql`${idColumn} < ${after}`, page.limit + 1),
    total(),
  ]);
  return { ...pageFrom(rows, page.limit, (r) => [r.id]), total: n };
}

/** How many rows of `table` match `where`, for a records total. */
export async function countWhere(db: DbOrTx, table: PgTable, where: SQL | undefined): Promise<number> {
  const [row] = await db.select({ n: count() }).from(table).where(where);
  return Number(row?.n ?? 0);
}

/**
 * The value of every requested subtree in one query: `aggregate` (e.g. `count(t.id)::int`) over the rows
 * of `table` whose `pathColumn` lies in the subtree and that match `where`; 0 for a subtree with none.
 */
export function aggregateBySubtree(
  db: DbOrTx,
  q: MetricQuery,
  table: PgTable,
  pathColumn: AnyPgColumn,
  aggregate: SQL,
  where: SQL,
): Promise<Map<string, number>> {
  return valuesByPath(
    db,
    q.orgPaths,
    sql`select p.path, ${aggregate} as n
        from ${requestedPaths(q.orgPaths)}
        left join ${table} on ${inSubtree(pathColumn, requestedPath)} and ${where}
        group by p.path`,
  );
}
