import { getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './client';

/** Two JSON object texts with distinct keys as one ('{"a":1}' and '{"b":2}' → '{"a":1,"b":2}'). */
export function joinJsonObjects(first: string, second: string): string {
  if (first === '{}') return second;
  if (second === '{}') return first;
  return `${first.slice(0, -1)},${second.slice(1)}`;
}

/**
 * Rows gathered for one `INSERT … SELECT … FROM json_populate_recordset(null::table, $1)`: a batch of
 * thousands of rows is one statement with one parameter, on PGlite and node-postgres alike (a
 * multi-row VALUES list needs a parameter per cell and is several times slower). Each row is its JSON
 * text, so a row prepared in parts is joined as text (joinJsonObjects) instead of merging objects with
 * `...` per row, which is V8's slow path; the database parses the batch on its own core.
 */
export class ColumnBatch<T extends PgTable> {
  private readonly columns: { key: string; name: string }[];
  private texts: string[] = [];

  constructor(
    private readonly table: T,
    keys: readonly (keyof T['$inferInsert'] & string)[],
  ) {
    const all = getTableColumns(table) as Record<string, { name: string }>;
    this.columns = keys.map((key) => {
      const column = all[key];
      if (!column) throw new Error(`no column ${key}`);
      return { key, name: column.name };
    });
  }

  get size() {
    return this.texts.length;
  }

  /**
   * A row as the JSON text the batch sends, given whole or in parts (the first part holding a key gives
   * its value; a key no part holds is null). Parts spare the caller merging objects with `...` per row,
   * which is slow. The text may be joined with another (joinJsonObjects) and added with pushJson.
   */
  json(...parts: Partial<T['$inferInsert']>[]): string {
    const record: Record<string, unknown> = {};
    for (const { key, name } of this.columns) {
      let value: unknown = null;
      for (const part of parts) {
        const v = (part as Record<string, unknown>)[key];
        if (v !== undefined) {
          value = v;
          break;
        }
      }
      if (Buffer.isBuffer(value)) throw new Error(`ColumnBatch: binary column ${name} is not supported`);
      record[name] = value;
    }
    return JSON.stringify(record);
  }

  /** Adds a row, given whole or in parts (see json). */
  push(...parts: Partial<T['$inferInsert']>[]) {
    this.texts.push(this.json(...parts));
  }

  /** Adds a row already written by json() (keys the table's column names; a missing column is null). */
  pushJson(text: string) {
    this.texts.push(text);
  }

  /** The INSERT statement of the gathered rows; the batch starts empty again. */
  take(): SQL {
    const names = sql.join(
      this.columns.map((c) => sql.identifier(c.name)),
      sql`, `,
    );
    const json = `[${this.texts.join(',')}]`;
    this.texts = [];
    return sql`insert into ${this.table} (${names})
      select ${names} from json_populate_recordset(null::${this.table}, ${json}::json)`;
  }

  /** Writes the gathered rows (nothing when empty). */
  async flush(db: DbOrTx) {
    if (this.texts.length > 0) await db.execute(this.take());
  }
}
