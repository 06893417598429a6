import { describe, expect, it } from 'vitest';
import { memberImportRows } from '../modules/members/imports/imports.tables';
import { ColumnBatch } from './bulk';

describe('ColumnBatch', () => {
  const batch = new ColumnBatch(memberImportRows, ['importId', 'rowNo', 'valid', 'errors', 'name', 'orgPath']);

  it('writes a row as JSON.stringify would, keyed by column name, a missing key as null', () => {
    const row = {
      importId: 7,
      rowNo: 12,
      valid: false,
      errors: [{ column: '姓名', reason: '含“引号”,}\\ 和换行\n' }],
      name: '张\u2028建国"',
    };
    const text = batch.json(row);
    const expected = { import_id: 7, row_no: 12, valid: false, errors: row.errors, name: row.name, org_path: null };
    expect(text).toBe(JSON.stringify(expected));
    expect(JSON.parse(text)).toEqual(expected);
  });

  it('writes fields without braces for a caller to join with its own', () => {
    const fields = batch.fields({ importId: 1, name: '李四' });
    expect(JSON.parse(`{"extra":true,${fields}}`)).toMatchObject({
      extra: true,
      import_id: 1,
      name: '李四',
      row_no: null,
    });
  });

  it('refuses a column it does not know', () => {
    expect(() => new ColumnBatch(memberImportRows, ['nope' as 'name'])).toThrow(/no column/);
  });
});
