import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import ExcelJS from '../server/lib/xlsx/exceljs';
import { auditLog } from '../server/modules/audit/audit.tables';
import { useTestApp } from './app';
import { type Agent, buildCity, buildMember, signInAs, uniqueIdNumber } from './factories';

const w = useTestApp();

async function download(agent: Agent, query: string) {
  const res = await agent.get(`/api/members/export?${query}`);
  expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
  expect(res.headers['content-type']).toMatch(/spreadsheetml/);
  expect(String(res.headers['content-disposition'])).toMatch(/filename\*=UTF-8''/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = book.getWorksheet('会员名册');
  if (!sheet) throw new Error('no sheet');
  const header = (sheet.getRow(1).values as unknown[]).slice(1);
  const rows: Record<string, unknown>[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as unknown[]).slice(1);
    rows.push(Object.fromEntries(header.map((h, i) => [String(h), values[i]])));
  });
  return { sheet, header, rows };
}

describe('roster export', () => {
  it('exports the filtered roster: masked without reveal, full with it, text cells, formulas neutralised, audited', async () => {
    const city = await buildCity(w.db);
    const idNumber = uniqueIdNumber();
    await buildMember(w.db, city.unionA, { name: '张建国', idNumber, mobile: '13912340000' });
    await buildMember(w.db, city.groupA, { name: '李秀英', workerCategory: 'courier' });
    await buildMember(w.db, city.unionB, { name: '王外区' });
    const { agent: cadre } = await signInAs(w.app, w.db, 'union_cadre', city.countyA);

    const masked = await download(cadre, `orgId=${city.countyA.id}&sort=name`);
    expect(masked.header).toEqual(expect.arrayContaining(['姓名', '身份证号', '手机号', '所属工会', '会员卡号']));
    expect(masked.rows.map((r) => r.姓名).sort()).toEqual(['张建国', '李秀英']);
    const zjg = masked.rows.find((r) => r.姓名 === '张建国');
    expect(zjg?.身份证号).toBe(`${idNumber.slice(0, 6)}********${idNumber.slice(14)}`);
    expect(zjg?.手机号).toBe('139****0000');
    expect(masked.sheet.getColumn(5).numFmt).toBe('@');

    const { agent: admin, user } = await signInAs(w.app, w.db, 'union_admin', city.countyA);
    const full = await download(admin, 'q=zjg');
    expect(full.rows).toHaveLength(1);
    expect(full.rows[0]?.身份证号).toBe(idNumber);
    expect(full.rows[0]?.手机号).toBe('13912340000');
    expect((await download(admin, 'category=courier')).rows.map((r) => r.姓名)).toEqual(['李秀英']);

    const exports = await w.db.select().from(auditLog).where(eq(auditLog.action, 'members.export'));
    const mine = exports.filter((e) => e.actorId === user.id);
    expect(mine.map((e) => e.details)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ results: 1, revealed: 1, filters: expect.objectContaining({ q: 'zjg' }) }),
      ]),
    );
    expect((await admin.get(`/api/members/export?orgId=${city.countyB.id}`)).statusCode).toBe(404);
  });

  it('neutralises cell text that a spreadsheet would run as a formula', async () => {
    const city = await buildCity(w.db);
    const { agent } = await signInAs(w.app, w.db, 'union_admin', city.countyA);
    const res = await agent.post('/api/members', {
      orgId: city.unionA.id,
      name: '赵六',
      gender: 'male',
      idNumber: uniqueIdNumber({ gender: 'male', birthDate: '1980-01-01' }),
      joinedDate: '2020-01-01',
      employerName: '=HYPERLINK("http://evil.example","点我")',
      position: '+1+1',
    });
    expect(res.statusCode, res.body).toBe(201);
    const { rows } = await download(agent, 'q=zl');
    expect(rows[0]?.工作单位).toBe(`'=HYPERLINK("http://evil.example","点我")`);
    expect(rows[0]?.职务).toBe(`'+1+1`);
  });
});
