import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../server/db/client';
import { useTestApp } from './app';
import { apply, assistanceWorld, fundOf, reviewedCase } from './assistance-fixture';
import { buildMember, buildUser, signIn } from './factories';

const t = useTestApp();

describe('assistance races', () => {
  it('pays a member the same type once a year even when two approvers approve two cases at the same moment', async () => {
    const w = await assistanceWorld(t.app, t.db);
    // Two open applications of the same type and year cannot both exist: the second is refused at once…
    const first = await reviewedCase(w, w.member.id, 'temporary', 50_000);
    const refused = await w.agents.cadre.upload('/api/assistance/cases', [
      { name: 'memberId', value: String(w.member.id) },
      { name: 'type', value: 'temporary' },
      { name: 'amountRequestedFen', value: '50000' },
      { name: 'reason', value: '再次申请' },
      { name: 'bankName', value: '中国银行' },
      { name: 'bankAccount', value: '6216600100001234567' },
    ]);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toBe('assistance/duplicate_application');
    // …but a worker and a cadre applying at the same moment can both slip past that check; such a pair
    // is made here directly, and the approvals then race: the database lets exactly one be granted.
    await t.db.execute(sql`
      insert into assistance_cases (case_no, member_id, org_id, org_path, type, period, channel, status,
        amount_requested_fen, reason, bank_name, bank_account_enc, bank_account_masked, payee_name,
        created_by, created_by_name, reviewed_by, reviewed_at, submitted_at, updated_at)
      select 'BF-RACE-' || id, member_id, org_id, org_path, type, period, 'portal', status,
        amount_requested_fen, reason, bank_name, bank_account_enc, bank_account_masked, payee_name,
        ${w.users.worker.id}, created_by_name, reviewed_by, reviewed_at, submitted_at, updated_at
      from assistance_cases where id = ${first}`);
    const [second] = await queryRows<{ id: string | number }>(
      t.db,
      sql`select id from assistance_cases where case_no = ${`BF-RACE-${first}`}`,
    );
    const ids = [first, Number(second?.id)];
    const [r1, r2] = await Promise.all([
      w.agents.approver.post(`/api/assistance/cases/${ids[0]}/approve`, { decision: 'approve', fundId: w.fund.id }),
      w.agents.approver2.post(`/api/assistance/cases/${ids[1]}/approve`, { decision: 'approve', fundId: w.fund.id }),
    ]);
    expect([r1.statusCode, r2.statusCode].sort()).toEqual([200, 409]);
    const loser = r1.statusCode === 409 ? r1 : r2;
    expect(loser.json()).toMatchObject({
      error: 'assistance/duplicate_payment',
      message: '该职工本年度已获得同类帮扶',
    });
    const [granted] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from assistance_cases where member_id = ${w.member.id} and status = 'approved'`,
    );
    expect(granted?.n).toBe(1);
    expect((await fundOf(w)).committedFen).toBe(50_000);
  });

  it('never commits more than the budget when parallel approvals exceed the balance', async () => {
    const w = await assistanceWorld(t.app, t.db);
    // A small fund: 1,000.00 元; six cases of 300.01 元 → at most three fit.
    const small = await w.agents.approver.post('/api/assistance/funds', {
      orgId: w.city.countyA.id,
      name: '小额临时救助金',
      year: w.year,
      source: '社会捐赠',
      budgetFen: 100_000,
    });
    const fundId = (small.json() as { id: number }).id;
    const people = await Promise.all(
      Array.from({ length: 6 }, () => buildMember(t.db, w.city.unionA, { name: '周强' })),
    );
    const ids: number[] = [];
    for (const p of people) ids.push(await reviewedCase(w, p.id, 'temporary', 30_001));
    const approvers = await Promise.all(
      ids.map(async () => signIn(t.app, (await buildUser(t.db, 'federation_staff', w.city.countyA)).username)),
    );
    const results = await Promise.all(
      ids.map((id, i) => approvers[i]?.post(`/api/assistance/cases/${id}/approve`, { decision: 'approve', fundId })),
    );
    const ok = results.filter((r) => r?.statusCode === 200).length;
    expect(ok).toBe(3);
    const refused = results.filter((r) => r?.statusCode === 409);
    expect(refused).toHaveLength(3);
    for (const r of refused) {
      expect(r?.json().error).toBe('assistance/insufficient_fund');
      expect(r?.json().message).toContain('99.97 元');
    }
    const funds = (await w.agents.approver.get('/api/assistance/funds')).json() as {
      items: { id: number; committedFen: number; balanceFen: number }[];
    };
    expect(funds.items.find((f) => f.id === fundId)).toMatchObject({ committedFen: 90_003, balanceFen: 9_997 });
    // Only the three granted cases are approved; the others still wait, untouched.
    const waiting = (await w.agents.approver.get('/api/assistance/cases?status=reviewed')).json() as { total: number };
    expect(waiting.total).toBe(3);
  });

  it('lets only one of two parallel reviews decide', async () => {
    const w = await assistanceWorld(t.app, t.db);
    const id = await apply(w, w.member.id);
    const [a, b] = await Promise.all([
      w.agents.reviewer.post(`/api/assistance/cases/${id}/review`, { decision: 'pass' }),
      w.agents.approver2.post(`/api/assistance/cases/${id}/review`, { decision: 'reject', comment: '材料不全' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect((a.statusCode === 409 ? a : b).json().error).toBe('assistance/already_decided');
  });
});
