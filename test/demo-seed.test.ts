import { count, eq, isNotNull, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../server/db/client';
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
      haimen_finance: { role: 'federation_staff', org: '海门区总工会', permission: 'assistance.disburse' },
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

  it("has 海门's summer visits at the seed's scale (≈25,000 workers, ≈1.75M yuan) computed from the records", async () => {
    const haimen = await signIn(w.app, 'haimen_admin', demoAccounts[0]?.password);
    const campaigns = (await haimen.get('/api/visit-campaigns?kind=summer')).json().items as {
      id: number;
      title: string;
      spentFen: number;
      budgetFen: number;
      totals: { workers: number; totalFen: number; enterprises: number };
    }[];
    const summer = campaigns.find((c) => c.title.includes('海门区总工会') && c.title.includes('送清凉'));
    expect(summer?.totals.workers).toBeGreaterThan(24_500);
    expect(summer?.totals.workers).toBeLessThanOrEqual(25_000);
    expect(summer?.totals.totalFen).toBeGreaterThan(174_000_000);
    expect(summer?.totals.totalFen).toBeLessThan(176_000_000);
    expect(summer?.totals.totalFen).not.toBe(175_000_000);
    expect(summer?.spentFen).toBe(summer?.totals.totalFen);
    const coverage = (await haimen.get(`/api/visit-campaigns/${summer?.id}/coverage`)).json();
    expect(coverage.total.workers).toBe(summer?.totals.workers);
    expect(coverage.total.coverage).toBeGreaterThan(80);
    expect(coverage.total.coverage).toBeLessThan(100);
    const photos = (
      await haimen.get(`/api/visits?campaignId=${summer?.id}&orgId=${coverage.org.id}&ownOnly=true&limit=200`)
    ).json().items as {
      photoCount: number;
    }[];
    expect(photos.some((v) => v.photoCount > 0)).toBe(true);
    const amount = (await haimen.get('/api/metrics/visits.amount/value?kind=summer')).json();
    expect(Math.round(amount.value * 100)).toBe(summer?.totals.totalFen);
    const cityAdmin = await signIn(w.app, 'city_admin', demoAccounts[0]?.password);
    const winter = (await cityAdmin.get('/api/visit-campaigns?kind=winter')).json().items[0];
    expect(winter).toMatchObject({ status: 'closed' });
    expect(winter.totals.visits).toBeGreaterThan(100);
  });

  it('has hardship files across the city (≈2,000 active, ≈600 in 海门), with reviews due and files resolved this year', async () => {
    const password = demoAccounts[0]?.password;
    const cityAdmin = await signIn(w.app, 'city_admin', password);
    const haimen = await signIn(w.app, 'haimen_admin', password);
    const metric = async (agent: typeof haimen, code: string, q = '') =>
      (await agent.get(`/api/metrics/${code}/value?${q}`)).json().value as number;
    const cityFiles = await metric(cityAdmin, 'hardship.files');
    expect(cityFiles).toBeGreaterThan(1_850);
    expect(cityFiles).toBeLessThan(2_150);
    const haimenFiles = await metric(haimen, 'hardship.files');
    expect(haimenFiles).toBeGreaterThan(550);
    expect(haimenFiles).toBeLessThan(650);
    const year = new Date().getFullYear();
    expect(await metric(cityAdmin, 'hardship.resolved', `from=${year}-01-01&to=${year}-12-31`)).toBeGreaterThan(20);
    const levels = (await haimen.get('/api/hardship/stats')).json();
    expect(levels.totals.active.count).toBe(haimenFiles);
    expect(levels.totals.reviewDue.count).toBeGreaterThan(20);
    expect(levels.byLevel.every((b: { count: number }) => b.count > 0)).toBe(true);
    expect(levels.byCause.every((b: { count: number }) => b.count > 0)).toBe(true);
    // Households of 3 or more: enough families for the insurance story (58 families, 152 people).
    const big = await w.db.execute(
      sql`select count(*)::int as n from hardship_files where status = 'active' and household_size >= 3`,
    );
    expect(Number((big as unknown as { rows: { n: number }[] }).rows[0]?.n)).toBeGreaterThan(200);
    // Every file holding health or income has a consent recorded no later than it was filed.
    const unconsented = await w.db.execute(
      sql`select count(*)::int as n from hardship_files f where per_capita_income_fen is not null
          and not exists (select 1 from hardship_consents c where c.file_id = f.id and c.consented_on <= f.filed_on)`,
    );
    expect(Number((unconsented as unknown as { rows: { n: number }[] }).rows[0]?.n)).toBe(0);
    // The demo union: three files made through the services, one due for review, one resolved.
    const union = await signIn(w.app, 'union_admin', password);
    const mine = (await union.get('/api/hardship/files')).json();
    expect(mine.total).toBe(3);
    expect(mine.items.filter((f: { reviewDue: boolean }) => f.reviewDue)).toHaveLength(1);
    expect(mine.items.filter((f: { status: string }) => f.status === 'resolved')).toHaveLength(1);
  });

  it('has the city recuperation programme: 15 past batches with 1,102 attended, and an open batch for the worker', async () => {
    const password = demoAccounts[0]?.password;
    const city = await signIn(w.app, 'city_admin', password);
    const [programme] = (await city.get('/api/recuperation/programmes')).json().items;
    expect(programme).toMatchObject({ org: { name: '南通市总工会' }, status: 'open', frontLineOnly: true });
    const view = (await city.get(`/api/recuperation/programmes/${programme.id}`)).json();
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const past = view.batchList.filter((b: { startDate: string }) => b.startDate < today);
    expect(past).toHaveLength(15);
    // Figures computed from the records: attended applications, and counters equal to the applications.
    const stats = (await city.get(`/api/recuperation/programmes/${programme.id}/stats`)).json();
    expect(
      stats.byBatch
        .filter((b: { startDate: string }) => b.startDate < today)
        .reduce((n: number, b: { attended: number }) => n + b.attended, 0),
    ).toBe(1102);
    expect(stats.totals.attended).toBe(1102);
    expect(stats.byOrg.filter((o: { attended: number }) => o.attended > 0)).toHaveLength(7);
    const root = view.org.id;
    const participants = (
      await city.get(
        `/api/metrics/recuperation.participants/value?orgId=${root}&from=${view.year}-01-01&to=${view.year}-12-31`,
      )
    ).json();
    expect(participants.value).toBe(1102);
    const batches = (
      await city.get(`/api/metrics/recuperation.batches/value?orgId=${root}&from=${view.year}-01-01&to=${today}`)
    ).json();
    expect(batches.value).toBe(15);
    const drift = await w.db.execute(
      sql`select count(*)::int as n from recup_batches b where b.seats_taken <> (select count(*) from recup_applications a
          where a.batch_id = b.id and a.status in ('accepted','confirmed','attended','absent'))
          or b.pool_taken <> (select count(*) from recup_applications a where a.batch_id = b.id and a.quota_id is null
          and a.status in ('accepted','confirmed','attended','absent'))`,
    );
    expect(Number((drift as unknown as { rows: { n: number }[] }).rows[0]?.n)).toBe(0);
    const quotaDrift = await w.db.execute(
      sql`select count(*)::int as n from recup_quotas q where q.used <> (select count(*) from recup_applications a
          where a.quota_id = q.id and a.status in ('accepted','confirmed','attended','absent'))`,
    );
    expect(Number((quotaDrift as unknown as { rows: { n: number }[] }).rows[0]?.n)).toBe(0);

    // The upcoming batch: seats left, a waiting list, and the worker may sign up in the portal.
    const open = view.batchList.find((b: { startDate: string }) => b.startDate > today);
    expect(open.capacity - open.seatsTaken).toBeGreaterThan(0);
    expect(open.waitlisted).toBeGreaterThan(0);
    const worker = await signIn(w.app, 'worker', password);
    const offered = (await worker.get('/api/portal/recuperation/batches')).json().items;
    expect(offered).toEqual([expect.objectContaining({ id: open.id, blocked: null })]);
  });

  it("has 海门's year of assistance (2,045 cases, ≈2.2M yuan) and the city's insurance for 152 people of 58 families", async () => {
    const password = demoAccounts[0]?.password;
    const haimen = await signIn(w.app, 'haimen_admin', password);
    const city = await signIn(w.app, 'city_admin', password);
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    const period = `from=${year}-01-01&to=${year}-12-31`;
    const metric = async (agent: typeof haimen, code: string, q = '') =>
      (await agent.get(`/api/metrics/${code}/value?${period}${q}`)).json().value as number;
    const haimenCases = await metric(haimen, 'assistance.cases');
    expect(haimenCases).toBeGreaterThanOrEqual(2_045);
    expect(haimenCases).toBeLessThan(2_060);
    const haimenAmount = await metric(haimen, 'assistance.amount');
    expect(haimenAmount).toBeGreaterThan(2_200_000);
    expect(haimenAmount).toBeLessThan(2_300_000);
    expect(await metric(haimen, 'assistance.people')).toBeLessThan(haimenCases);
    // The statistics page and the metrics agree to the fen.
    const stats = (await haimen.get(`/api/assistance/stats?${period}`)).json();
    expect(stats.totals.cases).toBe(haimenCases);
    expect(stats.totals.amountFen).toBe(Math.round(haimenAmount * 100));
    expect(stats.byType.reduce((n: number, t: { amountFen: number }) => n + t.amountFen, 0)).toBe(
      stats.totals.amountFen,
    );
    expect(stats.byMonth.length).toBeGreaterThan(1);
    // City-wide household insurance from the city fund: 58 cases covering 152 people.
    const [ins] = await queryRows<{ cases: number; people: number }>(
      w.db,
      sql`select count(*)::int as cases, sum(covered_people)::int as people
        from assistance_cases c join assistance_funds f on f.id = c.fund_id
        where c.type = 'insurance' and f.org_id = (select id from orgs where name = '南通市总工会')`,
    );
    expect(ins).toEqual({ cases: 58, people: 152 });
    // Every fund's committed and paid money equals the sums of its cases; balances never below zero.
    const funds = (await city.get('/api/assistance/funds')).json().items as {
      id: number;
      committedFen: number;
      paidFen: number;
      balanceFen: number;
    }[];
    expect(funds).toHaveLength(2);
    for (const f of funds) {
      const [sums] = await queryRows<{ committed: string; paid: string }>(
        w.db,
        sql`select
          coalesce(sum(amount_approved_fen) filter (where status in ('approved', 'in_batch')), 0)::bigint as committed,
          coalesce(sum(amount_approved_fen) filter (where status = 'paid'), 0)::bigint as paid
          from assistance_cases where fund_id = ${f.id}`,
      );
      expect([f.committedFen, f.paidFen]).toEqual([Number(sums?.committed), Number(sums?.paid)]);
      expect(f.balanceFen).toBeGreaterThan(0);
    }
    // Paid batches add up to their cases.
    const [drift] = await queryRows<{ n: number }>(
      w.db,
      sql`select count(*)::int as n from assistance_batches b where b.status <> 'cancelled' and
        (b.total_fen <> (select coalesce(sum(amount_approved_fen), 0) from assistance_cases c where c.batch_id = b.id)
         or b.case_count <> (select count(*) from assistance_cases c where c.batch_id = b.id))`,
    );
    expect(drift?.n).toBe(0);
    // The demo union's live cases: waiting for review, for 海门's approval, for a batch; the worker's rejection.
    const union = await signIn(w.app, 'union_admin', password);
    const todo = (await union.get('/api/assistance/cases?todo=review')).json();
    expect(todo.total).toBeGreaterThanOrEqual(2);
    expect((await haimen.get('/api/assistance/cases?todo=approve')).json().total).toBeGreaterThanOrEqual(1);
    const finance = await signIn(w.app, 'haimen_finance', password);
    expect((await finance.get('/api/assistance/cases?todo=disburse')).json().total).toBeGreaterThanOrEqual(2);
    const worker = await signIn(w.app, 'worker', password);
    const own = (await worker.get('/api/portal/assistance')).json().items;
    expect(own).toEqual([
      expect.objectContaining({ status: 'rejected', rejection: expect.objectContaining({ step: 'review' }) }),
    ]);
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
