import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { decryptField } from '../server/lib/pii';
import { auditLog } from '../server/modules/audit/audit.tables';
import { memberCorrections, members } from '../server/modules/members/members.tables';
import { makeAccount } from '../server/seed/factories';
import { testKeyRing, useTestApp } from './app';
import { buildCity, buildMember, type City, signIn, signInAs, testPassword, uid } from './factories';

const w = useTestApp();

async function memberWithAccount(city: City) {
  const member = await buildMember(w.db, city.unionA, { name: '王海燕', mobile: '13900001111' });
  const account = await makeAccount(w.db, {
    username: `m_${uid()}`,
    password: testPassword,
    org: city.unionA,
    memberId: member.id,
    grants: [{ role: 'member', org: city.unionA }],
  });
  return { member, agent: await signIn(w.app, account.username) };
}

describe('correction requests', () => {
  it('a member asks, the union approves, and the record changes with history and audit', async () => {
    const city = await buildCity(w.db);
    const { member, agent } = await memberWithAccount(city);
    const asked = await agent.post('/api/portal/member/corrections', {
      changes: { position: '质检员', mobile: '13900002222' },
      note: '岗位调整，换了手机号',
    });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json()).toMatchObject({
      status: 'pending',
      changes: { position: { before: null, after: '质检员' }, mobile: { before: '139****1111', after: '139****2222' } },
    });
    const [stored] = await w.db.select().from(memberCorrections).where(eq(memberCorrections.id, asked.json().id));
    expect(JSON.stringify(stored)).not.toContain('13900002222');
    expect(decryptField(testKeyRing, stored?.mobileEnc ?? '')).toBe('13900002222');
    const again = await agent.post('/api/portal/member/corrections', { changes: { position: '组长' } });
    expect(again.json().error).toBe('members/correction_pending');
    const empty = await agent.post('/api/portal/member/corrections', { changes: {} });
    expect(empty.statusCode).toBe(400);

    const { agent: admin } = await signInAs(w.app, w.db, 'union_admin', city.countyA);
    const pending = (await admin.get('/api/members/corrections?status=pending')).json().items;
    expect(pending.map((c: { id: number }) => c.id)).toContain(asked.json().id);
    const approved = await admin.post(`/api/members/corrections/${asked.json().id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().status).toBe('approved');
    const [row] = await w.db.select().from(members).where(eq(members.id, member.id));
    expect(row?.position).toBe('质检员');
    expect(decryptField(testKeyRing, row?.mobileEnc ?? '')).toBe('13900002222');
    const history = (await admin.get(`/api/members/${member.id}/history`)).json().items;
    expect(history[0].changes).toMatchObject({ position: { after: '质检员' } });
    expect((await admin.post(`/api/members/corrections/${asked.json().id}/approve`)).json().error).toBe(
      'members/correction_decided',
    );

    const mine = (await agent.get('/api/portal/member/corrections')).json().items;
    expect(mine[0]).toMatchObject({ status: 'approved', reviewerName: expect.any(String) });
    // The request keeps the values as they were when asked, also after the record has changed.
    expect(mine[0].changes.position).toEqual({ before: null, after: '质检员' });
    expect(mine[0].changes.mobile).toEqual({ before: '139****1111', after: '139****2222' });
    const actions = (
      await w.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.targetId, String(member.id)))
    ).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining(['members.correction_request', 'members.correction_approve', 'members.update']),
    );
  });

  it('a rejection keeps the record as it was and tells the member why', async () => {
    const city = await buildCity(w.db);
    const { member, agent } = await memberWithAccount(city);
    const asked = (await agent.post('/api/portal/member/corrections', { changes: { name: '王海艳' } })).json();
    const { agent: outsider } = await signInAs(w.app, w.db, 'union_admin', city.countyB);
    expect((await outsider.post(`/api/members/corrections/${asked.id}/reject`, { comment: '越权' })).statusCode).toBe(
      404,
    );
    const { agent: admin } = await signInAs(w.app, w.db, 'union_admin', city.townA);
    const rejected = await admin.post(`/api/members/corrections/${asked.id}/reject`, { comment: '与身份证姓名不符' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', reviewComment: '与身份证姓名不符' });
    const [row] = await w.db.select().from(members).where(eq(members.id, member.id));
    expect(row?.name).toBe('王海燕');
    expect((await agent.get('/api/portal/member/corrections')).json().items[0].reviewComment).toBe('与身份证姓名不符');
    expect((await agent.post('/api/portal/member/corrections', { changes: { name: '王海艳' } })).statusCode).toBe(201);
  });
});
