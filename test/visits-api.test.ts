/** Care visits over HTTP: campaign and visit validation, scope, budget, deletion, photos, the budget race. */
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../server/lib/dates';
import { auditLog } from '../server/modules/audit/audit.tables';
import { careCampaigns, careVisits } from '../server/modules/visits/visits.tables';
import { makeOrg } from '../server/seed/factories';
import { useTestApp } from './app';
import {
  type Agent,
  buildCity,
  buildMember,
  buildUser,
  type City,
  signIn,
  signInAs,
  type UploadPart,
  uid,
} from './factories';
import { tinyPng } from './workplanFixtures';

const w = useTestApp();

let city: City;
let countyAdmin: Agent;
let townCadre: Agent;
let outsider: Agent;

const today = () => chinaDate(new Date());
const daysFromToday = (n: number) => chinaDate(new Date(Date.now() + n * 86_400_000));

async function campaign(agent: Agent, body: Record<string, unknown> = {}) {
  const res = await agent.post('/api/visit-campaigns', {
    kind: 'summer',
    title: `夏季送清凉${uid()}`,
    startDate: daysFromToday(-60),
    endDate: daysFromToday(30),
    budgetFen: 1_000_000,
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; spentFen: number; budgetFen: number };
}

type Fields = Record<string, string | number | undefined>;
function visitParts(fields: Fields, photos: { fileName: string; data: Buffer }[] = []): UploadPart[] {
  return [
    ...Object.entries(fields)
      .filter(([, v]) => v !== undefined)
      .map(([name, value]) => ({ name, value: String(value) })),
    ...photos.map((p) => ({ name: 'files', ...p })),
  ];
}
const visit = (agent: Agent, fields: Fields, photos: { fileName: string; data: Buffer }[] = []) =>
  agent.upload('/api/visits', visitParts(fields, photos));

const enterpriseVisit = (campaignId: number, extra: Fields = {}): Fields => ({
  campaignId,
  orgId: city.townA.id,
  visitDate: daysFromToday(-3),
  targetKind: 'enterprise',
  targetOrgId: city.unionA.id,
  workersReached: 120,
  goods: '绿豆、白糖、毛巾',
  goodsFen: 360_000,
  cashFen: 0,
  narrative: '走访高温一线车间',
  ...extra,
});

async function spentOf(id: number) {
  const [row] = await w.db.select().from(careCampaigns).where(eq(careCampaigns.id, id));
  return row?.spentFen;
}
async function visitCount(id: number) {
  const [row] = await w.db
    .select({ n: sql<number>`count(*)::int` })
    .from(careVisits)
    .where(eq(careVisits.campaignId, id));
  return Number(row?.n);
}

beforeAll(async () => {
  city = await buildCity(w.db);
  countyAdmin = (await signInAs(w.app, w.db, 'union_admin', city.countyA)).agent;
  townCadre = (await signInAs(w.app, w.db, 'union_cadre', city.townA)).agent;
  outsider = (await signInAs(w.app, w.db, 'union_admin', city.countyB)).agent;
});

describe('campaigns', () => {
  it('creates, lists with totals and filters, and refuses bad periods, budgets and owners', async () => {
    const c = await campaign(countyAdmin, { orgId: city.countyA.id, kind: 'winter', title: '冬季送温暖' });
    expect(c).toMatchObject({ spentFen: 0, status: 'active', kind: 'winter', canManage: true });
    const bad = async (body: Record<string, unknown>, status: number, error: string) => {
      const res = await countyAdmin.post('/api/visit-campaigns', {
        kind: 'summer',
        title: '坏活动',
        startDate: '2026-06-01',
        endDate: '2026-08-31',
        budgetFen: 100,
        ...body,
      });
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error).toBe(error);
    };
    await bad({ endDate: '2026-05-31' }, 400, 'visits/bad_period');
    await bad({ startDate: '2026-02-30' }, 400, 'common/invalid_input');
    await bad({ budgetFen: 0 }, 400, 'common/invalid_input');
    await bad({ budgetFen: -100 }, 400, 'common/invalid_input');
    await bad({ budgetFen: 12.5 }, 400, 'common/invalid_input');
    await bad({ budgetFen: 10_000_000_001 }, 400, 'common/invalid_input');
    await bad({ kind: 'spring' }, 400, 'common/invalid_input');
    await bad({ orgId: city.countyB.id }, 404, 'orgs/not_found');
    await bad({ orgId: city.groupA.id }, 400, 'visits/invalid_owner');

    // A participant below the owner sees it; another county does not.
    const listed = (await townCadre.get('/api/visit-campaigns?kind=winter')).json();
    expect(listed.items.map((i: { id: number }) => i.id)).toContain(c.id);
    expect((await outsider.get(`/api/visit-campaigns/${c.id}`)).statusCode).toBe(404);
    const year = Number(today().slice(0, 4));
    const none = (await countyAdmin.get(`/api/visit-campaigns?year=${year - 10}`)).json();
    expect(none.items.map((i: { id: number }) => i.id)).not.toContain(c.id);
    // The participant may not edit or close the county's campaign.
    expect((await townCadre.patch(`/api/visit-campaigns/${c.id}`, { title: '改' })).statusCode).toBe(403);
    expect((await townCadre.post(`/api/visit-campaigns/${c.id}/close`)).statusCode).toBe(403);
  });

  it('edits within the rules (budget ≥ spent, period holds the visits), audited; closing stops visits', async () => {
    const c = await campaign(countyAdmin, { budgetFen: 500_000 });
    const made = await visit(countyAdmin, enterpriseVisit(c.id, { goodsFen: 300_000 }));
    expect(made.statusCode, made.body).toBe(201);
    const low = await countyAdmin.patch(`/api/visit-campaigns/${c.id}`, { budgetFen: 299_999 });
    expect(low.statusCode).toBe(409);
    expect(low.json().error).toBe('visits/budget_below_spent');
    const narrow = await countyAdmin.patch(`/api/visit-campaigns/${c.id}`, { startDate: daysFromToday(-1) });
    expect(narrow.json().error).toBe('visits/period_excludes_visits');
    const ok = await countyAdmin.patch(`/api/visit-campaigns/${c.id}`, { budgetFen: 300_000, title: '送清凉（调整）' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ budgetFen: 300_000, spentFen: 300_000, title: '送清凉（调整）' });
    const [edit] = await w.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'visits.campaign_update'), eq(auditLog.targetId, String(c.id))));
    expect(edit?.details).toMatchObject({ changes: { budgetFen: { before: 500_000, after: 300_000 } } });

    const closed = await countyAdmin.post(`/api/visit-campaigns/${c.id}/close`);
    expect(closed.json().status).toBe('closed');
    expect((await countyAdmin.post(`/api/visit-campaigns/${c.id}/close`)).statusCode).toBe(409);
    const late = await visit(countyAdmin, enterpriseVisit(c.id, { goodsFen: 1 }));
    expect(late.json().error).toBe('visits/campaign_closed');
    const del = await countyAdmin.delete(`/api/visits/${made.json().id}`);
    expect(del.statusCode).toBe(409);
    expect(await spentOf(c.id)).toBe(300_000);
  });
});

