import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accounts, grants } from '../server/modules/accounts/accounts.tables';
import { memberHistory, members, orgMemberCounts } from '../server/modules/members/members.tables';
import type { OrgRow } from '../server/modules/orgs/orgs.tables';
import { makeAccount } from '../server/seed/factories';
import { useTestApp } from './app';
import { buildCity, buildMember, type City, signIn, signInAs, testPassword, uid, uniqueIdNumber } from './factories';

const w = useTestApp();

const activeCount = async (org: OrgRow) => {
  const [row] = await w.db.select().from(orgMemberCounts).where(eq(orgMemberCounts.orgId, org.id));
  return row?.active ?? 0;
};

/** A member of union A with a portal account, and admins of both unions. */
async function setting(city: City) {
  const idNumber = uniqueIdNumber({ gender: 'male' });
  const member = await buildMember(w.db, city.unionA, { name: '李国强', idNumber, gender: 'male' });
  const account = await makeAccount(w.db, {
    username: `m_${uid()}`,
    password: testPassword,
    org: city.unionA,
    memberId: member.id,
    grants: [{ role: 'member', org: city.unionA }],
  });
  const { agent: adminA } = await signInAs(w.app, w.db, 'union_admin', city.unionA);
  const { agent: adminB } = await signInAs(w.app, w.db, 'union_admin', city.unionB);
  return { member, idNumber, account, adminA, adminB, worker: await signIn(w.app, account.username) };
}

async function expectMoved(city: City, memberId: number, accountId: number, counts: { a: number; b: number }) {
  const [row] = await w.db.select().from(members).where(eq(members.id, memberId));
  expect(row).toMatchObject({ orgId: city.unionB.id, orgPath: city.unionB.path, status: 'active' });
  expect(await activeCount(city.unionA)).toBe(counts.a - 1);
  expect(await activeCount(city.unionB)).toBe(counts.b + 1);
  const history = await w.db.select().from(memberHistory).where(eq(memberHistory.memberId, memberId));
  expect(history.find((h) => h.action === 'members.transfer')?.changes).toMatchObject({
    org: { before: city.unionA.name, after: city.unionB.name },
  });
  const [account] = await w.db.select().from(accounts).where(eq(accounts.id, accountId));
  expect(account).toMatchObject({ orgId: city.unionB.id });
  const granted = await w.db.select().from(grants).where(eq(grants.accountId, accountId));
  expect(granted).toEqual([
    expect.objectContaining({ role: 'member', orgId: city.unionB.id, orgPath: city.unionB.path }),
  ]);
}

