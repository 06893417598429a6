/** Care-visit figures: coverage per child org, metrics and export all equal the records, to the fen. */

import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../server/lib/dates';
import { computeMetric } from '../server/metrics';
import { auditLog } from '../server/modules/audit/audit.tables';
import { makeOrg } from '../server/seed/factories';
import { useTestApp } from './app';
import { type Agent, buildCity, buildMember, type City, signInAs, uid } from './factories';

const w = useTestApp();

let city: City;
let admin: Agent;
let campaignId: number;
let extraUnion: Awaited<ReturnType<typeof makeOrg>>;
const day = (n: number) => chinaDate(new Date(Date.now() - n * 86_400_000));

type Visit = {
  orgId: number;
  kind: 'enterprise' | 'worker';
  target?: number;
  memberId?: number;
  name?: string;
  workers: number;
  goods: number;
  cash: number;
};
const made: Visit[] = [];

async function record(v: Visit, date = day(2)) {
  const parts = Object.entries({
    campaignId,
    orgId: v.orgId,
    visitDate: date,
    targetKind: v.kind,
    targetOrgId: v.target,
    memberId: v.memberId,
    targetName: v.name,
    workersReached: v.workers,
    goods: '清凉物资',
    goodsFen: v.goods,
    cashFen: v.cash,
  })
    .filter(([, x]) => x !== undefined)
    .map(([name, x]) => ({ name, value: String(x) }));
  const res = await admin.upload('/api/visits', parts);
  expect(res.statusCode, res.body).toBe(201);
  made.push(v);
}

beforeAll(async () => {
  city = await buildCity(w.db);
  admin = (await signInAs(w.app, w.db, 'union_admin', city.root)).agent;
  extraUnion = await makeOrg(w.db, city.townA, { name: `甲区第二纺织厂工会${uid()}`, type: 'grassroots_enterprise' });
  const res = await admin.post('/api/visit-campaigns', {
    orgId: city.root.id,
    kind: 'summer',
    title: '市总夏送清凉',
    startDate: day(40),
    endDate: day(0),
    budgetFen: 100_000_000,
  });
  campaignId = res.json().id;
  const member = await buildMember(w.db, city.unionB, { name: '孙师傅' });
  // Town A visits union A twice and the county visits union A once: one enterprise, three visits.
  await record({
    orgId: city.townA.id,
    kind: 'enterprise',
    target: city.unionA.id,
    workers: 180,
    goods: 512_345,
    cash: 0,
  });
  await record({
    orgId: city.townA.id,
    kind: 'enterprise',
    target: city.unionA.id,
    workers: 20,
    goods: 0,
    cash: 40_001,
  });
  await record({
    orgId: city.countyA.id,
    kind: 'enterprise',
    target: city.unionA.id,
    workers: 7,
    goods: 70_000,
    cash: 3,
  });
  await record({
    orgId: city.countyA.id,
    kind: 'enterprise',
    name: '无工会的小作坊',
    workers: 5,
    goods: 9_999,
    cash: 0,
  });
  await record({
    orgId: city.unionB.id,
    kind: 'enterprise',
    target: city.unionB.id,
    workers: 66,
    goods: 123_456,
    cash: 1,
  });
  await record({ orgId: city.countyB.id, kind: 'worker', memberId: member.id, workers: 1, goods: 0, cash: 80_000 });
  await record(
    { orgId: city.root.id, kind: 'worker', name: '环卫工老周', workers: 1, goods: 30_000, cash: 20_000 },
    day(10),
  );
});

const sum = (vs: Visit[], f: (v: Visit) => number) => vs.reduce((s, v) => s + f(v), 0);

