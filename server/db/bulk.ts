import { getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './client';

/**
 * Rows gathered column by column and written by one `INSERT … SELECT * FROM unnest($1::type[], …)`:
 * a batch of thousands of rows is one statement with one parameter per column, on PGlite and
 * node-postgres alike (a multi-row VALUES list needs a parameter per cell and is several times slower).
 */
export class ColumnBatch<T extends PgTable> {
  private readonly columns: { name: string; type: string; json: boolean; values: unknown[] }[];
  private readonly keys: string[];
  size = 0;

  constructor(
    private readonly table: T,
    keys: readonly (keyof T['$inferInsert'] & string)[],
  ) {
    const all = getTableColumns(table) as Record<string, { name: string; getSQLType(): string }>;
    this.keys = [...keys];
    this.columns = this.keys.map((key) => {
      const column = all[key];
      if (!column) throw new Error(`no column ${key}`);
      const type = column.getSQLType();
      return { name: column.name, type, json: type.startsWith('json'), values: [] };
    });
  }

  /** Adds a row; a key missing from the row is stored as null. */
  push(row: T['$inferInsert']) {
    const values = row as Record<string, unknown>;
    this.columns.forEach((column, i) => {
      const value = values[this.keys[i] as string] ?? null;
      // JSON travels as text, so both drivers send it the same way.
      column.values.push(column.json && value !== null ? JSON.stringify(value) : value);
    });
    this.size++;
  }

  /** The INSERT statement of the gathered rows; the batch starts empty again. */
  take(): SQL {
    const names = sql.join(
      this.columns.map((c) => sql.identifier(c.name)),
      sql`, `,
    );
    const arrays = sql.join(
      this.columns.map((c) => sql`${sql.param(c.values)}::${sql.raw(c.type)}[]`),
      sql`, `,
    );
    for (const c of this.columns) c.values = [];
    this.size = 0;
    return sql`insert into ${this.table} (${names}) select * from unnest(${arrays})`;
  }

  /** Writes the gathered rows (nothing when empty). */
  async flush(db: DbOrTx) {
    if (this.size > 0) await db.execute(this.take());
  }
}