describe('transfers', () => {
  it('started by the sending union: the receiving union sees a masked name and accepts', async () => {
    const city = await buildCity(w.db);
    const { member, account, adminA, adminB, worker } = await setting(city);
    const counts = { a: await activeCount(city.unionA), b: await activeCount(city.unionB) };
    const sent = await adminA.post('/api/members/transfers/out', {
      memberId: member.id,
      toOrgId: city.unionB.id,
      reason: '调动到乙区工作',
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json()).toMatchObject({
      status: 'pending',
      initiatedBy: 'sending',
      awaiting: 'receiving',
      member: { id: member.id, name: '李国强' },
      canDecide: false,
    });
    const incoming = (await adminB.get('/api/members/transfers?direction=in')).json().items;
    expect(incoming).toEqual([
      expect.objectContaining({ id: sent.json().id, member: { id: null, name: '李*强' }, canDecide: true }),
    ]);
    expect(incoming[0].idNumber).toContain('********');
    expect((await adminB.get('/api/members/transfers?direction=out')).json().items).toEqual([]);
    expect((await adminB.get(`/api/members/${member.id}`)).statusCode).toBe(404);
    const notYours = await adminA.post(`/api/members/transfers/${sent.json().id}/accept`);
    expect(notYours.json().error).toBe('transfers/awaiting_other_side');
    expect((await worker.get('/api/portal/member/transfers')).json().items[0]).toMatchObject({ status: 'pending' });

    const accepted = await adminB.post(`/api/members/transfers/${sent.json().id}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', member: { id: member.id, name: '李国强' } });
    await expectMoved(city, member.id, account.id, counts);
    // The sending union no longer sees the member; the receiving union does, with the history kept.
    expect((await adminA.get(`/api/members/${member.id}`)).statusCode).toBe(404);
    const history = (await adminB.get(`/api/members/${member.id}/history`)).json().items;
    expect(history.map((h: { action: string }) => h.action)).toEqual(['members.transfer']);
    expect((await worker.get('/api/portal/card')).json().union).toBe(city.unionB.name);
    expect((await adminB.post(`/api/members/transfers/${sent.json().id}/accept`)).json().error).toBe(
      'transfers/decided',
    );
  });

  it('started by the receiving union by ID number: it learns only the masked name; the sending union confirms', async () => {
    const city = await buildCity(w.db);
    const { member, idNumber, account, adminA, adminB } = await setting(city);
    const counts = { a: await activeCount(city.unionA), b: await activeCount(city.unionB) };
    // The roster's duplicate answer, as the admin web's dialog gets it, offers the transfer.
    const dup = await adminB.post('/api/members', {
      orgId: city.unionB.id,
      name: '李国强',
      gender: 'male',
      idNumber,
      joinedDate: '2024-01-01',
    });
    expect(dup.json()).toMatchObject({ error: 'members/duplicate_id_number', details: { memberId: null } });
    const asked = await adminB.post('/api/members/transfers/in', { idNumber, toOrgId: city.unionB.id });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json()).toMatchObject({
      member: { id: null, name: '李*强' },
      from: { id: city.unionA.id, name: city.unionA.name },
      awaiting: 'sending',
      canDecide: false,
    });
    const unknown = await adminB.post('/api/members/transfers/in', {
      idNumber: uniqueIdNumber(),
      toOrgId: city.unionB.id,
    });
    expect(unknown.json().error).toBe('transfers/member_not_found');
    const outgoing = (await adminA.get('/api/members/transfers?direction=out&status=pending')).json().items;
    expect(outgoing[0]).toMatchObject({ id: asked.json().id, member: { name: '李国强' }, canDecide: true });
    expect((await adminB.post(`/api/members/transfers/${asked.json().id}/accept`)).statusCode).toBe(409);
    const confirmed = await adminA.post(`/api/members/transfers/${asked.json().id}/accept`);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    await expectMoved(city, member.id, account.id, counts);
  });

  it('started by the member: the receiving union declines with a reason the member reads', async () => {
    const city = await buildCity(w.db);
    const { member, adminB, worker } = await setting(city);
    const counts = { a: await activeCount(city.unionA), b: await activeCount(city.unionB) };
    const asked = await worker.post('/api/portal/member/transfers', { toOrgId: city.unionB.id, reason: '换了工作' });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json()).toMatchObject({ initiatedBy: 'member', awaiting: 'receiving', member: { name: '李国强' } });
    const again = await worker.post('/api/portal/member/transfers', { toOrgId: city.unionB.id });
    expect(again.json().error).toBe('transfers/pending_exists');
    const empty = await adminB.post(`/api/members/transfers/${asked.json().id}/decline`, {});
    expect(empty.statusCode).toBe(400);
    const declined = await adminB.post(`/api/members/transfers/${asked.json().id}/decline`, {
      comment: '请先提供乙区单位的劳动合同',
    });
    expect(declined.json()).toMatchObject({ status: 'declined', decisionComment: '请先提供乙区单位的劳动合同' });
    const mine = (await worker.get('/api/portal/member/transfers')).json().items;
    expect(mine[0]).toMatchObject({ status: 'declined', decisionComment: '请先提供乙区单位的劳动合同' });
    const [row] = await w.db.select().from(members).where(eq(members.id, member.id));
    expect(row?.orgId).toBe(city.unionA.id);
    expect(await activeCount(city.unionA)).toBe(counts.a);
    expect(await activeCount(city.unionB)).toBe(counts.b);
    expect((await worker.post('/api/portal/member/transfers', { toOrgId: city.unionA.id })).json().error).toBe(
      'transfers/same_union',
    );
  });

  it('a union over both sides moves a member at once; others see nothing', async () => {
    const city = await buildCity(w.db);
    const { member, account } = await setting(city);
    const counts = { a: await activeCount(city.unionA), b: await activeCount(city.unionB) };
    const { agent: cityAdmin } = await signInAs(w.app, w.db, 'union_admin', city.root);
    const done = await cityAdmin.post('/api/members/transfers/out', { memberId: member.id, toOrgId: city.unionB.id });
    expect(done.statusCode, done.body).toBe(201);
    expect(done.json()).toMatchObject({ status: 'accepted', deciderName: expect.any(String) });
    await expectMoved(city, member.id, account.id, counts);

    const other = await buildCity(w.db);
    const { agent: stranger } = await signInAs(w.app, w.db, 'union_admin', other.root);
    expect((await stranger.get('/api/members/transfers')).json().items).toEqual([]);
    expect((await stranger.post(`/api/members/transfers/${done.json().id}/decline`, { comment: 'x' })).statusCode).toBe(
      404,
    );
  });

  it('two acceptances at once move the member once, and the counts stay exact', async () => {
    const city = await buildCity(w.db);
    const { member, adminA } = await setting(city);
    const counts = { a: await activeCount(city.unionA), b: await activeCount(city.unionB) };
    const sent = (
      await adminA.post('/api/members/transfers/out', { memberId: member.id, toOrgId: city.unionB.id })
    ).json();
    const { agent: b1 } = await signInAs(w.app, w.db, 'union_admin', city.unionB);
    const { agent: b2 } = await signInAs(w.app, w.db, 'union_admin', city.countyB);
    const answers = await Promise.all([
      b1.post(`/api/members/transfers/${sent.id}/accept`),
      b2.post(`/api/members/transfers/${sent.id}/accept`),
    ]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await activeCount(city.unionA)).toBe(counts.a - 1);
    expect(await activeCount(city.unionB)).toBe(counts.b + 1);
    const moves = (await w.db.select().from(memberHistory).where(eq(memberHistory.memberId, member.id))).filter(
      (h) => h.action === 'members.transfer',
    );
    expect(moves).toHaveLength(1);
  });

  it('refuses members who are not active, and a second open transfer', async () => {
    const city = await buildCity(w.db);
    const left = await buildMember(w.db, city.unionA, { status: 'left' });
    const { agent: adminA } = await signInAs(w.app, w.db, 'union_admin', city.unionA);
    const res = await adminA.post('/api/members/transfers/out', { memberId: left.id, toOrgId: city.unionB.id });
    expect(res.json()).toMatchObject({
      error: 'transfers/member_not_active',
      message: expect.stringContaining('在册'),
    });
    const active = await buildMember(w.db, city.unionA);
    expect(
      (await adminA.post('/api/members/transfers/out', { memberId: active.id, toOrgId: city.unionB.id })).statusCode,
    ).toBe(201);
    const second = await adminA.post('/api/members/transfers/out', { memberId: active.id, toOrgId: city.countyB.id });
    expect(second.json().error).toBe('transfers/union_unavailable');
    const third = await adminA.post('/api/members/transfers/out', { memberId: active.id, toOrgId: city.unionB.id });
    expect(third.json().error).toBe('transfers/pending_exists');
    const { agent: adminB } = await signInAs(w.app, w.db, 'union_admin', city.unionB);
    expect(
      (await adminB.post('/api/members/transfers/out', { memberId: active.id, toOrgId: city.unionB.id })).statusCode,
    ).toBe(404);
  });
});