describe('coverage', () => {
  it('equals the records at the root and in a drill-down, and each figure opens its visits', async () => {
    const cov = (await admin.get(`/api/visit-campaigns/${campaignId}/coverage`)).json();
    expect(cov.org.id).toBe(city.root.id);
    const rowOf = (id: number) =>
      cov.rows.find((r: { org: { id: number }; self: boolean }) => r.org.id === id && !r.self);
    const a = rowOf(city.countyA.id);
    const aVisits = made.filter((v) => [city.countyA.id, city.townA.id].includes(v.orgId));
    expect(a).toMatchObject({
      unions: 2,
      visited: 1,
      coverage: 50,
      visits: 4,
      enterprises: 2,
      workers: sum(aVisits, (v) => v.workers),
      goodsFen: sum(aVisits, (v) => v.goods),
      cashFen: sum(aVisits, (v) => v.cash),
      totalFen: sum(aVisits, (v) => v.goods + v.cash),
    });
    expect(rowOf(city.countyB.id)).toMatchObject({ unions: 1, visited: 1, coverage: 100, visits: 2, workers: 67 });
    const self = cov.rows.find((r: { self: boolean }) => r.self);
    expect(self).toMatchObject({ org: { id: city.root.id }, visits: 1, workers: 1, totalFen: 50_000 });
    expect(cov.total).toMatchObject({
      unions: 3,
      visited: 2,
      visits: made.length,
      workers: sum(made, (v) => v.workers),
      totalFen: sum(made, (v) => v.goods + v.cash),
    });
    expect(cov.spentFen).toBe(cov.total.totalFen);

    // The figures open exactly their visits.
    const list = async (q: string) => (await admin.get(`/api/visits?campaignId=${campaignId}&limit=200&${q}`)).json();
    const byOrg = await list(`orgId=${city.countyA.id}`);
    expect(byOrg.totals).toMatchObject({
      visits: a.visits,
      workers: a.workers,
      goodsFen: a.goodsFen,
      cashFen: a.cashFen,
    });
    const visited = await list(`targetOrgId=${city.countyA.id}&targetKind=enterprise`);
    expect(new Set(visited.items.map((v: { targetOrgId: number }) => v.targetOrgId)).size).toBe(a.visited);
    const own = await list(`orgId=${city.root.id}&ownOnly=true`);
    expect(own.totals).toMatchObject({ visits: 1, workers: 1 });

    // Drill into county A: the town and the county's own visits.
    const down = (await admin.get(`/api/visit-campaigns/${campaignId}/coverage?orgId=${city.countyA.id}`)).json();
    expect(down.breadcrumbs.map((b: { id: number }) => b.id)).toEqual([city.root.id, city.countyA.id]);
    const town = down.rows.find((r: { org: { id: number } }) => r.org.id === city.townA.id);
    expect(town).toMatchObject({ unions: 2, visited: 1, visits: 2, workers: 200, goodsFen: 512_345, cashFen: 40_001 });
    expect(down.rows.find((r: { self: boolean }) => r.self)).toMatchObject({ visits: 2, workers: 12 });
    expect(extraUnion.path.startsWith(city.townA.path)).toBe(true);

    // A county admin sees the city's campaign from its own county down; another subtree is 404.
    const { agent: county } = await signInAs(w.app, w.db, 'union_admin', city.countyA);
    const mine = (await county.get(`/api/visit-campaigns/${campaignId}/coverage`)).json();
    expect(mine.org.id).toBe(city.countyA.id);
    expect((await county.get(`/api/visit-campaigns/${campaignId}/coverage?orgId=${city.countyB.id}`)).statusCode).toBe(
      404,
    );
  });
});

