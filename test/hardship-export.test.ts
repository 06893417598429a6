import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../server/lib/dates';
import ExcelJS from '../server/lib/xlsx/exceljs';
import { auditLog } from '../server/modules/audit/audit.tables';
import { useTestApp } from './app';
import { type Agent, buildCity, buildMember, type City, signInAs } from './factories';

const w = useTestApp();
const daysAgo = (n: number) => chinaDate(new Date(Date.now() - n * 86_400_000));

let city: City;
let admin: Agent;
let cadre: Agent;
let adminId: number;
let cadreId: number;

async function file(org: City['unionA'], name: string, extra: Record<string, unknown> = {}) {
  const member = await buildMember(w.db, org, { name, mobile: '13912345678' });
  const res = await admin.post('/api/hardship/files', {
    memberId: member.id,
    filedOn: daysAgo(100),
    level: 'deep',
    causes: ['illness'],
    household: [
      { relation: 'self', name, age: 48, health: 'serious', healthNote: '尿毒症透析', incomeFen: 150_000 },
      { relation: 'child', name: `${name}子`, age: 12, health: 'healthy', incomeFen: 0 },
    ],
    householdSize: 2,
    address: '=HYPERLINK("http://x")',
    phone: '13912345678',
    consent: { method: 'written', consentedOn: daysAgo(100) },
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; consents: { id: number }[] };
}

beforeAll(async () => {
  city = await buildCity(w.db);
  const a = await signInAs(w.app, w.db, 'union_admin', city.countyA);
  admin = a.agent;
  adminId = a.user.id;
  const c = await signInAs(w.app, w.db, 'union_cadre', city.countyA);
  cadre = c.agent;
  cadreId = c.user.id;
  await file(city.unionA, '顾明');
  await file(city.groupA, '陆芳', { level: 'relative', causes: ['schooling', 'unemployment'] });
});

async function download(agent: Agent, query: string) {
  const res = await agent.get(`/api/hardship/files/export?${query}`);
  expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
  expect(res.headers['content-type']).toMatch(/spreadsheetml/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = book.getWorksheet('困难职工档案');
  if (!sheet) throw new Error('no sheet');
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, unknown>[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as unknown[]).slice(1);
    rows.push(Object.fromEntries(header.map((h, i) => [h, values[i]])));
  });
  return { header, rows };
}

describe('hardship export', () => {
  it('masks numbers and leaves out health and income for an exporter without welfare.sensitive', async () => {
    const { header, rows } = await download(cadre, `orgId=${city.countyA.id}`);
    expect(header).not.toContain('人均月收入（元）');
    expect(header).not.toContain('家庭成员健康和收入');
    expect(rows.map((r) => r.姓名).sort()).toEqual(['陆芳', '顾明']);
    const gm = rows.find((r) => r.姓名 === '顾明');
    expect(gm?.联系电话).toBe('139****5678');
    expect(String(gm?.身份证号)).toContain('********');
    expect(gm?.家庭住址).toBe(`'=HYPERLINK("http://x")`);
    expect(JSON.stringify(rows)).not.toContain('透析');
    const [audit] = await w.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'hardship.export'), eq(auditLog.actorId, cadreId)));
    expect(audit?.details).toMatchObject({ results: 2, sensitiveRows: 0 });
  });

  it('includes them for a holder of welfare.sensitive, and audits how many rows carried them', async () => {
    const { rows } = await download(admin, `orgId=${city.countyA.id}&level=deep`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      姓名: '顾明',
      困难等级: '深度困难',
      '家庭月收入（元）': '1500.00',
      '人均月收入（元）': '750.00',
    });
    expect(String(rows[0]?.家庭成员健康和收入)).toContain('尿毒症透析');
    expect(rows[0]?.联系电话).toBe('139****5678');
    const [audit] = await w.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'hardship.export'), eq(auditLog.actorId, adminId)));
    expect(audit?.details).toMatchObject({ results: 1, sensitiveRows: 1 });
    expect((await admin.get(`/api/hardship/files/export?orgId=${city.countyB.id}`)).statusCode).toBe(404);
  });
});

