import fs from 'node:fs';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { memberImportRows, memberImports } from '../server/modules/members/imports/imports.tables';
import { members } from '../server/modules/members/members.tables';
import { useTestApp } from './app';
import { type Agent, buildCity, signInAs, uniqueIdNumber } from './factories';
import { rosterCsv, rosterXlsx } from './fixtures/rosters';
import { zipOf } from './fixtures/zip';

// Small limits, so "too many rows" and "too large" need no huge fixtures.
const w = useTestApp({ importMaxRows: 30, importMaxFileBytes: 300 * 1024 });
const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, 'fixtures', name));

async function upload(agent: Agent, data: Buffer, fileName: string) {
  return agent.upload('/api/members/imports', [{ name: 'file', fileName, data }]);
}

async function leftovers() {
  const [imports] = await w.db.select({ n: count() }).from(memberImports);
  const [rows] = await w.db.select({ n: count() }).from(memberImportRows);
  const [roster] = await w.db.select({ n: count() }).from(members);
  return { imports: imports?.n, rows: rows?.n, roster: roster?.n };
}

const cfb = (extra: Buffer = Buffer.alloc(0)) =>
  Buffer.concat([
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    Buffer.alloc(504),
    extra,
    Buffer.alloc(512),
  ]);

describe('bad files', () => {
  it('refuses each kind of unreadable file with a clear reason and leaves nothing behind', async () => {
    const city = await buildCity(w.db);
    const { agent } = await signInAs(w.app, w.db, 'union_admin', city.unionA);
    const before = await leftovers();
    const workbookXml = '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>';
    const cases: [string, Buffer, string, number, string, RegExp?][] = [
      ['empty', Buffer.alloc(0), '名册.xlsx', 400, 'imports/empty_file'],
      ['renamed text', Buffer.from('姓名,身份证号\n张三,1'), '名册.xlsx', 415, 'imports/not_spreadsheet', /改了扩展名/],
      [
        'renamed image',
        Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
        '名册.xlsx',
        415,
        'imports/not_spreadsheet',
      ],
      [
        'a Word file',
        zipOf({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' }),
        '名册.xlsx',
        415,
        'imports/not_spreadsheet',
      ],
      ['legacy .xls', cfb(), '名册.xls', 415, 'imports/legacy_xls', /另存为/],
      [
        'password-protected',
        cfb(Buffer.from('EncryptionInfo\0EncryptedPackage', 'utf16le')),
        '名册.xlsx',
        400,
        'imports/password_protected',
        /密码/,
      ],
      [
        'zip bomb',
        zipOf({ 'xl/workbook.xml': workbookXml, 'xl/worksheets/sheet1.xml': Buffer.alloc(40 * 1024 * 1024, 0x20) }),
        '名册.xlsx',
        413,
        'imports/zip_bomb',
      ],
      [
        'corrupt sheet',
        zipOf({ 'xl/workbook.xml': '<<<not xml', 'xl/worksheets/sheet1.xml': '<<<' }),
        '名册.xlsx',
        400,
        'imports/unreadable',
      ],
    ];
    for (const [label, data, name, status, error, message] of cases) {
      const res = await upload(agent, data, name);
      expect(res.statusCode, `${label}: ${res.body}`).toBe(status);
      expect(res.json().error, label).toBe(error);
      if (message) expect(res.json().message, label).toMatch(message);
    }
    expect(await leftovers()).toEqual(before);
  });

  it('refuses files without data, without a header or a required column, too long or too large', async () => {
    const city = await buildCity(w.db);
    const { agent } = await signInAs(w.app, w.db, 'union_admin', city.unionA);
    const before = await leftovers();
    const many = [['姓名', '身份证号'], ...Array.from({ length: 31 }, (_, i) => [`人${i}`, uniqueIdNumber()])];
    const cases: [string, Buffer, string, number, string, RegExp?][] = [
      ['header only', await rosterXlsx([['姓名', '身份证号']]), 'a.xlsx', 400, 'imports/no_data'],
      ['no sheet rows', await rosterXlsx([]), 'a.xlsx', 400, 'imports/no_header'],
      [
        'no header',
        await rosterXlsx([
          ['张三', '男', 35],
          ['李四', '女', 28],
        ]),
        'a.xlsx',
        400,
        'imports/no_header',
        /姓名.*身份证号/,
      ],
      [
        'missing ID column',
        await rosterXlsx([
          ['姓名', '手机'],
          ['张三', '13800000000'],
        ]),
        'a.xlsx',
        400,
        'imports/missing_column',
        /缺少必需的列：“身份证号”/,
      ],
      ['31 rows over a limit of 30', await rosterXlsx(many), 'a.xlsx', 413, 'imports/too_many_rows', /超过 30 行/],
      ['a CSV over the limit too', rosterCsv(many), 'a.csv', 413, 'imports/too_many_rows'],
      [
        'over 300 KB',
        Buffer.concat([fixture('roster-openpyxl.xlsx'), Buffer.alloc(400 * 1024)]),
        'a.xlsx',
        413,
        'imports/file_too_large',
        /不能超过 300 KB/,
      ],
    ];
    for (const [label, data, name, status, error, message] of cases) {
      const res = await upload(agent, data, name);
      expect(res.statusCode, `${label}: ${res.body}`).toBe(status);
      expect(res.json().error, label).toBe(error);
      if (message) expect(res.json().message, label).toMatch(message);
    }
    const noFile = await agent.upload('/api/members/imports', [{ name: 'orgId', value: String(city.unionA.id) }]);
    expect(noFile.json()).toMatchObject({ error: 'imports/no_file' });
    expect((await agent.post('/api/members/imports', { file: 'x' })).statusCode).toBe(415);
    expect(await leftovers()).toEqual(before);
  });
});

describe('files from other spreadsheet programs', () => {
  it('reads an openpyxl workbook with a title row, synonyms, date cells, number phones and full-width digits', async () => {
    const city = await buildCity(w.db);
    const { agent } = await signInAs(w.app, w.db, 'union_admin', city.unionA);
    const res = await upload(agent, fixture('roster-openpyxl.xlsx'), '花名册.xlsx');
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({ total: 5, valid: 4, invalid: 1 });
    expect(p.errors).toEqual([{ row: 7, column: '证件号码', reason: expect.stringMatching(/保存成了数字/) }]);
    expect((await agent.post(`/api/members/imports/${p.id}/commit`)).json()).toEqual({ added: 4, skipped: 0 });
    const rows = await w.db.select().from(members).where(eq(members.orgId, city.unionA.id));
    const byName = new Map(rows.map((r) => [r.name, r]));
    expect(byName.get('陈美玲')).toMatchObject({
      gender: 'female',
      joinedDate: '2019-03-01',
      education: '大学本科',
      workerCategory: 'regular',
    });
    expect(byName.get('周建华')).toMatchObject({
      mobileMasked: '138****5602',
      workerCategory: 'migrant',
      education: '大学专科',
    });
    expect(byName.get('吴晓东')).toMatchObject({ mobileMasked: '138****5603', workerCategory: 'food_delivery' });
    expect(byName.get('郑丽')).toMatchObject({
      mobileMasked: '138****5604',
      workerCategory: 'courier',
      joinedDate: '2019-03-01',
    });
  });

  it('reads inline strings and bare date serials of minimal writers', async () => {
    const city = await buildCity(w.db);
    const { agent } = await signInAs(w.app, w.db, 'union_admin', city.unionA);
    const res = await upload(agent, fixture('roster-inline-strings.xlsx'), 'export.xlsx');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ total: 2, valid: 2, invalid: 0 });
    await agent.post(`/api/members/imports/${res.json().id}/commit`);
    const rows = await w.db.select().from(members).where(eq(members.orgId, city.unionA.id));
    expect(rows.map((r) => [r.name, r.joinedDate, r.ethnicity]).sort()).toEqual([
      ['林静', '2021-01-01', '回族'],
      ['黄志强', '2019-03-01', '汉族'],
    ]);
  });

  it('reads CSV in UTF-8 with BOM and in GB18030, and explains IDs that Excel turned into 3.20614E+17', async () => {
    const city = await buildCity(w.db);
    const { agent } = await signInAs(w.app, w.db, 'union_admin', city.unionA);
    const rows = (a: string, b: string) => [
      ['姓名', '身份证号', '手机号码', '入会日期', '工作单位'],
      [a, uniqueIdNumber(), '13800003001', '2019-03-01', '南通"海门",家纺厂'],
      [b, '3.20614E+17', '13800003002', '2019/3/1', ''],
    ];
    for (const [encoding, names] of [
      ['utf-8-bom', ['何一', '何二']],
      ['gb18030', ['罗三', '罗四']],
    ] as const) {
      const res = await upload(agent, rosterCsv(rows(names[0], names[1]), encoding), '名册.csv');
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ total: 2, valid: 1, invalid: 1 });
      expect(res.json().errors[0]).toMatchObject({
        row: 3,
        column: '身份证号',
        reason: expect.stringMatching(/科学计数法/),
      });
      await agent.post(`/api/members/imports/${res.json().id}/commit`);
      const [row] = await w.db.select().from(members).where(eq(members.name, names[0]));
      expect(row?.employerName).toBe('南通"海门",家纺厂');
    }
  });

  it('answers the progress poll only for the caller’s own keys', async () => {
    const city = await buildCity(w.db);
    const { agent } = await signInAs(w.app, w.db, 'union_admin', city.unionA);
    expect((await agent.get('/api/members/imports/progress?key=abcdef123456')).json()).toEqual({ progress: null });
    expect((await agent.get('/api/members/imports/progress?key=../x')).statusCode).toBe(400);
  });
});
