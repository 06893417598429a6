import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../server/modules/audit/audit.tables';
import { signCardToken } from '../server/modules/members/members.card';
import { makeAccount } from '../server/seed/factories';
import { testKeyRing, useTestApp } from './app';
import { buildCity, buildMember, signIn, signInAs, testPassword, uid, uniqueIdNumber } from './factories';

const w = useTestApp();

const verify = (token: string) => w.app.inject({ url: `/api/cards/verify?token=${encodeURIComponent(token)}` });

describe('electronic member card', () => {
  it('shows the member their card with a signed QR token that a service point can verify', async () => {
    const city = await buildCity(w.db);
    const member = await buildMember(w.db, city.unionA, { name: '张建国' });
    const account = await makeAccount(w.db, {
      username: `worker_${uid()}`,
      password: testPassword,
      org: city.unionA,
      memberId: member.id,
      grants: [{ role: 'member', org: city.unionA }],
    });
    const worker = await signIn(w.app, account.username);
    const card = (await worker.get('/api/portal/card')).json();
    expect(card).toMatchObject({ name: '张建国', union: city.unionA.name, cardNo: member.cardNo, status: 'active' });

    const checked = await verify(card.token);
    expect(checked.statusCode).toBe(200);
    expect(checked.json()).toEqual({ valid: true, reason: null, name: '张*国', union: city.unionA.name });
    expect(JSON.stringify(checked.json())).not.toContain(member.idNumberMasked);

    const forged = `${card.token.split('.')[0]}.${'A'.repeat(card.token.split('.')[1].length)}`;
    expect((await verify(forged)).json()).toMatchObject({ valid: false, name: null });
    expect((await verify('garbage')).json().valid).toBe(false);
    w.clock.advance(25 * 3600_000);
    expect((await verify(card.token)).json().reason).toMatch(/过期/);

    const { agent: admin } = await signInAs(w.app, w.db, 'union_admin', city.countyA);
    await admin.post(`/api/members/${member.id}/status`, { status: 'left', date: '2024-01-01' });
    const fresh = signCardToken(testKeyRing, member.id, member.cardNo, w.clock.now());
    expect((await verify(fresh)).json()).toMatchObject({ valid: false, name: '张*国' });
    expect((await verify(fresh)).json().reason).toMatch(/退会/);
  });

  it('tells an account without a member record to join first', async () => {
    const city = await buildCity(w.db);
    const { agent } = await signInAs(w.app, w.db, 'member', city.unionA);
    const res = await agent.get('/api/portal/card');
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toBe('members/not_linked');
  });
});

describe('a member’s own data', () => {
  it('shows the member their full record and lets them download a copy; both are audited', async () => {
    const city = await buildCity(w.db);
    const idNumber = uniqueIdNumber();
    const member = await buildMember(w.db, city.unionA, { name: '李秀英', idNumber, mobile: '13711112222' });
    const account = await makeAccount(w.db, {
      username: `self_${uid()}`,
      password: testPassword,
      org: city.unionA,
      memberId: member.id,
      grants: [{ role: 'member', org: city.unionA }],
    });
    const me = await signIn(w.app, account.username);
    const own = (await me.get('/api/portal/member')).json();
    expect(own).toMatchObject({ id: member.id, name: '李秀英', idNumberFull: idNumber, mobileFull: '13711112222' });
    expect(own.idNumber).not.toBe(idNumber);

    const copy = await me.get('/api/portal/member/download');
    expect(copy.statusCode).toBe(200);
    expect(String(copy.headers['content-disposition'])).toMatch(/attachment/);
    const body = copy.json();
    expect(body.会员信息.idNumberFull).toBe(idNumber);
    expect(Array.isArray(body.变更记录)).toBe(true);

    const rows = await w.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.targetId, String(member.id)));
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['members.self_view', 'members.self_export']));
    expect(JSON.stringify(rows)).not.toContain(idNumber);
  });
});