describe('visits', () => {
  it('refuses bad dates, amounts, counts and targets with clear errors, writing nothing', async () => {
    const c = await campaign(countyAdmin, { startDate: daysFromToday(-30), endDate: daysFromToday(30) });
    const refuse = async (extra: Fields, status: number, error: string, agent = countyAdmin) => {
      const res = await visit(agent, enterpriseVisit(c.id, extra));
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error).toBe(error);
    };
    await refuse({ visitDate: daysFromToday(-31) }, 400, 'visits/date_outside_period');
    await refuse({ visitDate: daysFromToday(1) }, 400, 'visits/future_date');
    await refuse({ visitDate: '2026-13-01' }, 400, 'common/invalid_input');
    await refuse({ goodsFen: 0, cashFen: 0 }, 400, 'common/invalid_input');
    await refuse({ goodsFen: -1 }, 400, 'common/invalid_input');
    await refuse({ cashFen: 10.5 }, 400, 'common/invalid_input');
    await refuse({ goodsFen: 10_000_000_001 }, 400, 'common/invalid_input');
    await refuse({ workersReached: 0 }, 400, 'common/invalid_input');
    await refuse({ orgId: city.unionB.id }, 404, 'orgs/not_found');
    await refuse({ targetOrgId: city.unionB.id }, 404, 'orgs/not_found');
    await refuse({ targetOrgId: city.townA.id }, 400, 'visits/not_enterprise');
    await refuse({ goodsFen: 1_000_001 }, 409, 'visits/over_budget');
    const unionB = await buildMember(w.db, city.unionB, { name: '外区职工' });
    await refuse(
      { targetKind: 'worker', targetOrgId: undefined, memberId: unionB.id, workersReached: 1 },
      404,
      'members/not_found',
    );
    const mine = await buildMember(w.db, city.unionA, { name: '李师傅' });
    await refuse(
      { targetKind: 'worker', targetOrgId: undefined, memberId: mine.id, workersReached: 2 },
      400,
      'visits/invalid_input',
    );
    // Another county's campaign is not there at all.
    const theirs = await campaign(outsider);
    await refuse({ campaignId: theirs.id }, 404, 'visits/campaign_not_found');

    // A town's campaign: a union outside the town is outside the campaign, even in the caller's scope.
    const townCampaign = await campaign(countyAdmin, { orgId: city.townA.id });
    const direct = await makeOrg(w.db, city.countyA, {
      name: `甲区直属企业工会${uid()}`,
      type: 'grassroots_enterprise',
    });
    const other = await visit(countyAdmin, enterpriseVisit(townCampaign.id, { targetOrgId: direct.id }));
    expect(other.json().error).toBe('visits/target_outside_campaign');
    const above = await visit(countyAdmin, enterpriseVisit(townCampaign.id, { orgId: city.countyA.id }));
    expect(above.json().error).toBe('visits/org_outside_campaign');

    expect(await visitCount(c.id)).toBe(0);
    expect(await spentOf(c.id)).toBe(0);
    expect(await visitCount(townCampaign.id)).toBe(0);
  });

  it('records enterprise and worker visits (members and named ones), lists, filters and deletes them', async () => {
    const c = await campaign(countyAdmin);
    const a = await visit(townCadre, enterpriseVisit(c.id), [{ fileName: '现场.png', data: tinyPng }]);
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json()).toMatchObject({
      targetKind: 'enterprise',
      targetOrgId: city.unionA.id,
      workersReached: 120,
      goodsFen: 360_000,
      photoCount: 1,
      canDelete: true,
    });
    expect(a.json().targetName).not.toMatch(/工会$/);
    const photo = await countyAdmin.get(`/api/visits/photos/${a.json().photos[0].id}`);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
    expect(photo.rawPayload.equals(tinyPng)).toBe(true);
    expect((await outsider.get(`/api/visits/photos/${a.json().photos[0].id}`)).statusCode).toBe(404);

    const member = await buildMember(w.db, city.groupA, { name: '王秀英' });
    const b = await visit(countyAdmin, {
      ...enterpriseVisit(c.id, {
        targetKind: 'worker',
        targetOrgId: undefined,
        memberId: member.id,
        workersReached: 1,
      }),
      goods: '',
      goodsFen: 0,
      cashFen: 50_000,
    });
    expect(b.statusCode, b.body).toBe(201);
    expect(b.json()).toMatchObject({ targetName: '王秀英', memberId: member.id, cashFen: 50_000 });
    const named = await visit(countyAdmin, {
      ...enterpriseVisit(c.id, { targetKind: 'enterprise', targetOrgId: undefined, targetName: '甲区个体五金店' }),
      workersReached: 6,
      goodsFen: 12_345,
    });
    expect(named.statusCode, named.body).toBe(201);
    const worker = await visit(countyAdmin, {
      ...enterpriseVisit(c.id, {
        targetKind: 'worker',
        targetOrgId: undefined,
        targetName: '赵环卫',
        employerName: '甲区环卫所',
      }),
      workersReached: 1,
      goodsFen: 20_000,
    });
    expect(worker.statusCode, worker.body).toBe(201);
    // Viewing a worker's visit is audited.
    expect((await countyAdmin.get(`/api/visits/${b.json().id}`)).statusCode).toBe(200);
    const views = await w.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'visits.view'), eq(auditLog.targetId, String(b.json().id))));
    expect(views.length).toBeGreaterThan(0);

    const list = (await countyAdmin.get(`/api/visits?campaignId=${c.id}&limit=2`)).json();
    expect(list.total).toBe(4);
    expect(list.totals).toMatchObject({ visits: 4, enterprises: 2, workers: 128, goodsFen: 392_345, cashFen: 50_000 });
    const next = (await countyAdmin.get(`/api/visits?campaignId=${c.id}&limit=2&cursor=${list.nextCursor}`)).json();
    const ids = [...list.items, ...next.items].map((v: { id: number }) => v.id);
    expect(new Set(ids).size).toBe(4);
    expect(next.nextCursor).toBeNull();
    const workers = (await countyAdmin.get(`/api/visits?campaignId=${c.id}&targetKind=worker`)).json();
    expect(workers.total).toBe(2);
    const found = (await countyAdmin.get(`/api/visits?campaignId=${c.id}&q=${encodeURIComponent('环卫')}`)).json();
    expect(found.items.map((v: { targetName: string }) => v.targetName)).toEqual(['赵环卫']);
    expect((await countyAdmin.get(`/api/visits?orgId=${city.unionB.id}`)).statusCode).toBe(404);
    expect(await spentOf(c.id)).toBe(360_000 + 50_000 + 12_345 + 20_000);

    // Deleting: not by a cadre of the visited enterprise (not the maker, no manage scope over the town).
    const { agent: unionCadre } = await signInAs(w.app, w.db, 'union_cadre', city.unionA);
    const refused = await unionCadre.delete(`/api/visits/${a.json().id}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toBe('visits/not_maker');
    expect((await outsider.delete(`/api/visits/${a.json().id}`)).statusCode).toBe(404);
    const gone = await townCadre.delete(`/api/visits/${a.json().id}`);
    expect(gone.statusCode, gone.body).toBe(200);
    expect(await spentOf(c.id)).toBe(50_000 + 12_345 + 20_000);
    expect((await countyAdmin.get(`/api/visits/${a.json().id}`)).statusCode).toBe(404);
    expect((await townCadre.delete(`/api/visits/${a.json().id}`)).statusCode).toBe(404);
  });

  it('accepts only photos, at most 9', async () => {
    const c = await campaign(countyAdmin);
    const pdf = await visit(countyAdmin, enterpriseVisit(c.id), [
      { fileName: 'a.pdf', data: Buffer.from('%PDF-1.4 x') },
    ]);
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json().error).toBe('visits/invalid_file');
    const many = Array.from({ length: 10 }, (_, i) => ({ fileName: `${i}.png`, data: tinyPng }));
    const tooMany = await visit(countyAdmin, enterpriseVisit(c.id), many);
    expect(tooMany.statusCode).toBe(400);
    expect(await visitCount(c.id)).toBe(0);
  });

  it('offers targets and visiting unions only inside the campaign and the caller scope', async () => {
    const c = await campaign(countyAdmin);
    await buildMember(w.db, city.unionA, { name: '钱多多' });
    await buildMember(w.db, city.unionB, { name: '钱少少' });
    const enterprises = (await townCadre.get(`/api/visits/targets?campaignId=${c.id}&kind=enterprise`)).json();
    expect(enterprises.items.map((i: { id: number }) => i.id)).toEqual([city.unionA.id]);
    const people = (
      await countyAdmin.get(`/api/visits/targets?campaignId=${c.id}&kind=worker&q=${encodeURIComponent('钱')}`)
    ).json();
    expect(people.items.map((i: { name: string }) => i.name)).toEqual(['钱多多']);
    const orgsOffered = (await townCadre.get(`/api/visits/visiting-orgs?campaignId=${c.id}`)).json();
    expect(orgsOffered.items.map((i: { id: number }) => i.id)).toEqual([city.townA.id, city.unionA.id]);
  });
});

describe('budget race', () => {
  it('admits parallel visits only while the budget lasts; the refused ones leave nothing', async () => {
    const c = await campaign(countyAdmin, { budgetFen: 10_000 });
    const agents = await Promise.all(
      Array.from({ length: 8 }, async () => signIn(w.app, (await buildUser(w.db, 'union_cadre', city.townA)).username)),
    );
    const results = await Promise.all(agents.map((agent) => visit(agent, enterpriseVisit(c.id, { goodsFen: 3_000 }))));
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([201, 201, 201, 409, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409)) {
      expect(r.json().error).toBe('visits/over_budget');
      expect(r.json().message).toMatch(/剩余预算 10\.00 元/);
    }
    expect(await spentOf(c.id)).toBe(9_000);
    expect(await visitCount(c.id)).toBe(3);
    const audits = await w.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'visits.create'), sql`${auditLog.details}->>'campaignId' = ${String(c.id)}`));
    expect(Number(audits[0]?.n)).toBe(3);
    // Deleting gives the money back, so the next visit fits again.
    const first = (await countyAdmin.get(`/api/visits?campaignId=${c.id}`)).json().items[0];
    expect((await countyAdmin.delete(`/api/visits/${first.id}`)).statusCode).toBe(200);
    expect((await visit(countyAdmin, enterpriseVisit(c.id, { goodsFen: 4_000 }))).statusCode).toBe(201);
    expect(await spentOf(c.id)).toBe(10_000);
  });
});
