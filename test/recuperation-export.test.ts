/** The batch roster (.xlsx, read back with exceljs), the statistics and the metrics of recuperation. */
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../server/lib/dates';
import { auditLog } from '../server/modules/audit/audit.tables';
import { recupBatches } from '../server/modules/recuperation/recuperation.tables';
import { addDays, makeRecupBatch, makeRecupProgramme, makeRecupTrip } from '../server/seed/recuperationFactories';
import { useTestApp } from './app';
import { type Agent, buildCity, buildMember, buildUser, type City, signIn, signInAs } from './factories';

const w = useTestApp();
let city: City;
let admin: Agent;
let batchId: number;
let programmeId: number;
const today = chinaDate(new Date());

async function workbook(body: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  if (!sheet) throw new Error('no sheet');
  const rows: string[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

beforeAll(async () => {
  city = await buildCity(w.db);
  admin = (await signInAs(w.app, w.db, 'union_admin', city.root)).agent;
  const programme = await makeRecupProgramme(w.db, city.root, { title: '2026年职工疗休养' });
  programmeId = programme.id;
  const batch = await makeRecupBatch(w.db, programme, { name: '第1期', capacity: 3, costFen: 268_050 });
  batchId = batch.id;
  const people = [
    { org: city.unionA, name: '王建华', mobile: '13912345678', note: '=HYPERLINK("http://x","点我")' },
    { org: city.groupA, name: '陈秀英', mobile: '13812345678', note: '素食' },
    { org: city.unionB, name: '刘德明', mobile: '13712345678', note: '' },
    { org: city.unionB, name: '赵小兰', mobile: '13612345678', note: '' },
  ];
  for (const p of people) {
    const member = await buildMember(w.db, p.org, { name: p.name, mobile: p.mobile });
    const user = await buildUser(w.db, 'member', p.org, { memberId: member.id });
    const agent = await signIn(w.app, user.username);
    const res = await agent.post('/api/portal/recuperation/applications', { batchId, note: p.note || undefined });
    expect(res.statusCode, res.body).toBe(201);
  }
});

describe('batch roster export', () => {
  it('lists the seat holders with masked mobiles for a cadre, full numbers with members.reveal, formulas defused', async () => {
    const res = await admin.get(`/api/recuperation/batches/${batchId}/roster.xlsx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('疗休养名单'));
    const rows = await workbook(res.rawPayload);
    expect(rows[0]?.[0]).toBe('2026年职工疗休养 第1期 人员名单');
    expect(rows[1]?.[0]).toContain('每人 2,680.50 元 · 共 3 人');
    expect(rows[2]).toEqual([
      '序号',
      '姓名',
      '性别',
      '所属工会',
      '手机号',
      '报名方式',
      '一线职工',
      '荣誉称号',
      '状态',
      '备注',
    ]);
    const body = rows.slice(3);
    expect(body.map((r) => r[1]).sort()).toEqual(['刘德明', '王建华', '陈秀英'].sort());
    expect(body.find((r) => r[1] === '王建华')?.[4]).toBe('13912345678');
    expect(body.find((r) => r[1] === '王建华')?.[9]).toBe(`'=HYPERLINK("http://x","点我")`);
    expect(body.every((r) => r[8] === '已录取')).toBe(true);

    const { agent: cadre } = await signInAs(w.app, w.db, 'union_cadre', city.root);
    const masked = await workbook((await cadre.get(`/api/recuperation/batches/${batchId}/roster.xlsx`)).rawPayload);
    expect(masked.slice(3).find((r) => r[1] === '王建华')?.[4]).toBe('139****5678');
    const waiting = await workbook(
      (await admin.get(`/api/recuperation/batches/${batchId}/roster.xlsx?status=waitlisted`)).rawPayload,
    );
    expect(waiting.slice(3).map((r) => r[1])).toEqual(['赵小兰']);

    // County B's admin sees the city's batch but only its own members on the roster.
    const { agent: countyB } = await signInAs(w.app, w.db, 'union_admin', city.countyB);
    const own = await workbook((await countyB.get(`/api/recuperation/batches/${batchId}/roster.xlsx`)).rawPayload);
    expect(own.slice(3).map((r) => r[1])).toEqual(['刘德明']);
    const audits = await w.db.select().from(auditLog).where(eq(auditLog.action, 'recuperation.export'));
    expect(audits).toHaveLength(4);
    expect(audits[0]?.details).toMatchObject({ batchId, results: 3, revealed: 3 });
    expect(audits[1]?.details).toMatchObject({ results: 3, revealed: 0 });
  });
});

describe('statistics and metrics', () => {
  it('counts seats and participants by batch and by the children of an org, each bucket listing its records', async () => {
    await w.db
      .update(recupBatches)
      .set({ startDate: today, signupDeadline: today })
      .where(eq(recupBatches.id, batchId));
    const list = (await admin.get(`/api/recuperation/applications?batchId=${batchId}&status=accepted`)).json();
    for (const a of list.items)
      expect((await admin.post(`/api/recuperation/applications/${a.id}/confirm`)).statusCode).toBe(409);
    const stats = (await admin.get(`/api/recuperation/programmes/${programmeId}/stats`)).json();
    expect(stats.totals).toEqual({ batches: 1, capacity: 3, seatsTaken: 3, attended: 0, waitlisted: 1 });
    expect(stats.byOrg).toEqual([
      expect.objectContaining({ id: city.countyA.id, seats: 2, attended: 0 }),
      expect.objectContaining({ id: city.countyB.id, seats: 1, attended: 0 }),
    ]);
    // The bar of county A opens its applicants.
    const behind = (
      await admin.get(`/api/recuperation/applications?programmeId=${programmeId}&orgId=${city.countyA.id}`)
    ).json();
    expect(behind.total).toBe(2);
    const drill = (
      await admin.get(`/api/recuperation/programmes/${programmeId}/stats?orgId=${city.countyA.id}`)
    ).json();
    expect(drill.byOrg).toEqual([expect.objectContaining({ id: city.townA.id, seats: 2 })]);
    const { agent: countyB } = await signInAs(w.app, w.db, 'union_admin', city.countyB);
    expect(
      (await countyB.get(`/api/recuperation/programmes/${programmeId}/stats?orgId=${city.countyA.id}`)).statusCode,
    ).toBe(404);
  });

  it('recuperation.batches and recuperation.participants count from the records', async () => {
    const member = await buildMember(w.db, city.unionB);
    const other = await buildMember(w.db, city.groupA);
    await makeRecupTrip(w.db, city.countyA, [member, other], '2025-05-10');
    const value = async (code: string, orgId: number, q = '') =>
      (await admin.get(`/api/metrics/${code}/value?orgId=${orgId}${q}`)).json().value;
    expect(await value('recuperation.batches', city.countyA.id, '&from=2025-01-01&to=2025-12-31')).toBe(1);
    expect(await value('recuperation.batches', city.root.id, '&from=2025-01-01&to=2025-12-31')).toBe(1);
    expect(await value('recuperation.batches', city.countyB.id, '&from=2025-01-01&to=2025-12-31')).toBe(0);
    // Participants by the member's union, not the organiser.
    expect(await value('recuperation.participants', city.countyB.id, '&from=2025-01-01&to=2025-12-31')).toBe(1);
    expect(await value('recuperation.participants', city.root.id, '&from=2025-01-01&to=2025-12-31')).toBe(2);
    expect(await value('recuperation.participants', city.root.id, '&from=2026-01-01')).toBe(0);
    const records = (
      await admin.get(`/api/metrics/recuperation.participants/records?orgId=${city.root.id}&from=2025-01-01`)
    ).json();
    expect(records.total).toBe(2);
    expect(records.rows.map((r: { startDate: string }) => r.startDate)).toEqual(['2025-05-10', '2025-05-10']);
    expect(addDays('2025-05-10', 1)).toBe('2025-05-11');
  });
});
