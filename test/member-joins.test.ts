import { and, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { App } from '../server/app';
import { decryptField } from '../server/lib/pii';
import { accounts, grants } from '../server/modules/accounts/accounts.tables';
import { auditLog } from '../server/modules/audit/audit.tables';
import { memberJoins } from '../server/modules/members/joins.tables';
import { memberHistory, members, orgMemberCounts } from '../server/modules/members/members.tables';
import type { OrgRow } from '../server/modules/orgs/orgs.tables';
import { makeOrg } from '../server/seed/factories';
import { testKeyRing, useTestApp } from './app';
import { buildCity, buildMember, type City, signIn, signInAs, uid, uniqueIdNumber } from './factories';

const w = useTestApp();

const password = 'Join@Pass2024';
const freshMobile = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

/** Registers a worker through the portal API and signs them in. */
async function registerWorker(app: App, union?: OrgRow, name = '周晓梅') {
  const mobile = freshMobile();
  const res = await app.inject({
    method: 'POST',
    url: '/api/portal/register',
    payload: { name, mobile, password, unionId: union?.id },
  });
  if (res.statusCode !== 201) throw new Error(`register failed: ${res.statusCode} ${res.body}`);
  return { mobile, me: res.json(), agent: await signIn(app, mobile, password) };
}

const application = (orgId: number, over: Record<string, unknown> = {}) => ({
  orgId,
  name: '周晓梅',
  gender: 'female',
  idNumber: uniqueIdNumber({ gender: 'female', birthDate: '1995-08-16' }),
  education: '大学专科',
  politicalStatus: '共青团员',
  employerName: '甲区纺织有限公司',
  position: '质检员',
  workerCategory: 'regular',
  note: '新入职员工',
  ...over,
});

const activeCount = async (org: OrgRow) => {
  const [row] = await w.db.select().from(orgMemberCounts).where(eq(orgMemberCounts.orgId, org.id));
  return row?.active ?? 0;
};

const joinRows = async (accountId: number) =>
  w.db.select().from(memberJoins).where(eq(memberJoins.accountId, accountId));

describe('registration', () => {
  it('creates a signed-in account with no role at the top of the chosen union’s city', async () => {
    const city = await buildCity(w.db);
    const { mobile, me, agent } = await registerWorker(w.app, city.unionA);
    expect(me).toMatchObject({ account: { displayName: '周晓梅', org: { id: city.root.id } }, permissions: [] });
    expect(me.account.mobile).toBe(`${mobile.slice(0, 3)}****${mobile.slice(7)}`);
    expect((await agent.get('/api/me')).statusCode).toBe(200);
    const [account] = await w.db.select().from(accounts).where(eq(accounts.mobile, mobile));
    expect(account?.passwordHash.startsWith('$argon2id$')).toBe(true);
    expect(account?.mustChangePassword).toBe(false);
    const [audited] = await w.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'accounts.register'), eq(auditLog.targetId, String(account?.id))));
    expect(JSON.stringify(audited?.details)).not.toContain(mobile);
  });

  it('refuses a weak password, a bad mobile and a number already used, in Chinese, writing nothing', async () => {
    const city = await buildCity(w.db);
    const mobile = freshMobile();
    const weak = await w.app.inject({
      method: 'POST',
      url: '/api/portal/register',
      payload: { name: '周晓梅', mobile, password: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().details).toEqual([{ field: 'password', message: '密码至少 10 位' }]);
    const badMobile = await w.app.inject({
      method: 'POST',
      url: '/api/portal/register',
      payload: { name: '周晓梅', mobile: '12345', password },
    });
    expect(badMobile.json().details[0]).toMatchObject({
      field: 'mobile',
      message: expect.stringContaining('手机号码'),
    });
    expect(await w.db.select().from(accounts).where(eq(accounts.mobile, mobile))).toEqual([]);

    const first = await registerWorker(w.app, city.unionA);
    const again = await w.app.inject({
      method: 'POST',
      url: '/api/portal/register',
      payload: { name: '另一人', mobile: first.mobile, password },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      error: 'joins/mobile_registered',
      message: expect.stringContaining('已注册'),
    });
  });
});

