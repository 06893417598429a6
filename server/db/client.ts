import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { is, type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite, PgliteSession } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema';

export type Schema = typeof schema;
/** The query builder, the same type on both engines. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle; services accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;
export type Engine = 'pglite' | 'postgresql';

export interface Database {
  db: Db;
  engine: Engine;
  /** The PGlite instance when embedded (for dumps in tests and backups). */
  pglite: PGlite | null;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export const migrationsFolder = path.resolve(import.meta.dirname, '../../drizzle');

// DATE columns stay strings (no timezone shift); the tables also ask for mode 'string'.
pg.types.setTypeParser(pg.types.builtins.DATE, (v: string) => v);

/** Opens PostgreSQL at `url`, or the embedded PGlite under `dataDir` (in memory when dataDir is null). */
export async function openDatabase(opts: {
  url?: string | null;
  dataDir?: string | null;
  loadDataDir?: Blob;
  poolSize?: number;
}): Promise<Database> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10 });
    pool.on('error', () => {}); // an idle client's error is reported on its next use
    const db = drizzleNodePg(pool, { schema }) as unknown as Db;
    return {
      db,
      engine: 'postgresql',
      pglite: null,
      migrate: () => migrateNodePg(drizzleNodePg(pool), { migrationsFolder }),
      close: () => pool.end(),
    };
  }
  let dataDir: string | undefined;
  if (opts.dataDir) {
    dataDir = path.join(opts.dataDir, 'pglite');
    fs.mkdirSync(dataDir, { recursive: true });
  }
  const client = await PGlite.create({ dataDir, loadDataDir: opts.loadDataDir, extensions: { pg_trgm } });
  await client.exec("SET TIME ZONE 'Asia/Shanghai'");
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    engine: 'pglite',
    pglite: client,
    migrate: () => migratePglite(drizzlePglite(client), { migrationsFolder }),
    close: () => client.close(),
  };
}

/** Whether `db` (or a transaction on it) talks to the embedded PGlite rather than a PostgreSQL server. */
export function isPglite(db: DbOrTx): boolean {
  return is((db as unknown as { session: unknown }).session, PgliteSession);
}

/** Runs raw SQL and returns its rows (both drivers answer `{ rows }`). */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

/** How many migrations have been applied, and the tag of the newest one in the journal. */
let journal: { entries: { tag: string }[] } | null = null;

export async function migrationLevel(db: DbOrTx): Promise<{ level: number; latest: string | null }> {
  journal ??= JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  const level = Number(row?.n ?? 0);
  return { level, latest: journal.entries[level - 1]?.tag ?? null };
}