describe('hardship statistics', () => {
  it('counts active files by level, cause and child org, each with the filter that lists them', async () => {
    const res = await admin.get(`/api/hardship/stats?orgId=${city.countyA.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const stats = res.json();
    expect(stats.totals.active).toMatchObject({ count: 2, filter: { orgId: city.countyA.id, status: 'active' } });
    expect(stats.totals.people).toBe(4);
    expect(stats.byLevel.find((b: { code: string }) => b.code === 'deep')).toMatchObject({
      count: 1,
      filter: { level: 'deep', orgId: city.countyA.id },
    });
    expect(stats.byCause.find((b: { code: string }) => b.code === 'unemployment').count).toBe(1);
    expect(stats.byChild).toEqual([
      expect.objectContaining({ label: city.townA.name, count: 2, filter: { orgId: city.townA.id, status: 'active' } }),
    ]);
    // Every bucket's filter lists exactly its files.
    for (const bucket of [...stats.byLevel, ...stats.byCause, ...stats.byChild, stats.totals.active]) {
      const qs = new URLSearchParams(Object.entries(bucket.filter).map(([k, v]) => [k, String(v)]));
      const list = await admin.get(`/api/hardship/files?${qs}`);
      expect(list.json().total, bucket.label).toBe(bucket.count);
    }
    expect((await admin.get(`/api/hardship/stats?orgId=${city.countyB.id}`)).statusCode).toBe(404);
  });
});

describe('hardship metrics', () => {
  it('counts active files (filter level) and files resolved in the period, with records behind them', async () => {
    const value = async (code: string, q: string) => {
      const res = await admin.get(`/api/metrics/${code}/value?orgId=${city.countyA.id}&${q}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().value as number;
    };
    expect(await value('hardship.files', '')).toBe(2);
    expect(await value('hardship.files', 'level=deep')).toBe(1);
    expect(await value('hardship.files', `level=${encodeURIComponent('相对困难')}`)).toBe(1);
    const year = daysAgo(0).slice(0, 4);
    expect(await value('hardship.resolved', `from=${year}-01-01&to=${year}-12-31`)).toBe(0);
    const extra = await file(city.unionA, '钱进');
    const resolved = await admin.post(`/api/hardship/files/${extra.id}/resolve`, {
      resolvedOn: daysAgo(0),
      reason: 'income',
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(await value('hardship.resolved', `from=${year}-01-01&to=${year}-12-31`)).toBe(1);
    expect(await value('hardship.files', '')).toBe(2);
    const records = await admin.get(`/api/metrics/hardship.files/records?orgId=${city.countyA.id}`);
    expect(records.statusCode, records.body).toBe(200);
    expect(
      records
        .json()
        .rows.map((r: { name: string }) => r.name)
        .sort(),
    ).toEqual(['陆芳', '顾明']);
    expect(JSON.stringify(records.json())).not.toMatch(/income|health/i);
  });
});

describe('consent forms', () => {
  it('attaches one scanned form to a consent; only welfare.sensitive may open it, and that is audited', async () => {
    const created = await file(city.unionA, '沈丽');
    const consentId = created.consents[0]?.id as number;
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
      'base64',
    );
    const notImage = await cadre.upload(`/api/hardship/consents/${consentId}/form`, [
      { name: 'file', fileName: 'a.png', data: Buffer.from('not an image') },
    ]);
    expect(notImage.statusCode).toBe(400);
    const up = await cadre.upload(`/api/hardship/consents/${consentId}/form`, [
      { name: 'file', fileName: '授权书.png', data: png, type: 'image/png' },
    ]);
    expect(up.statusCode, up.body).toBe(200);
    const twice = await cadre.upload(`/api/hardship/consents/${consentId}/form`, [
      { name: 'file', fileName: '授权书.png', data: png, type: 'image/png' },
    ]);
    expect(twice.statusCode).toBe(409);
    expect((await cadre.get(`/api/hardship/consents/${consentId}/form`)).statusCode).toBe(403);
    const shown = await admin.get(`/api/hardship/consents/${consentId}/form`);
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['content-type']).toBe('image/png');
    const views = await w.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'hardship.view_consent'), eq(auditLog.actorId, adminId)));
    expect(views).toHaveLength(1);
    const detail = await admin.get(`/api/hardship/files/${created.id}`);
    expect(detail.json().consents[0].form).toMatchObject({ fileName: '授权书.png', mime: 'image/png' });
  });
});
