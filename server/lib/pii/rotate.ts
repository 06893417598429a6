/**
 * Key rotation without downtime. Old keys stay in the ring until every token is re-encrypted, so the
 * application reads old and new tokens alike while this runs. Procedure for operators:
 *   1. generate a key (openssl rand -base64 32) and append it to PII_KEYS, e.g. `k1:…,k2:…`;
 *   2. set PII_ACTIVE_KEY=k2 (or leave it unset: the last entry is active) and restart every app server,
 *      so nothing writes with k1 any more;
 *   3. run rotateColumn for every encrypted column; repeat until it reports rotated = 0 and remaining = 0;
 *   4. remove k1 from PII_KEYS and restart (a token still on k1 would now fail with 'unknown_key').
 * A run that stops on an error (a row it cannot decrypt, a deadlock with a bulk update) is simply run again:
 * rows already on the active key are left alone.
 * PII_INDEX_KEY is not rotated: blind indexes do not depend on the master keys.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Db, type DbOrTx, queryRows } from '../../db/client';
import { decryptField, encryptField, needsRotation, PiiError } from './cipher';
import type { KeyRing } from './keys';

/** The table and encrypted text columns to rotate; names are quoted as identifiers, never interpolated. */
export interface RotationTarget {
  table: string;
  idColumn: string;
  columns: string[];
}

/** Counts of one rotation run. */
export interface RotationResult {
  /** Rows read in the pass over the table. */
  scanned: number;
  /** Rows rewritten with the active key. */
  rotated: number;
  /** Rows the application changed between our read and our write: its write won; they were re-read and retried. */
  skipped: number;
  /** Rows still on an old key because they changed again during the re-run; run the rotation again. */
  remaining: number;
}

/** Progress after each batch; `lastId` is the keyset cursor (the id as text). */
export type RotationProgress = RotationResult & { lastId: string };

/** A row as read for rotation: the id as text (exact for bigint on both drivers) and the column values. */
export type RotationRow = { __id: string } & Record<string, unknown>;

/** Re-encrypts with the active key every token made with another key; tokens already on it are kept. */
export function rotateTokens(ring: KeyRing, tokens: string[]): string[] {
  return tokens.map((t) => (needsRotation(ring, t) ? encryptField(ring, decryptField(ring, t)) : t));
}

function rotateValue(ring: KeyRing, target: RotationTarget, row: RotationRow, column: string): string | null {
  const value = row[column];
  if (value === null || value === undefined) return null;
  const where = `表 ${target.table} 中 ${target.idColumn}=${row.__id} 的 ${column} 列`;
  try {
    if (typeof value !== 'string') throw new PiiError('malformed');
    return needsRotation(ring, value) ? encryptField(ring, decryptField(ring, value)) : null;
  } catch (err) {
    // Stop the run on a bad value and name the row: rotating past it would hide data loss until the old
    // key is removed.
    if (err instanceof PiiError) throw new PiiError(err.code, where);
    throw err;
  }
}

/**
 * Writes the rotated values of rows read earlier with compare-and-set: a row whose values changed since
 * the read is skipped, so a concurrent update by the application wins and is never overwritten.
 */
export async function rotateRows(
  db: DbOrTx,
  target: RotationTarget,
  ring: KeyRing,
  rows: RotationRow[],
): Promise<{ rotated: number; skipped: number; skippedIds: string[] }> {
  let rotated = 0;
  const skippedIds: string[] = [];
  for (const row of rows) {
    const changes: { column: string; old: unknown; next: string }[] = [];
    for (const column of target.columns) {
      const next = rotateValue(ring, target, row, column);
      if (next !== null) changes.push({ column, old: row[column], next });
    }
    if (changes.length === 0) continue;
    const set = sql.join(
      changes.map((c) => sql`${sql.identifier(c.column)} = ${c.next}`),
      sql`, `,
    );
    const unchanged = sql.join(
      changes.map((c) => sql`${sql.identifier(c.column)} = ${c.old}`),
      sql` and `,
    );
    const done = await queryRows<{ ok: number }>(
      db,
      sql`update ${sql.identifier(target.table)} set ${set}
          where ${sql.identifier(target.idColumn)} = ${row.__id} and ${unchanged} returning 1 as ok`,
    );
    if (done.length > 0) rotated++;
    else skippedIds.push(row.__id);
  }
  return { rotated, skipped: skippedIds.length, skippedIds };
}

/** Reads rows for rotation: the id as text (exact for bigint on both drivers) and the columns. */
function readRows(db: DbOrTx, target: RotationTarget, where: SQL | undefined, limit: number): Promise<RotationRow[]> {
  const columns = sql.join(
    target.columns.map((c) => sql.identifier(c)),
    sql`, `,
  );
  const id = sql.identifier(target.idColumn);
  return queryRows<RotationRow>(
    db,
    sql`select ${id}::text as "__id", ${columns} from ${sql.identifier(target.table)}
      ${where ? sql`where ${where}` : sql``} order by ${id} limit ${limit}`,
  );
}

/**
 * Re-encrypts every value of `columns` not on the active key, walking the table by keyset on the id in
 * batches, each written in its own short transaction. Safe to run while the application serves traffic.
 */
export async function rotateColumn(
  db: Db,
  target: RotationTarget,
  ring: KeyRing,
  opts: { batchSize?: number; onProgress?: (progress: RotationProgress) => void | Promise<void> } = {},
): Promise<RotationResult> {
  const batchSize = opts.batchSize ?? 1000;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('批次大小应为正整数');
  if (target.columns.length === 0) throw new Error('未指定需要轮换密钥的列');
  const id = sql.identifier(target.idColumn);
  const result: RotationResult = { scanned: 0, rotated: 0, skipped: 0, remaining: 0 };
  let after: string | null = null;
  for (;;) {
    const rows = await readRows(db, target, after === null ? undefined : sql`${id} > ${after}`, batchSize);
    const last = rows.at(-1);
    if (!last) break;
    const first = await db.transaction((tx) => rotateRows(tx, target, ring, rows));
    result.scanned += rows.length;
    result.rotated += first.rotated;
    result.skipped += first.skipped;
    if (first.skipped > 0) {
      // Re-run the skipped rows: the conflicting write has committed by now (our update waited for its row
      // lock), so the re-read sees it; a value the application wrote with the active key needs nothing.
      const ids = sql.join(
        first.skippedIds.map((v) => sql`${v}`),
        sql`, `,
      );
      const again = await readRows(db, target, sql`${id} in (${ids})`, first.skipped);
      const retry = await db.transaction((tx) => rotateRows(tx, target, ring, again));
      result.rotated += retry.rotated;
      result.remaining += retry.skipped;
    }
    after = last.__id;
    await opts.onProgress?.({ ...result, lastId: last.__id });
    if (rows.length < batchSize) break;
  }
  return result;
}
