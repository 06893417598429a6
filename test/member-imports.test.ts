import { count, eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import ExcelJS from '../server/lib/xlsx/exceljs';
import { auditLog } from '../server/modules/audit/audit.tables';
import { memberImportRows, memberImports } from '../server/modules/members/imports/imports.tables';
import { memberHistory, members } from '../server/modules/members/members.tables';
import { idNumberCheckCharacter } from '../shared/validators/idNumber';
import { useTestApp } from './app';
import { type Agent, buildCity, buildMember, signInAs, uniqueIdNumber } from './factories';
import { type FixtureCell, rosterXlsx } from './fixtures/rosters';

const w = useTestApp();

type Preview = {
  id: number;
  total: number;
  valid: number;
  invalid: number;
  errorCount: number;
  errors: { row: number; column: string; reason: string }[];
};

async function upload(agent: Agent, data: Buffer, fileName = '会员名册.xlsx', fields: Record<string, string> = {}) {
  return agent.upload('/api/members/imports', [
    ...Object.entries(fields).map(([name, value]) => ({ name, value })),
    { name: 'file', fileName, data },
  ]);
}

async function preview(agent: Agent, data: Buffer, fields: Record<string, string> = {}): Promise<Preview> {
  const res = await upload(agent, data, '会员名册.xlsx', fields);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Preview;
}

async function openWorkbook(payload: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(payload as unknown as ArrayBuffer);
  return book;
}

const withCheck = (first17: string) => `${first17}${idNumberCheckCharacter(first17)}`;
const reasonsOf = (p: Preview, row: number) =>
  p.errors.filter((e) => e.row === row).map((e) => `${e.column}：${e.reason}`);
const dateCell = (iso: string): FixtureCell => ({ value: new Date(`${iso}T00:00:00Z`), numFmt: 'yyyy-mm-dd' });

describe('import template', () => {
  it('has the Chinese headers, an example row, drop-down lists and text-formatted number columns', async () => {
    const city = await buildCity(w.db);
    const { agent } = await signInAs(w.app, w.db, 'union_admin', city.unionA);
    const res = await agent.get('/api/members/imports/template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('会员导入模板.xlsx'));
    const book = await openWorkbook(res.rawPayload);
    const sheet = book.getWorksheet('会员名册');
    if (!sheet) throw new Error('no roster sheet');
    const header = (sheet.getRow(1).values as string[]).slice(1);
    expect(header).toEqual(
      expect.arrayContaining(['姓名', '身份证号', '手机号码', '性别', '民族', '入会日期', '所属工会', '职工类别']),
    );
    const col = (name: string) => header.indexOf(name) + 1;
    expect(sheet.getRow(2).getCell(col('姓名')).value).toBe('张建国');
    expect(sheet.getCell(3, col('身份证号')).numFmt).toBe('@');
    expect(sheet.getCell(3, col('手机号码')).numFmt).toBe('@');
    const gender = sheet.getCell(5, col('性别')).dataValidation;
    expect(gender?.type).toBe('list');
    expect(String(gender?.formulae?.[0])).toMatch(/^选项!/);
    expect(sheet.getCell(5, col('民族')).dataValidation?.type).toBe('list');
    expect(book.getWorksheet('填写说明')).toBeTruthy();

    // The template as downloaded holds only the example, which is never imported.
    const asIs = await agent.upload('/api/members/imports', [
      { name: 'file', fileName: '模板.xlsx', data: res.rawPayload },
    ]);
    expect(asIs.json()).toMatchObject({ error: 'imports/no_data' });
  });
});

describe('import preview and commit', () => {
  it('matches headers by name in any order, reads dates and phones in their usual forms, and commits in one go', async () => {
    const city = await buildCity(w.db);
    const { agent } = await signInAs(w.app, w.db, 'union_admin', city.unionA);
    const ids = Array.from({ length: 6 }, (_, i) => uniqueIdNumber({ gender: i % 2 ? 'female' : 'male' }));
    const file = await rosterXlsx([
      ['入会时间', '联系电话', '公民身份号码', '姓名', '学历', '职工类别', '民族', '备注'],
      [dateCell('2019-03-01'), '13800001001', ids[0] ?? '', '赵一', '本科', '快递员', '汉', '老会员'],
      ['2019/3/1', 13800001002, ids[1] ?? '', '钱二', '大学专科', '外卖骑手', '', ''],
      ['2019.03.01', '+86 138 0000 1003', ids[2] ?? '', '孙三', '', '', '回族', ''],
      ['2019年3月1日', '１３８００００１００４', ids[3] ?? '', '李四', '', '', '', ''],
      ['20190301', '138-0000-1005', ids[4] ?? '', '周五', '', '', '', ''],
      [43525, '', ids[5] ?? '', '吴六', '', '', '', ''],
      [null, null, null, null, null, null, null, null],
    ]);
    const before = await agent.get(`/api/orgs/${city.unionA.id}/stats`);
    const p = await preview(agent, file);
    expect(p).toMatchObject({ total: 6, valid: 6, invalid: 0, errors: [] });

    const commit = await agent.post(`/api/members/imports/${p.id}/commit`);
    expect(commit.statusCode, commit.body).toBe(200);
    expect(commit.json()).toEqual({ added: 6, skipped: 0 });

    const rows = await w.db.select().from(members).where(eq(members.orgId, city.unionA.id));
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((r) => r.joinedDate))).toEqual(new Set(['2019-03-01']));
    const byName = new Map(rows.map((r) => [r.name, r]));
    expect(byName.get('赵一')).toMatchObject({ education: '大学本科', workerCategory: 'courier', ethnicity: '汉族' });
    expect(byName.get('钱二')).toMatchObject({ workerCategory: 'food_delivery', mobileMasked: '138****1002' });
    expect(byName.get('孙三')).toMatchObject({ ethnicity: '回族', mobileMasked: '138****1003' });
    expect(byName.get('李四')?.mobileMasked).toBe('138****1004');
    expect(byName.get('周五')?.mobileMasked).toBe('138****1005');
    expect(byName.get('吴六')?.mobileEnc).toBeNull();
    expect(
      rows.every((r) => /^GH\d{10}$/.test(r.cardNo) && !r.idNumberEnc.includes(r.idNumberMasked.slice(0, 6))),
    ).toBe(true);

    // The imported members are found like any other, and the subtree total counts them.
    const found = await agent.get(`/api/members?q=${encodeURIComponent(ids[3] ?? '')}`);
    expect(found.json().items.map((m: { name: string }) => m.name)).toEqual(['李四']);
    expect((await agent.get('/api/members?q=13800001005')).json().items).toHaveLength(1);
    expect((await agent.get('/api/members?q=zy')).json().items.map((m: { name: string }) => m.name)).toContain('赵一');
    const after = await agent.get(`/api/orgs/${city.unionA.id}/stats`);
    expect(after.json().members - before.json().members).toBe(6);
    // Each member's history begins with the import that registered them; no history row per member.
    const zhao = rows.find((r) => r.name === '赵一');
    const history = await agent.get(`/api/members/${zhao?.id}/history`);
    expect(history.statusCode, history.body).toBe(200);
    expect(history.json().items).toEqual([
      {
        id: 0,
        at: expect.any(String),
        actorName: expect.any(String),
        action: 'members.create',
        changes: { importId: p.id, fileName: expect.any(String), cardNo: zhao?.cardNo },
      },
    ]);
    expect(history.json().items[0].actorName).toBe(
      (await w.db.select().from(memberImports).where(eq(memberImports.id, p.id)))[0]?.committedByName,
    );
    const rowsWritten = await w.db
      .select({ n: count() })
      .from(memberHistory)
      .where(
        inArray(
          memberHistory.memberId,
          rows.map((r) => r.id),
        ),
      );
    expect(rowsWritten[0]?.n).toBe(0);

    const listed = await agent.get('/api/members/imports');
    expect(listed.json().items[0]).toMatchObject({
      id: p.id,
      status: 'committed',
      total: 6,
      valid: 6,
      added: 6,
      fileName: '会员名册.xlsx',
    });
  });

  it('gives a precise Chinese reason per bad cell, with the spreadsheet row number', async () => {
    const city = await buildCity(w.db);
    const { agent } = await signInAs(w.app, w.db, 'union_admin', city.countyA);
    const ok = uniqueIdNumber({ gender: 'male' });
    const female = uniqueIdNumber({ gender: 'female', birthDate: '1990-05-06' });
    const inOtherUnion = uniqueIdNumber();
    const outside = uniqueIdNumber();
    await buildMember(w.db, city.groupA, { name: '老会员', idNumber: inOtherUnion });
    await buildMember(w.db, city.unionB, { name: '外区会员', idNumber: outside });
    const badCheck = `${ok.slice(0, 17)}${ok[17] === '1' ? '2' : '1'}`;
    const teen = uniqueIdNumber({ birthDate: '2012-01-01' });
    const file = await rosterXlsx(
      [
        ['姓名', '身份证号', '性别', '出生日期', '手机号码', '所属工会', '入会日期', '学历'],
        ['好人', ok, '男', '', '13800002001', city.unionA.name, '2020-01-01', ''], // row 3
        ['坏校验', badCheck, '', '', '', city.unionA.name, '2020-01-01', ''], // 4
        ['数字号', { value: 320614199001011000, numFmt: '0' }, '', '', '', city.unionA.name, '2020-01-01', ''], // 5
        ['性别错', female, '男', '1990-05-07', '', city.unionA.name, '2020-01-01', ''], // 6
        ['重复行', ok, '', '', '', city.unionA.name, '2020-01-01', ''], // 7
        ['已入会', inOtherUnion, '', '', '', city.unionA.name, '2020-01-01', ''], // 8
        ['外区人', outside, '', '', '', city.unionA.name, '2020-01-01', ''], // 9
        ['号码错', uniqueIdNumber(), '', '', '1380000', city.unionA.name, '2020-01-01', ''], // 10
        ['', uniqueIdNumber(), '', '', '', city.unionA.name, '2020-01-01', ''], // 11
        ['无工会', uniqueIdNumber(), '', '', '', '不存在的工会', '2020-01-01', ''], // 12
        ['太年轻', teen, '', '', '', city.unionA.name, '2020-01-01', ''], // 13
        ['未来人', uniqueIdNumber(), '', '', '', city.unionA.name, '2099-01-01', ''], // 14
        ['坏日期', uniqueIdNumber(), '', '', '', city.unionA.name, '2019-02-30', ''], // 15
        ['坏学历', uniqueIdNumber(), '', '', '', city.unionA.name, '2020-01-01', '幼儿园'], // 16
        ['县级挂', uniqueIdNumber(), '', '', '', city.countyA.name, '2020-01-01', ''], // 17
        [
          '生日错',
          withCheck(`${ok.slice(0, 6)}19991332${ok.slice(14, 17)}`),
          '',
          '',
          '',
          city.unionA.name,
          '2020-01-01',
          '',
        ], // 18
      ],
      { titleRow: '会员花名册（2024）' },
    );
    const p = await preview(agent, file);
    expect(p.total).toBe(16);
    expect(p.valid).toBe(1);
    expect(p.invalid).toBe(15);
    expect(reasonsOf(p, 3)).toEqual([]);
    expect(reasonsOf(p, 4).join()).toMatch(/^身份证号：身份证号码校验位错误，应为 \S/);
    expect(reasonsOf(p, 5).join()).toMatch(/身份证号被保存成了数字.*3\.20614E\+17.*“文本”/);
    expect(reasonsOf(p, 6)).toEqual([
      '性别：性别与身份证号码不符（身份证号显示为女）',
      '出生日期：出生日期与身份证号码不符（身份证号中为 1990-05-06）',
    ]);
    expect(reasonsOf(p, 7)).toEqual(['身份证号：与第 3 行的身份证号重复（同一文件中一人只能出现一次）']);
    expect(reasonsOf(p, 8).join()).toMatch(/已是“.*”的会员（会员证号 GH\d+），如需转入请发起转会/);
    expect(reasonsOf(p, 9)).toEqual(['身份证号：此人已是其他工会的会员（一人只能加入一个工会），如需转入请发起转会']);
    expect(reasonsOf(p, 10)).toEqual(['手机号码：“1380000”不是有效的手机号码（11 位数字，以 1 开头；可带 +86）']);
    expect(reasonsOf(p, 11)).toEqual(['姓名：必填项，不能为空']);
    expect(reasonsOf(p, 12).join()).toMatch(/^所属工会：在您管理的范围内找不到名为“不存在的工会”的工会/);
    expect(reasonsOf(p, 13).join()).toMatch(/^入会日期：入会时年龄应在 16 至 100 周岁之间（入会时 \d+ 岁）/);
    expect(reasonsOf(p, 14).join()).toMatch(/^入会日期：入会日期不能晚于今天/);
    expect(reasonsOf(p, 15).join()).toMatch(/^入会日期：“2019-02-30”不是有效日期/);
    expect(reasonsOf(p, 16).join()).toMatch(/^学历：“幼儿园”不是可选的值，应为：研究生、大学本科/);
    expect(reasonsOf(p, 17).join()).toMatch(/不是基层工会或工会小组/);
    expect(reasonsOf(p, 18).join()).toMatch(/出生日期 1999-13-32 不是有效日期/);

    // The error report repeats the file's header with 错误原因 and each bad row's cells as uploaded.
    const report = await agent.get(`/api/members/imports/${p.id}/report`);
    expect(report.statusCode).toBe(200);
    const book = await openWorkbook(report.rawPayload);
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    expect((sheet.getRow(1).values as string[]).slice(1)).toEqual([
      '姓名',
      '身份证号',
      '性别',
      '出生日期',
      '手机号码',
      '所属工会',
      '入会日期',
      '学历',
      '错误原因',
    ]);
    expect(sheet.rowCount).toBe(16);
    expect(sheet.getRow(2).getCell(1).value).toBe('坏校验');
    expect(sheet.getRow(2).getCell(2).value).toBe(badCheck);
    expect(String(sheet.getRow(2).getCell(9).value)).toMatch(/^第 4 行 — 身份证号：身份证号码校验位错误/);
    expect(sheet.getRow(2).getCell(2).numFmt).toBe('@');
    const audits = await w.db.select().from(auditLog).where(eq(auditLog.action, 'members.import_report'));
    expect(audits.some((a) => a.targetId === String(p.id))).toBe(true);

    const errors = await agent.get(`/api/members/imports/${p.id}/errors?limit=5`);
    expect(errors.json().items.map((e: { row: number }) => e.row)).toEqual([4, 5, 6, 7, 8]);
    const next = await agent.get(`/api/members/imports/${p.id}/errors?limit=50&cursor=${errors.json().nextCursor}`);
    expect(next.json().items).toHaveLength(10);

    // Only the valid row is added.
    expect((await agent.post(`/api/members/imports/${p.id}/commit`)).json()).toEqual({ added: 1, skipped: 0 });
  });

  it('is idempotent: committing twice, or the same file again, adds nothing; parallel commits add once', async () => {
    const city = await buildCity(w.db);
    const { agent } = await signInAs(w.app, w.db, 'union_admin', city.unionA);
    const file = await rosterXlsx([
      ['姓名', '身份证号'],
      ['甲', uniqueIdNumber()],
      ['乙', uniqueIdNumber()],
      ['丙', uniqueIdNumber()],
    ]);
    const first = await preview(agent, file);
    const [a, b] = await Promise.all([
      agent.post(`/api/members/imports/${first.id}/commit`),
      agent.post(`/api/members/imports/${first.id}/commit`),
    ]);
    expect([a.json().added, b.json().added].sort()).toEqual([0, 3]);
    expect((await agent.post(`/api/members/imports/${first.id}/commit`)).json()).toEqual({ added: 0, skipped: 0 });

    const again = await preview(agent, file);
    expect(again).toMatchObject({ total: 3, valid: 0, invalid: 3 });
    expect(again.errors[0]?.reason).toMatch(/^此人已是本工会会员（会员证号 GH\d+），无需重复导入$/);
    expect((await agent.post(`/api/members/imports/${again.id}/commit`)).json()).toEqual({ added: 0, skipped: 0 });
    const [total] = await w.db.select({ n: count() }).from(members).where(eq(members.orgId, city.unionA.id));
    expect(total?.n).toBe(3);
    const stats = await agent.get(`/api/orgs/${city.unionA.id}/stats`);
    expect(stats.json().members).toBe(3);
  });

  it('skips a person who joined the roster after the preview, and commits all or nothing', async () => {
    const city = await buildCity(w.db);
    const { agent } = await signInAs(w.app, w.db, 'union_admin', city.unionA);
    const late = uniqueIdNumber();
    const file = await rosterXlsx([
      ['姓名', '身份证号'],
      ['先登记', late],
      ['后导入', uniqueIdNumber()],
      ['触发失败', uniqueIdNumber()],
    ]);
    const p = await preview(agent, file);
    expect(p.valid).toBe(3);

    // A failure in the middle of the commit (here a trigger refusing one row) leaves the roster untouched.
    await w.db.execute(
      sql.raw(`create or replace function refuse_import_test() returns trigger language plpgsql as $$
      begin if new.name = '触发失败' then raise exception 'refused by test'; end if; return new; end $$`),
    );
    await w.db.execute(
      sql.raw(
        'create trigger refuse_import_test before insert on members for each row execute function refuse_import_test()',
      ),
    );
    try {
      const failed = await agent.post(`/api/members/imports/${p.id}/commit`);
      expect(failed.statusCode).toBe(500);
    } finally {
      await w.db.execute(sql.raw('drop trigger refuse_import_test on members'));
    }
    const [none] = await w.db.select({ n: count() }).from(members).where(eq(members.orgId, city.unionA.id));
    expect(none?.n).toBe(0);
    const [record] = await w.db.select().from(memberImports).where(eq(memberImports.id, p.id));
    expect(record?.status).toBe('ready');

    // Staged rows are unlogged: if they are lost (a crash), the commit says so instead of adding nothing.
    const other = await preview(
      agent,
      await rosterXlsx([
        ['姓名', '身份证号'],
        ['丢失', uniqueIdNumber()],
      ]),
    );
    await w.db.delete(memberImportRows).where(eq(memberImportRows.importId, other.id));
    const lost = await agent.post(`/api/members/imports/${other.id}/commit`);
    expect(lost.statusCode).toBe(409);
    expect(lost.json().error).toBe('imports/staged_lost');

    await buildMember(w.db, city.unionA, { idNumber: late, name: '先登记' });
    const commit = await agent.post(`/api/members/imports/${p.id}/commit`);
    expect(commit.json()).toEqual({ added: 2, skipped: 1 });
    expect((await agent.get(`/api/orgs/${city.unionA.id}/stats`)).json().members).toBe(3);
  });

  it('keeps every Chinese character whole, also where the zip stream splits one between chunks', async () => {
    const city = await buildCity(w.db);
    const { agent } = await signInAs(w.app, w.db, 'union_admin', city.unionA);
    const chars =
      '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢';
    // 2,000 distinct three-character names, so sharedStrings.xml spans many inflate chunks.
    const names = Array.from(
      { length: 2000 },
      (_, i) =>
        [i % 47, (i * 7 + 3) % 47, (i * 13 + 5) % 47].map((k) => chars[k]).join('') + chars[Math.floor(i / 47) % 47],
    );
    const rows = [['姓名', '身份证号'], ...names.map((name) => [name, uniqueIdNumber()])];
    expect(await preview(agent, await rosterXlsx(rows))).toMatchObject({ total: 2000, valid: 2000, invalid: 0 });
  });

  it('decides a file of several batches in file order: duplicates across batches, errors in every batch', async () => {
    const city = await buildCity(w.db);
    const { agent } = await signInAs(w.app, w.db, 'union_admin', city.unionA);
    const onRoster = uniqueIdNumber();
    await buildMember(w.db, city.unionB, { idNumber: onRoster });
    // Rows are checked on a worker thread 2,000 at a time and decided on the main thread, in order.
    const ids = Array.from({ length: 4500 }, () => uniqueIdNumber());
    const rows: string[][] = ids.map((id, i) => [`职工${String.fromCharCode(0x4e00 + (i % 500))}`, id]);
    (rows[4300] as string[])[1] = ids[10] as string; // the third batch repeats a person of the first
    (rows[2500] as string[])[1] = `${ids[2500]?.slice(0, 17)}${ids[2500]?.endsWith('0') ? '1' : '0'}`; // bad check character
    (rows[4499] as string[])[1] = onRoster; // already a member of another union
    const result = await preview(agent, await rosterXlsx([['姓名', '身份证号'], ...rows]));
    expect(result).toMatchObject({ total: 4500, valid: 4497, invalid: 3, errorCount: 3 });
    expect(result.errors.map((e) => e.row)).toEqual([2502, 4302, 4501]);
    expect(reasonsOf(result, 4302)).toEqual(['身份证号：与第 12 行的身份证号重复（同一文件中一人只能出现一次）']);
    expect(reasonsOf(result, 4501)[0]).toContain('已是其他工会的会员');
    const res = await agent.post(`/api/members/imports/${result.id}/commit`);
    expect(res.json()).toMatchObject({ added: 4497 });
    expect((await agent.get(`/api/orgs/${city.unionA.id}/stats`)).json().members).toBe(4497);
  });

  it('puts rows in the chosen union, and keeps imports inside the caller’s subtree', async () => {
    const city = await buildCity(w.db);
    const { agent: county } = await signInAs(w.app, w.db, 'union_admin', city.countyA);
    const file = await rosterXlsx([
      ['姓名', '身份证号'],
      ['分到小组', uniqueIdNumber()],
    ]);
    // A county federation cannot hold members itself: without a union column it must choose one.
    const refused = await upload(county, file);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ error: 'imports/no_target_union' });
    const p = await preview(county, file, { orgId: String(city.groupA.id) });
    expect((await county.post(`/api/members/imports/${p.id}/commit`)).json().added).toBe(1);
    const [row] = await w.db.select().from(members).where(eq(members.name, '分到小组'));
    expect(row?.orgId).toBe(city.groupA.id);

    expect((await upload(county, file, 'x.xlsx', { orgId: String(city.unionB.id) })).statusCode).toBe(404);
    expect((await upload(county, file, 'x.xlsx', { orgId: 'abc' })).json()).toMatchObject({
      error: 'common/invalid_input',
    });

    const { agent: other } = await signInAs(w.app, w.db, 'union_admin', city.unionB);
    for (const url of [
      `/api/members/imports/${p.id}`,
      `/api/members/imports/${p.id}/errors`,
      `/api/members/imports/${p.id}/report`,
    ]) {
      expect((await other.get(url)).statusCode, url).toBe(404);
    }
    expect((await other.post(`/api/members/imports/${p.id}/commit`)).statusCode).toBe(404);
    expect((await other.get('/api/members/imports')).json().items.map((i: { id: number }) => i.id)).not.toContain(p.id);
    const { agent: unionAdmin } = await signInAs(w.app, w.db, 'union_admin', city.unionA);
    expect((await unionAdmin.get(`/api/members/imports/${p.id}`)).json()).toMatchObject({
      status: 'committed',
      added: 1,
    });

    const { agent: cadre } = await signInAs(w.app, w.db, 'union_cadre', city.unionA);
    expect((await upload(cadre, file)).statusCode).toBe(403);
  });
});
