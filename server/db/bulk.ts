import { getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './client';

const plainKey = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Rows gathered for one `INSERT … SELECT … FROM json_populate_recordset(null::table, $1)`: a batch of
 * thousands of rows is one statement with one parameter, on PGlite and node-postgres alike (a
 * multi-row VALUES list needs a parameter per cell and is several times slower); the database parses
 * the batch on its own core.
 *
 * A row becomes its JSON text by JSON.stringify of an object made by a function written once per batch
 * kind from the column list (`{"org_id": row.orgId ?? null, …}`): every row's object has the same
 * shape and every read is by a fixed name. A generic loop reading `row[key]` per column into a fresh
 * object cost several times as much in a bulk import (reads and writes by a changing key are V8's slow
 * path). The function's source holds only the table's own column keys and names, checked to be plain
 * identifiers, never data.
 */
export class ColumnBatch<T extends PgTable> {
  private readonly columns: { key: string; name: string }[];
  private readonly record: (row: Partial<T['$inferInsert']>) => object;
  private texts: string[] = [];

  constructor(
    private readonly table: T,
    keys: readonly (keyof T['$inferInsert'] & string)[],
  ) {
    const all = getTableColumns(table) as Record<string, { name: string; dataType: string }>;
    this.columns = keys.map((key) => {
      const column = all[key];
      if (!column) throw new Error(`no column ${key}`);
      if (!plainKey.test(key) || !plainKey.test(column.name)) throw new Error(`column ${key} is not a plain name`);
      if (column.dataType === 'buffer') throw new Error(`ColumnBatch: binary column ${column.name} is not supported`);
      return { key, name: column.name };
    });
    const body = this.columns.map(({ key, name }) => `${name}: row.${key} ?? null`).join(', ');
    this.record = new Function('row', `return { ${body} };`) as typeof this.record;
  }

  /**
   * A row's columns as JSON members without the braces ('"a":1,"b":"x"'): a caller adding columns of
   * its own per row writes them around this text instead of merging objects (see pushJson).
   */
  fields(row: Partial<T['$inferInsert']>): string {
    return this.json(row).slice(1, -1);
  }

  /** A row as the JSON text the batch sends (a key the row lacks is null). */
  json(row: Partial<T['$inferInsert']>): string {
    return JSON.stringify(this.record(row));
  }

  get size() {
    return this.texts.length;
  }

  /** Adds a row (a key the row lacks is null). */
  push(row: Partial<T['$inferInsert']>) {
    this.texts.push(this.json(row));
  }

  /** Adds a row already written as JSON (keys the table's column names, as fields() writes them; a missing column is null). */
  pushJson(text: string) {
    this.texts.push(text);
  }

  /**
   * The gathered rows as one UTF-8 JSON array, written straight into a buffer: joining them into one
   * string first, which the driver then measures and encodes, cost three times as much (the rows hold
   * Chinese, so the strings are two bytes a character). A UTF-16 unit is at most three UTF-8 bytes.
   */
  private utf8Array(): Buffer {
    let size = 2 + this.texts.length;
    for (const text of this.texts) size += text.length * 3;
    const out = Buffer.allocUnsafe(size);
    let at = 0;
    out[at++] = 0x5b; // [
    for (let i = 0; i < this.texts.length; i++) {
      if (i > 0) out[at++] = 0x2c; // ,
      at += out.write(this.texts[i] as string, at, 'utf8');
    }
    out[at++] = 0x5d; // ]
    return out.subarray(0, at);
  }

  /** The INSERT statement of the gathered rows; the batch starts empty again. */
  take(): SQL {
    const names = sql.join(
      this.columns.map((c) => sql.identifier(c.name)),
      sql`, `,
    );
    // Sent as bytes (bytea on both drivers) and read as UTF-8 by the database.
    const json = this.utf8Array();
    this.texts = [];
    return sql`insert into ${this.table} (${names})
      select ${names} from json_populate_recordset(null::${this.table}, convert_from(${json}::bytea, 'UTF8')::json)`;
  }

  /** Writes the gathered rows (nothing when empty). */
  async flush(db: DbOrTx) {
    if (this.texts.length > 0) await db.execute(this.take());
  }
}
