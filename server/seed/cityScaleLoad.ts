/**
 * Bulk-loading tools of the city-scale seed (rows go in through server/db/bulk.ts's ColumnBatch): index
 * drop and re-create around a large load, and the exact recount of org_member_counts.
 */
import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../db/client';

export interface IndexDef {
  name: string;
  def: string;
}

/** A table's indexes as PostgreSQL prints them (pg_indexes), sorted by name. */
export async function tableIndexes(db: DbOrTx, table: string): Promise<IndexDef[]> {
  return queryRows<IndexDef>(
    db,
    sql`select indexname as name, indexdef as def from pg_indexes
        where schemaname = current_schema() and tablename = ${table} order by indexname`,
  );
}

/**
 * Drops a table's indexes that back no constraint (the primary key stays) and returns their exact
 * definitions: building an index once over millions of rows is far cheaper than maintaining it row by
 * row, and re-creating from pg_indexes' own text leaves the schema exactly as the migration made it.
 */
export async function dropSecondaryIndexes(db: DbOrTx, table: string): Promise<IndexDef[]> {
  const dropped = await queryRows<IndexDef>(
    db,
    sql`select i.indexname as name, i.indexdef as def from pg_indexes i
        where i.schemaname = current_schema() and i.tablename = ${table}
          and not exists (select 1 from pg_constraint c
                          where c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)
        order by i.indexname`,
  );
  for (const index of dropped) await db.execute(sql`drop index ${sql.identifier(index.name)}`);
  return dropped;
}

/**
 * Re-creates indexes from their definitions, with more sort memory than the default 64 MB (a GIN build
 * over millions of names spills to disk otherwise). `set local` ends with the transaction.
 */
export async function createIndexes(
  db: DbOrTx,
  indexes: IndexDef[],
  opts: { maintenanceWorkMem?: string; onIndex?: (name: string, i: number) => void } = {},
) {
  await db.execute(sql`select set_config('maintenance_work_mem', ${opts.maintenanceWorkMem ?? '512MB'}, true)`);
  for (const [i, index] of indexes.entries()) {
    opts.onIndex?.(index.name, i);
    await db.execute(sql.raw(index.def));
  }
}

/**
 * Sets every org's active-member count from the roster itself (one INSERT … SELECT … GROUP BY), zeroes
 * the rows of orgs left without active members, and checks the result against count(*); throws on any
 * difference.
 */
export async function recountMembers(db: DbOrTx) {
  await db.execute(sql`
    insert into org_member_counts (org_id, org_path, active)
    select org_id, org_path, count(*)::int from members where status = 'active' group by org_id, org_path
    on conflict (org_id) do update set active = excluded.active, org_path = excluded.org_path`);
  await db.execute(sql`
    update org_member_counts c set active = 0
    where c.active <> 0 and not exists (select 1 from members m where m.org_id = c.org_id and m.status = 'active')`);
  const [check] = await queryRows<{ wrong: number }>(db, countMismatches);
  if (Number(check?.wrong) !== 0) throw new Error(`org_member_counts 与会员表不一致（${check?.wrong} 个组织）`);
}

/** How many orgs' maintained counts differ from a fresh count of their active members. */
export const countMismatches = sql`
  select count(*)::int as wrong
  from (select org_id, count(*)::int as n from members where status = 'active' group by org_id) actual
  full join (select org_id, active from org_member_counts where active <> 0) kept using (org_id)
  where actual.n is distinct from kept.active`;
