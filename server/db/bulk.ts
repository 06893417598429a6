import { getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { type DbOrTx, isPglite } from './client';

/**
 * The batch's text: fields separated by U+001F (unit separator), rows by U+001E (record separator),
 * a NULL written as U+001D alone. No value may hold these characters (ColumnBatch refuses
 * one that does; an import strips them from cells as it reads).
 */
const FIELD = '\x1f';
const ROW = '\x1e';
const ROW_BYTE = 0x1e;
const NULL = '\x1d';
const SEPARATORS = /[\x1d-\x1f]/;

const plainKey = /^[A-Za-z_][A-Za-z0-9_]*$/;
const plainType = /^[a-z][a-z0-9 _(),]*$/;

/** A value as its field text: what PostgreSQL's input function for the column reads. */
function fieldText(value: unknown): string {
  if (typeof value === 'string') {
    if (SEPARATORS.test(value)) throw new Error('ColumnBatch: a value holds a separator character (U+001D–U+001F)');
    return value;
  }
  if (value === null || value === undefined) return NULL;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (value instanceof Date) return value.toISOString();
  // json and jsonb columns: JSON text escapes every control character.
  return JSON.stringify(value);
}

/** Field texts written by batches whose columns, in this order, are another batch's (see pushFields). */
export function joinFields(...parts: string[]): string {
  return parts.join(FIELD);
}

/**
 * Rows gathered for one `INSERT … SELECT`: a batch of thousands of rows is one statement with one
 * parameter, on PGlite and node-postgres alike (a multi-row VALUES list needs a parameter per cell and
 * is several times slower). The rows travel as delimited text, like COPY's, split by the database
 * (`string_to_table`, `string_to_array`), each field cast to its column's type. PostgreSQL reads this five to ten times faster than the same rows as JSON objects
 * (json_populate_recordset builds a hash table of keys per row), and it is half the bytes.
 *
 * A row's text comes from a function written once per column list (`[f(row.orgId), f(row.orgPath), …]
 * .join(…)`): every read is by a fixed name. A generic loop reading `row[key]` per column cost several
 * times as much in a bulk import (reads by a changing key are V8's slow path). The function's source
 * holds only the table's own column keys, checked to be plain identifiers, never data.
 */
export class ColumnBatch<T extends PgTable> {
  private readonly columns: { key: string; name: string; type: string }[];
  private readonly write: (row: Partial<T['$inferInsert']>, field: typeof fieldText, separator: string) => string;
  private texts: string[] = [];

  constructor(
    private readonly table: T,
    keys: readonly (keyof T['$inferInsert'] & string)[],
  ) {
    const all = getTableColumns(table) as Record<string, { name: string; dataType: string; getSQLType(): string }>;
    this.columns = keys.map((key) => {
      const column = all[key];
      if (!column) throw new Error(`no column ${key}`);
      const type = column.getSQLType();
      if (!plainKey.test(key) || !plainKey.test(column.name)) throw new Error(`column ${key} is not a plain name`);
      if (column.dataType === 'buffer' || !plainType.test(type))
        throw new Error(`ColumnBatch: column ${column.name} of type ${type} is not supported`);
      return { key, name: column.name, type };
    });
    // string_to_array reads an empty row as no fields at all, so a row needs a separator.
    if (this.columns.length < 2) throw new Error('ColumnBatch: at least two columns');
    const body = this.columns.map(({ key }) => `field(row.${key})`).join(', ');
    this.write = new Function('row', 'field', 'separator', `return [${body}].join(separator);`) as typeof this.write;
  }

  /**
   * A row's field texts in the batch's column order (a key the row lacks is null): a caller adding
   * columns of its own per row joins texts of several batches (joinFields) and adds them with pushFields.
   */
  fields(row: Partial<T['$inferInsert']>): string {
    return this.write(row, fieldText, FIELD);
  }

  get size() {
    return this.texts.length;
  }

  /** Adds a row (a key the row lacks is null). */
  push(row: Partial<T['$inferInsert']>) {
    this.texts.push(this.fields(row));
  }

  /** Adds a row written by fields() of batches whose columns, joined in order, are this batch's. */
  pushFields(text: string) {
    this.texts.push(text);
  }

  /**
   * The gathered rows as UTF-8, written straight into a buffer: joining them into one string first,
   * which node-postgres then measures and encodes, cost three times as much (the rows hold Chinese, so
   * the strings are two bytes a character). A UTF-16 unit is at most three UTF-8 bytes.
   */
  private utf8Rows(): Buffer {
    let size = this.texts.length;
    for (const text of this.texts) size += text.length * 3;
    const out = Buffer.allocUnsafe(size);
    let at = 0;
    for (let i = 0; i < this.texts.length; i++) {
      if (i > 0) out[at++] = ROW_BYTE;
      at += out.write(this.texts[i] as string, at, 'utf8');
    }
    return out.subarray(0, at);
  }

  /**
   * The INSERT statement of the gathered rows, for `db`; the batch starts empty again. node-postgres
   * sends a buffer as a binary parameter, which the server reads as text as it is; PGlite turns one
   * into hex, which cost it five times the insert, so it gets the joined string.
   */
  take(db: DbOrTx): SQL {
    const names = sql.join(
      this.columns.map((c) => sql.identifier(c.name)),
      sql`, `,
    );
    const values = sql.join(
      this.columns.map((c, i) => (c.type === 'text' ? sql.raw(`f[${i + 1}]`) : sql.raw(`f[${i + 1}]::${c.type}`))),
      sql`, `,
    );
    const rows = isPglite(db) ? this.texts.join(ROW) : this.utf8Rows();
    this.texts = [];
    return sql`insert into ${this.table} (${names})
      select ${values}
      from string_to_table(${rows}::text, chr(30)) as r(line),
           string_to_array(r.line, chr(31), chr(29)) as a(f)`;
  }

  /** Writes the gathered rows (nothing when empty). */
  async flush(db: DbOrTx) {
    if (this.texts.length > 0) await db.execute(this.take(db));
  }
}
