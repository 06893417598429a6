import { count, eq, isNotNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { members } from '../server/modules/members/members.tables';
import { orgs } from '../server/modules/orgs/orgs.tables';
import { demoAccounts } from '../server/modules/system/system.routes';
import { seedDemo, seedDemoIfEmpty } from '../server/seed/demo';
import { isCreditCode } from '../shared/validators/creditCode';
import { testKeyRing, useTestApp } from './app';
import { signIn } from './factories';

const w = useTestApp();

describe('demo city', () => {
  it('loads Nantong: the city federation, its departments, the 7 districts, towns and ~3,000 grassroots unions', async () => {
    const first = await seedDemoIfEmpty(w.db, testKeyRing);
    expect(first?.orgs).toBeGreaterThan(3000);
    expect(await seedDemoIfEmpty(w.db, testKeyRing)).toBeNull();

    const districts = await w.db
      .select({ name: orgs.name, areaCode: orgs.areaCode })
      .from(orgs)
      .where(eq(orgs.type, 'county_federation'))
      .orderBy(orgs.areaCode);
    expect(districts).toEqual([
      { name: '通州区总工会', areaCode: '320612' },
      { name: '崇川区总工会', areaCode: '320613' },
      { name: '海门区总工会', areaCode: '320614' },
      { name: '如东县总工会', areaCode: '320623' },
      { name: '启东市总工会', areaCode: '320681' },
      { name: '如皋市总工会', areaCode: '320682' },
      { name: '海安市总工会', areaCode: '320685' },
    ]);
    const names = (await w.db.select({ name: orgs.name }).from(orgs)).map((o) => o.name);
    expect(names).toEqual(
      expect.arrayContaining(['南通市总工会', '市教育工会', '海门区常乐镇总工会', '海门叠石桥国际家纺产业园区总工会']),
    );
    const codes = await w.db.select({ code: orgs.creditCode }).from(orgs).where(isNotNull(orgs.creditCode));
    expect(codes.length).toBeGreaterThan(3000);
    expect(codes.every((c) => isCreditCode(c.code ?? ''))).toBe(true);
    expect(first?.members).toBeGreaterThan(20_000);
    const [grassroots] = await w.db.select({ n: count() }).from(orgs).where(eq(orgs.depth, 3));
    expect(Number(grassroots?.n)).toBeGreaterThan(2500);
  });

  it('gives each demo account its place, with no forced password change', async () => {
    const expected: Record<string, { role: string; org: string; permission: string }> = {
      city_admin: { role: 'platform_admin', org: '南通市总工会', permission: 'accounts.manage' },
      haimen_admin: { role: 'union_admin', org: '海门区总工会', permission: 'orgs.move' },
      union_admin: { role: 'union_admin', org: '江苏叠石桥家纺有限公司工会', permission: 'orgs.create' },
      worker: { role: 'member', org: '江苏叠石桥家纺有限公司工会', permission: 'portal.use' },
    };
    for (const demo of demoAccounts) {
      const agent = await signIn(w.app, demo.username, demo.password);
      const want = expected[demo.username];
      expect(agent.me.account.mustChangePassword).toBe(false);
      expect(agent.me.grants).toEqual([
        expect.objectContaining({ role: want?.role, org: expect.objectContaining({ name: want?.org }) }),
      ]);
      expect(agent.me.permissions).toContain(want?.permission);
    }
    const cityAdmin = await signIn(w.app, 'city_admin', demoAccounts[0]?.password);
    const [root] = (await cityAdmin.get('/api/orgs/roots')).json().items;
    const [active] = await w.db.select({ n: count() }).from(members).where(eq(members.status, 'active'));
    expect((await cityAdmin.get(`/api/orgs/${root.id}/stats`)).json().members).toBe(Number(active?.n));
    const unionAdmin = await signIn(w.app, 'union_admin', demoAccounts[0]?.password);
    const found = (await unionAdmin.get('/api/members?q=13800000001')).json().items;
    expect(found.map((m: { name: string }) => m.name)).toEqual(['张建国']);
    const info = (await w.app.inject({ url: '/api/system/info' })).json();
    expect(info.demo).toBe(true);
    expect(info.demoAccounts.map((a: { username: string }) => a.username)).toEqual(Object.keys(expected));
  });

  it('has seeds 000 and 004 published through the parser, reported by several units, some of them late', async () => {
    const cityAdmin = await signIn(w.app, 'city_admin', demoAccounts[0]?.password);
    const docs = (await cityAdmin.get('/api/documents')).json().items as {
      id: number;
      docNumber: string | null;
      title: string;
      status: string;
    }[];
    const campaign = docs.find((d) => d.docNumber === '通工发〔2018〕34号');
    const plan = docs.find((d) => d.title.includes('2024年直属工会工作要点'));
    expect(campaign?.status).toBe('published');
    expect(plan?.status).toBe('published');

    type Dashboard = {
      totals: Record<string, number>;
      tasks: {
        number: string;
        targets: { metric: string; value: number; byOrg: { orgName: string; goal: number; status: string }[] }[];
      }[];
      behindByDepartment: { department: string; units: { orgName: string }[] }[];
    };
    const dashboard = (await cityAdmin.get(`/api/documents/${campaign?.id}/dashboard`)).json() as Dashboard;
    expect(dashboard.tasks.map((t) => t.number)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    const leaders = dashboard.tasks[5]?.targets.find((t) => t.metric.includes('班组长'));
    expect(leaders?.value).toBe(1000);
    expect(leaders?.byOrg).toHaveLength(7);
    expect(leaders?.byOrg.find((c) => c.orgName === '崇川区总工会')?.goal).toBe(180);
    expect(leaders?.byOrg.find((c) => c.orgName === '海门区总工会')?.status).toBe('done');
    expect(leaders?.byOrg.find((c) => c.orgName === '启东市总工会')?.status).toBe('overdue');
    expect(dashboard.totals.done).toBeGreaterThan(5);
    expect(dashboard.totals.overdue).toBeGreaterThan(5);
    const late = dashboard.behindByDepartment.flatMap((d) => d.units.map((u) => u.orgName));
    expect(late).toContain('启东市总工会');
    expect(late).not.toContain('海门区总工会');

    const reports = (await cityAdmin.get(`/api/workplans/reports?documentId=${campaign?.id}&limit=100`)).json()
      .items as {
      orgName: string;
      status: string;
      files: unknown[];
    }[];
    expect(new Set(reports.map((r) => r.orgName)).size).toBeGreaterThanOrEqual(7);
    expect(reports.some((r) => r.status === 'returned')).toBe(true);
    expect(reports.some((r) => r.status === 'submitted')).toBe(true);
    expect(reports.some((r) => r.files.length > 0)).toBe(true);

    const todo = await signIn(w.app, 'haimen_admin', demoAccounts[0]?.password);
    const mine = (await todo.get('/api/workplans/todo')).json().items as unknown[];
    expect(mine.length).toBeGreaterThan(0);
    const planBoard = (await cityAdmin.get(`/api/documents/${plan?.id}/dashboard`)).json() as Dashboard;
    expect(planBoard.tasks).toHaveLength(12);
    expect(planBoard.tasks.flatMap((t) => t.targets)).toHaveLength(3);
  });

  it('refuses to run in production', async () => {
    const before = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await expect(seedDemo(w.db, testKeyRing)).rejects.toThrow(/生产环境/);
    } finally {
      process.env.NODE_ENV = before;
    }
  });
});
