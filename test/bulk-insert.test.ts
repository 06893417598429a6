import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ColumnBatch, joinFields } from '../server/db/bulk';
import { isPglite } from '../server/db/client';
import { memberImportRows } from '../server/modules/members/imports/imports.tables';
import { useTestApp } from './app';
import { testEngine } from './engine';

const w = useTestApp();

describe('ColumnBatch', () => {
  it('inserts every kind of value as it was given: text with quotes, breaks and tabs, empty and null, json, dates, uuids', async () => {
    const importId = 900_001;
    const batch = new ColumnBatch(memberImportRows, [
      'importId',
      'rowNo',
      'valid',
      'errors',
      'name',
      'birthDate',
      'orgId',
    ]);
    const tricky = '张"建\'国\\n,\t{}[]\n第二行\r\n😀';
    batch.push({
      importId,
      rowNo: 1,
      valid: false,
      errors: [{ column: '姓名', reason: '含“引号”\\、\u0001 和换行\n' }],
      name: tricky,
      birthDate: '1988-06-15',
      orgId: 7,
    });
    batch.push({ importId, rowNo: 2, valid: true, errors: null, name: '', birthDate: null });
    // Fields of two batches joined, as the import adds its decision to a prepared row.
    const head = new ColumnBatch(memberImportRows, ['importId', 'rowNo', 'valid']);
    const tail = new ColumnBatch(memberImportRows, ['errors', 'name', 'birthDate', 'orgId']);
    batch.pushFields(joinFields(head.fields({ importId, rowNo: 3, valid: true }), tail.fields({ name: 'NULL' })));
    expect(batch.size).toBe(3);
    await batch.flush(w.db);
    expect(batch.size).toBe(0);

    const rows = await w.db
      .select()
      .from(memberImportRows)
      .where(eq(memberImportRows.importId, importId))
      .orderBy(asc(memberImportRows.rowNo));
    expect(rows.map((r) => [r.rowNo, r.valid, r.errors, r.name, r.birthDate, r.orgId, r.orgPath])).toEqual([
      [1, false, [{ column: '姓名', reason: '含“引号”\\、\u0001 和换行\n' }], tricky, '1988-06-15', 7, null],
      [2, true, null, '', null, null, null],
      [3, true, null, 'NULL', null, null, null],
    ]);
  });

  it('tells the drivers apart, on the database and in a transaction (each gets the rows in its own form)', async () => {
    expect(isPglite(w.db)).toBe(testEngine === 'pglite');
    await w.db.transaction(async (tx) => {
      expect(isPglite(tx)).toBe(testEngine === 'pglite');
    });
  });

  it('refuses a value holding a separator, a column it does not know, and a single column', () => {
    const batch = new ColumnBatch(memberImportRows, ['importId', 'name']);
    expect(() => batch.push({ importId: 1, name: 'a\x1fb' })).toThrow(/separator/);
    expect(() => new ColumnBatch(memberImportRows, ['nope' as 'name', 'importId'])).toThrow(/no column/);
    expect(() => new ColumnBatch(memberImportRows, ['name'])).toThrow(/two columns/);
  });
});