describe('metrics', () => {
  it('equal the sums of the records to the fen, by the visiting union, with the kind filter', async () => {
    const paths = [city.root.path, city.countyA.path, city.countyB.path, city.townA.path];
    const q = { orgPaths: paths, from: day(40), to: day(0) };
    const enterprises = await computeMetric(w.db, 'visits.enterprises', q);
    const workers = await computeMetric(w.db, 'visits.workers', q);
    const amount = await computeMetric(w.db, 'visits.amount', q);
    const under = (path: string) =>
      made.filter((v) => {
        const org = [city.root, city.countyA, city.countyB, city.townA, city.unionA, city.unionB].find(
          (o) => o.id === v.orgId,
        );
        return org?.path.startsWith(path);
      });
    for (const p of paths) {
      expect(workers.get(p)).toBe(sum(under(p), (v) => v.workers));
      expect(Math.round((amount.get(p) ?? 0) * 100)).toBe(sum(under(p), (v) => v.goods + v.cash));
    }
    expect(amount.get(city.root.path)).toBe(sum(made, (v) => v.goods + v.cash) / 100);
    expect(enterprises.get(city.root.path)).toBe(3);
    expect(enterprises.get(city.countyA.path)).toBe(2);
    expect(enterprises.get(city.townA.path)).toBe(1);
    // The period and the kind filter (by label too) narrow it.
    const recent = await computeMetric(w.db, 'visits.workers', { ...q, from: day(5) });
    expect(recent.get(city.root.path)).toBe(sum(made, (v) => v.workers) - 1);
    const winter = await computeMetric(w.db, 'visits.amount', { ...q, filters: { kind: '送温暖' } });
    expect(winter.get(city.root.path)).toBe(0);

    const res = await admin.get(`/api/metrics/visits.workers/records?orgId=${city.countyB.id}&from=${day(40)}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().total).toBe(2);
    expect(
      res
        .json()
        .rows.map((r: { amount: string }) => r.amount)
        .sort(),
    ).toEqual(['1234.57', '800.00']);
  });
});

describe('export', () => {
  it('writes every visit with exact sums, formula text defused, and is audited', async () => {
    const res = await admin.get(`/api/visit-campaigns/${campaignId}/export.xlsx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('市总夏送清凉'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('走访慰问明细');
    expect(sheet).toBeDefined();
    const header = sheet?.getRow(2).values as unknown[];
    expect(header.slice(1, 12)).toEqual([
      '序号',
      '走访日期',
      '走访单位',
      '慰问对象类型',
      '慰问对象',
      '所在单位',
      '慰问人数',
      '慰问物资',
      '物资价值（元）',
      '慰问金（元）',
      '合计（元）',
    ]);
    const rows: unknown[][] = [];
    sheet?.eachRow((row, n) => {
      if (n > 2) rows.push(row.values as unknown[]);
    });
    const data = rows.slice(0, -1);
    const total = rows.at(-1) as unknown[];
    expect(data).toHaveLength(made.length);
    expect(data.map((r) => r[5])).toContain('无工会的小作坊');
    expect(total[1]).toBe('合计');
    expect(total[7]).toBe(sum(made, (v) => v.workers));
    expect(Math.round(Number(total[11]) * 100)).toBe(sum(made, (v) => v.goods + v.cash));
    expect(Math.round(data.reduce((s, r) => s + Number(r[9]) * 100, 0))).toBe(sum(made, (v) => v.goods));
    const [entry] = await w.db.select().from(auditLog).where(eq(auditLog.action, 'visits.export'));
    expect(entry?.details).toMatchObject({ results: made.length });
  });

  it('defuses formula text in cells', async () => {
    const c = await admin.post('/api/visit-campaigns', {
      orgId: city.root.id,
      kind: 'festival',
      title: `节日慰问${uid()}`,
      startDate: day(5),
      endDate: day(0),
      budgetFen: 100_000,
    });
    const id = c.json().id;
    const res = await admin.upload('/api/visits', [
      { name: 'campaignId', value: String(id) },
      { name: 'orgId', value: String(city.root.id) },
      { name: 'visitDate', value: day(1) },
      { name: 'targetKind', value: 'enterprise' },
      { name: 'targetName', value: '=HYPERLINK("http://x","y")' },
      { name: 'workersReached', value: '3' },
      { name: 'goodsFen', value: '100' },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const file = await admin.get(`/api/visit-campaigns/${id}/export.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const cell = book.getWorksheet('走访慰问明细')?.getRow(3).getCell(5);
    expect(cell?.value).toBe(`'=HYPERLINK("http://x","y")`);
    expect(cell?.formula).toBeUndefined();
  });
});