describe('join applications', () => {
  it('a worker applies; the union approves; member, card, counts, account and audit are exact', async () => {
    const city = await buildCity(w.db);
    const { agent: worker, mobile } = await registerWorker(w.app, city.unionA);
    const body = application(city.unionA.id);
    const asked = await worker.post('/api/portal/join', body);
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json()).toMatchObject({ status: 'pending', union: { id: city.unionA.id }, birthDate: '1995-08-16' });
    expect(asked.json().idNumber).toBe(`${body.idNumber.slice(0, 6)}********${body.idNumber.slice(14)}`);
    const [stored] = await w.db.select().from(memberJoins).where(eq(memberJoins.id, asked.json().id));
    expect(JSON.stringify(stored)).not.toContain(body.idNumber);
    expect(JSON.stringify(stored)).not.toContain(mobile);
    expect(decryptField(testKeyRing, stored?.idNumberEnc ?? '')).toBe(body.idNumber);
    const twice = await worker.post('/api/portal/join', application(city.unionA.id));
    expect(twice.json().error).toBe('joins/pending_exists');

    const { agent: admin } = await signInAs(w.app, w.db, 'union_admin', city.unionA);
    const list = (await admin.get('/api/members/joins?status=pending')).json().items;
    expect(list.map((j: { id: number }) => j.id)).toEqual([asked.json().id]);
    const detail = await admin.get(`/api/members/joins/${asked.json().id}`);
    expect(detail.json()).toMatchObject({ name: '周晓梅', mobile: expect.stringContaining('****') });
    const revealed = await admin.post(`/api/members/joins/${asked.json().id}/reveal`, { field: 'idNumber' });
    expect(revealed.json().value).toBe(body.idNumber);

    const before = await activeCount(city.unionA);
    const approved = await admin.post(`/api/members/joins/${asked.json().id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', memberId: expect.any(Number) });
    const memberId = approved.json().memberId;
    expect(await activeCount(city.unionA)).toBe(before + 1);
    const [member] = await w.db.select().from(members).where(eq(members.id, memberId));
    expect(member).toMatchObject({ orgId: city.unionA.id, name: '周晓梅', position: '质检员', status: 'active' });
    expect(member?.cardNo).toMatch(/^GH\d{10}$/);
    expect(decryptField(testKeyRing, member?.mobileEnc ?? '')).toBe(mobile);
    const [account] = await w.db.select().from(accounts).where(eq(accounts.mobile, mobile));
    expect(account).toMatchObject({ memberId, orgId: city.unionA.id });
    const granted = await w.db
      .select()
      .from(grants)
      .where(eq(grants.accountId, account?.id ?? 0));
    expect(granted).toEqual([expect.objectContaining({ role: 'member', orgId: city.unionA.id })]);
    const [history] = await w.db.select().from(memberHistory).where(eq(memberHistory.memberId, memberId));
    expect(history).toMatchObject({ action: 'members.create', changes: { joinId: asked.json().id } });
    const actions = (
      await w.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.targetId, String(asked.json().id)))
    ).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'members.join_request',
        'members.join_view',
        'members.join_reveal',
        'members.join_approve',
      ]),
    );

    // The worker's session now reaches the portal: card, home, and the application shows approved.
    const card = await worker.get('/api/portal/card');
    expect(card.statusCode, card.body).toBe(200);
    expect(card.json()).toMatchObject({ name: '周晓梅', union: city.unionA.name, cardNo: member?.cardNo });
    expect((await worker.get('/api/portal/home')).json().union.id).toBe(city.unionA.id);
    expect((await worker.get('/api/portal/join')).json().items[0].status).toBe('approved');
    expect((await worker.post('/api/portal/join', application(city.unionA.id))).json().error).toBe(
      'joins/already_member',
    );
    expect((await admin.post(`/api/members/joins/${asked.json().id}/approve`)).json().error).toBe('joins/decided');
  });

  it('answers invalid data in Chinese with the right status and writes nothing', async () => {
    const city = await buildCity(w.db);
    const { agent, me } = await registerWorker(w.app, city.unionA);
    const cases: [Record<string, unknown>, number, string, string?][] = [
      [{ idNumber: '320614199508161234' }, 400, 'common/invalid_input', '校验'],
      [{ gender: 'male' }, 400, 'members/gender_mismatch', '性别与身份证号码不符'],
      [
        { idNumber: uniqueIdNumber({ gender: 'female', birthDate: '2015-01-01' }) },
        400,
        'members/age_out_of_range',
        '16 至 100',
      ],
      [{ employerName: undefined }, 400, 'joins/employer_required', '请填写工作单位'],
      [{ orgId: city.countyA.id }, 404, 'joins/union_unavailable', '不接受入会申请'],
      [{ name: '' }, 400, 'common/invalid_input', '不能为空'],
      [{ workerCategory: 'astronaut' }, 400, 'common/invalid_input'],
    ];
    for (const [over, status, error, words] of cases) {
      const body = application(city.unionA.id, over);
      const res = await agent.post('/api/portal/join', body);
      expect(res.statusCode, JSON.stringify(over)).toBe(status);
      expect(res.json().error, JSON.stringify(over)).toBe(error);
      if (words) expect(JSON.stringify(res.json()), error).toContain(words);
    }
    expect(await joinRows(me.account.id)).toEqual([]);
    // A courier joining a joint union may leave the employer out.
    const joint = await makeOrg(w.db, city.townA, { name: `甲区快递行业联合工会${uid()}`, type: 'grassroots_joint' });
    const courier = await agent.post(
      '/api/portal/join',
      application(joint.id, { employerName: undefined, workerCategory: 'courier' }),
    );
    expect(courier.statusCode, courier.body).toBe(201);
  });

  it('refuses a person who is already a member anywhere, at application and again at approval', async () => {
    const city = await buildCity(w.db);
    const existing = uniqueIdNumber({ gender: 'female', birthDate: '1990-01-01' });
    await buildMember(w.db, city.unionB, { name: '周晓梅', idNumber: existing, gender: 'female' });
    const { agent } = await registerWorker(w.app, city.unionA);
    const refused = await agent.post('/api/portal/join', application(city.unionA.id, { idNumber: existing }));
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      error: 'joins/id_number_member',
      message: expect.stringContaining('转会'),
      details: { transferPossible: true },
    });

    // Registered by the union while the application waited: approval answers the roster's duplicate error.
    const body = application(city.unionA.id);
    const asked = (await agent.post('/api/portal/join', body)).json();
    const { agent: admin } = await signInAs(w.app, w.db, 'union_admin', city.unionA);
    const direct = await admin.post('/api/members', {
      orgId: city.unionA.id,
      name: '周晓梅',
      gender: 'female',
      idNumber: body.idNumber,
      joinedDate: '2024-01-02',
    });
    expect(direct.statusCode, direct.body).toBe(201);
    const approve = await admin.post(`/api/members/joins/${asked.id}/approve`);
    expect(approve.statusCode).toBe(409);
    expect(approve.json()).toMatchObject({ error: 'members/duplicate_id_number', details: { transferPossible: true } });
    const [still] = await w.db.select().from(memberJoins).where(eq(memberJoins.id, asked.id));
    expect(still?.status).toBe('pending');
  });

  it('a rejection carries a reason the worker reads, and the worker may apply again', async () => {
    const city = await buildCity(w.db);
    const { agent } = await registerWorker(w.app, city.unionA);
    const asked = (await agent.post('/api/portal/join', application(city.unionA.id))).json();
    const { agent: admin } = await signInAs(w.app, w.db, 'union_admin', city.townA);
    const empty = await admin.post(`/api/members/joins/${asked.id}/reject`, { comment: ' ' });
    expect(empty.statusCode).toBe(400);
    const rejected = await admin.post(`/api/members/joins/${asked.id}/reject`, { comment: '请填写本单位的工作岗位' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', reviewComment: '请填写本单位的工作岗位' });
    const mine = (await agent.get('/api/portal/join')).json().items;
    expect(mine[0]).toMatchObject({ status: 'rejected', reviewComment: '请填写本单位的工作岗位' });
    expect((await agent.get('/api/portal/card')).statusCode).toBe(403);
    const again = await agent.post('/api/portal/join', application(city.unionA.id, { position: '织造车间挡车工' }));
    expect(again.statusCode, again.body).toBe(201);
    expect((await agent.get('/api/portal/join')).json().items.map((j: { status: string }) => j.status)).toEqual([
      'pending',
      'rejected',
    ]);
  });

  it('a union sees and decides only applications to its own subtree', async () => {
    const city = await buildCity(w.db);
    const { agent } = await registerWorker(w.app, city.unionA);
    const asked = (await agent.post('/api/portal/join', application(city.unionA.id))).json();
    const { agent: other } = await signInAs(w.app, w.db, 'union_admin', city.unionB);
    expect((await other.get('/api/members/joins')).json().items).toEqual([]);
    expect((await other.get(`/api/members/joins/${asked.id}`)).statusCode).toBe(404);
    expect((await other.post(`/api/members/joins/${asked.id}/approve`)).statusCode).toBe(404);
    expect((await other.post(`/api/members/joins/${asked.id}/reject`, { comment: '越权' })).statusCode).toBe(404);
    const { agent: cadre } = await signInAs(w.app, w.db, 'union_cadre', city.unionA);
    expect((await cadre.post(`/api/members/joins/${asked.id}/approve`)).statusCode).toBe(403);
    const [pending] = await w.db.select().from(memberJoins).where(eq(memberJoins.id, asked.id));
    expect(pending?.status).toBe('pending');
  });

  it('two approvals at once make exactly one member', async () => {
    const city = await buildCity(w.db);
    const { agent } = await registerWorker(w.app, city.unionA);
    const body = application(city.unionA.id);
    const asked = (await agent.post('/api/portal/join', body)).json();
    const { agent: a1 } = await signInAs(w.app, w.db, 'union_admin', city.unionA);
    const { agent: a2 } = await signInAs(w.app, w.db, 'union_admin', city.countyA);
    const before = await activeCount(city.unionA);
    const answers = await Promise.all([
      a1.post(`/api/members/joins/${asked.id}/approve`),
      a2.post(`/api/members/joins/${asked.id}/approve`),
    ]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const [made] = await w.db.select({ n: count() }).from(members).where(eq(members.orgId, city.unionA.id));
    expect(Number(made?.n)).toBe(1);
    expect(await activeCount(city.unionA)).toBe(before + 1);
  });
});

describe('finding a union', () => {
  async function joinLink(city: City, org: OrgRow) {
    const { agent } = await signInAs(w.app, w.db, 'union_admin', city.countyA);
    return agent.get(`/api/orgs/${org.id}/join-link`);
  }

  it('a union’s join link names it publicly; a changed link does not', async () => {
    const city = await buildCity(w.db);
    const link = await joinLink(city, city.unionA);
    expect(link.statusCode, link.body).toBe(200);
    const { token, path } = link.json();
    expect(path).toBe(`/m/join?union=${encodeURIComponent(token)}`);
    const named = await w.app.inject({ url: `/api/join/unions/${encodeURIComponent(token)}` });
    expect(named.json()).toEqual({
      id: city.unionA.id,
      name: city.unionA.name,
      type: 'grassroots_enterprise',
      breadcrumbs: [city.root.name, city.countyA.name, city.townA.name],
    });
    const forged = token.replace(/^[0-9a-z]+/, city.unionB.id.toString(36));
    expect((await w.app.inject({ url: `/api/join/unions/${encodeURIComponent(forged)}` })).json().error).toBe(
      'joins/link_invalid',
    );
    expect((await joinLink(city, city.countyA)).json().error).toBe('joins/union_unavailable');
  });

  it('searches active grassroots unions by name, showing name, type and breadcrumbs only', async () => {
    const city = await buildCity(w.db);
    const s = uid();
    const joint = await makeOrg(w.db, city.townA, { name: `搜索测试外卖联合工会${s}`, type: 'grassroots_joint' });
    await makeOrg(w.db, city.townA, { name: `搜索测试家纺公司工会${s}`, type: 'grassroots_enterprise' });
    await makeOrg(w.db, city.countyA, { name: `搜索测试镇总工会${s}`, type: 'town_federation' });
    const { agent } = await registerWorker(w.app, city.unionA);
    const all = (await agent.get(`/api/join/unions?q=${encodeURIComponent(`搜索测试`)}`)).json().items;
    const mine = all.filter((u: { name: string }) => u.name.endsWith(s));
    expect(mine.map((u: { name: string }) => u.name).sort()).toEqual(
      [`搜索测试外卖联合工会${s}`, `搜索测试家纺公司工会${s}`].sort(),
    );
    expect(Object.keys(mine[0]).sort()).toEqual(['breadcrumbs', 'id', 'name', 'type']);
    const flexible = (await agent.get(`/api/join/unions?q=${encodeURIComponent(s)}&kind=joint_or_trade`)).json().items;
    expect(flexible.map((u: { id: number }) => u.id)).toEqual([joint.id]);
    expect((await w.app.inject({ url: `/api/join/unions?q=x` })).statusCode).toBe(401);
  });
});

describe('registration rate limit', () => {
  const limited = useTestApp({ loginLimitPerIp: 2 });

  it('answers 429 after the per-IP limit, like logins', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      const res = await limited.app.inject({
        method: 'POST',
        url: '/api/portal/register',
        payload: { name: '周晓梅', mobile: freshMobile(), password },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(2)).toEqual([429]);
  });
});
