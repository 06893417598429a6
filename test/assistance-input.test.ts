import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../server/db/client';
import { useTestApp } from './app';
import { apply, applyParts, assistanceWorld, fundOf, png, reviewedCase } from './assistance-fixture';
import { buildMember } from './factories';

const t = useTestApp();

const base = {
  type: 'living',
  amountRequestedFen: 100_000,
  reason: '生活困难',
  bankName: '中国工商银行',
  bankAccount: '6222021234567890123',
};

/** Counts of everything an application or decision writes, to prove a refusal wrote nothing. */
async function footprint(memberId: number) {
  const [row] = await queryRows<Record<string, number>>(
    t.db,
    sql`select
      (select count(*)::int from assistance_cases where member_id = ${memberId}) as cases,
      (select count(*)::int from assistance_steps s join assistance_cases c on c.id = s.case_id where c.member_id = ${memberId}) as steps,
      (select count(*)::int from assistance_files f join assistance_cases c on c.id = f.case_id where c.member_id = ${memberId}) as files,
      (select count(*)::int from audit_log where action like 'assistance.%') as audits`,
  );
  return row;
}

describe('assistance bad input', () => {
  it('refuses bad applications with clear Chinese errors and writes nothing', async () => {
    const w = await assistanceWorld(t.app, t.db);
    const before = await footprint(w.member.id);
    const cases: [Record<string, string | number>, number, string, RegExp?][] = [
      [{ ...base, memberId: w.member.id, amountRequestedFen: -100 }, 400, 'common/invalid_input', /金额必须大于 0/],
      [{ ...base, memberId: w.member.id, amountRequestedFen: 0 }, 400, 'common/invalid_input', /金额必须大于 0/],
      [{ ...base, memberId: w.member.id, amountRequestedFen: 100_000_001 }, 400, 'common/invalid_input', /100 万元/],
      [{ ...base, memberId: w.member.id, amountRequestedFen: '1e30' }, 400, 'common/invalid_input'],
      [{ ...base, memberId: w.member.id, amountRequestedFen: '12.5' }, 400, 'common/invalid_input', /精确到分/],
      [{ ...base, memberId: w.member.id, amountRequestedFen: 'abc' }, 400, 'common/invalid_input'],
      [{ ...base, memberId: w.member.id, type: 'lottery' }, 400, 'common/invalid_input'],
      [{ ...base, memberId: w.member.id, bankAccount: '12ab' }, 400, 'common/invalid_input', /银行账号/],
      [{ ...base, memberId: w.member.id, reason: '' }, 400, 'common/invalid_input'],
      [{ ...base, memberId: w.outsider.id }, 404, 'assistance/member_not_found'],
      [{ ...base, memberId: 999_999_999 }, 404, 'assistance/member_not_found'],
    ];
    for (const [fields, status, error, message] of cases) {
      const res = await w.agents.cadre.upload('/api/assistance/cases', applyParts(fields));
      expect(res.statusCode, JSON.stringify(fields)).toBe(status);
      expect(res.json().error).toBe(error);
      if (message) expect(res.json().message).toMatch(message);
    }
    // A file that is not a photo or PDF, whatever its name, and too many files.
    const fake = await w.agents.cadre.upload(
      '/api/assistance/cases',
      applyParts({ ...base, memberId: w.member.id }, [
        { name: 'files', fileName: 'photo.jpg', data: Buffer.from('MZ not an image') },
      ]),
    );
    expect(fake.statusCode).toBe(400);
    expect(fake.json()).toMatchObject({ error: 'assistance/file_invalid' });
    expect(fake.json().message).toContain('photo.jpg');
    const ten = Array.from({ length: 10 }, (_, i) => ({ name: 'files', fileName: `p${i}.png`, data: png }));
    const tooMany = await w.agents.cadre.upload(
      '/api/assistance/cases',
      applyParts({ ...base, memberId: w.member.id }, ten),
    );
    expect(tooMany.statusCode).toBe(400);
    expect(await footprint(w.member.id)).toEqual(before);

    // A member who left the union cannot apply.
    const left = await buildMember(t.db, w.city.unionA, { name: '钱多' });
    await t.db.execute(sql`update members set status = 'left' where id = ${left.id}`);
    const gone = await w.agents.cadre.upload('/api/assistance/cases', applyParts({ ...base, memberId: left.id }));
    expect(gone.statusCode).toBe(409);
    expect(gone.json().error).toBe('assistance/member_not_active');
  });

  it('keeps a long reason whole (multipart fields past 1 KB)', async () => {
    const w = await assistanceWorld(t.app, t.db);
    const reason = '因病致困'.repeat(450); // 1,800 characters, 5,400 bytes
    const res = await w.agents.cadre.upload(
      '/api/assistance/cases',
      applyParts({ ...base, memberId: w.member.id, reason }),
    );
    expect(res.statusCode).toBe(201);
    const detail = (await w.agents.cadre.get(`/api/assistance/cases/${res.json().id}`)).json() as { reason: string };
    expect(detail.reason).toBe(reason);
  });

  it('refuses bad approvals: no fund, a closed fund, a fund without balance, another year, an amount above the request', async () => {
    const w = await assistanceWorld(t.app, t.db);
    const id = await reviewedCase(w, w.member.id, 'medical', 500_000);
    const check = async (body: Record<string, unknown>, status: number, error: string, message?: RegExp) => {
      const res = await w.agents.approver.post(`/api/assistance/cases/${id}/approve`, { decision: 'approve', ...body });
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().error).toBe(error);
      if (message) expect(res.json().message).toMatch(message);
    };
    await check({}, 400, 'assistance/fund_required');
    await check({ fundId: w.fund.id, amountApprovedFen: 0 }, 400, 'common/invalid_input');
    await check({ fundId: w.fund.id, amountApprovedFen: -5 }, 400, 'common/invalid_input');
    await check({ fundId: w.fund.id, amountApprovedFen: 12.34 }, 400, 'common/invalid_input');
    await check({ fundId: w.fund.id, amountApprovedFen: 500_001 }, 400, 'assistance/amount_above_requested');
    await check({ fundId: 987_654 }, 404, 'assistance/fund_not_found');
    const make = async (name: string, year: number, budgetFen: number, orgId = w.city.countyA.id) =>
      (
        (
          await w.agents.approver.post('/api/assistance/funds', { orgId, name, year, source: '工会经费', budgetFen })
        ).json() as { id: number }
      ).id;
    const tiny = await make('小额资金', w.year, 100_00);
    await check({ fundId: tiny }, 409, 'assistance/insufficient_fund', /可用余额 100\.00 元，本次需 5,000\.00 元/);
    const lastYear = await make('上年资金', w.year - 1, 10_000_00);
    await check({ fundId: lastYear }, 409, 'assistance/fund_year_mismatch');
    const closed = await make('已关闭资金', w.year, 10_000_00);
    expect((await w.agents.approver.patch(`/api/assistance/funds/${closed}`, { status: 'closed' })).statusCode).toBe(
      200,
    );
    await check({ fundId: closed }, 409, 'assistance/fund_closed');
    // A fund of the city serves the whole city, but the county approver cannot spend it (outside scope).
    const cityFund = (
      (
        await w.agents.cityStaff.post('/api/assistance/funds', {
          orgId: w.city.root.id,
          name: '市级资金',
          year: w.year,
          source: '工会经费',
          budgetFen: 10_000_00,
        })
      ).json() as { id: number }
    ).id;
    await check({ fundId: cityFund }, 404, 'assistance/fund_not_found');
    // Nothing changed by any refusal.
    const [row] = await queryRows<{ status: string; n: number }>(
      t.db,
      sql`select status, (select count(*)::int from assistance_steps where case_id = ${id}) as n from assistance_cases where id = ${id}`,
    );
    expect(row).toEqual({ status: 'reviewed', n: 2 });
    expect(await fundOf(w)).toMatchObject({ committedFen: 0 });
  });

  it('validates funds: budget bounds, owner type, never below what is used, audited with before and after', async () => {
    const w = await assistanceWorld(t.app, t.db);
    const post = (body: Record<string, unknown>) =>
      w.agents.approver.post('/api/assistance/funds', {
        orgId: w.city.countyA.id,
        name: '资金',
        year: w.year,
        source: '工会经费',
        budgetFen: 100,
        ...body,
      });
    expect((await post({ budgetFen: 0 })).statusCode).toBe(400);
    expect((await post({ budgetFen: -1 })).statusCode).toBe(400);
    expect((await post({ budgetFen: 10_000_000_001 })).statusCode).toBe(400);
    expect((await post({ year: 1999 })).statusCode).toBe(400);
    const town = await post({ orgId: w.city.townA.id });
    expect(town.statusCode).toBe(400);
    expect(town.json().error).toBe('assistance/fund_org_invalid');
    expect((await post({ name: '帮扶资金' })).json().error).toBe('assistance/fund_duplicate');

    const id = await apply(w, w.member.id, 'living', 300_000);
    await w.agents.reviewer.post(`/api/assistance/cases/${id}/review`, { decision: 'pass' });
    await w.agents.approver.post(`/api/assistance/cases/${id}/approve`, { decision: 'approve', fundId: w.fund.id });
    const below = await w.agents.approver.patch(`/api/assistance/funds/${w.fund.id}`, { budgetFen: 299_999 });
    expect(below.statusCode).toBe(409);
    expect(below.json()).toMatchObject({ error: 'assistance/budget_below_used' });
    expect(below.json().message).toContain('3,000.00 元');
    const ok = await w.agents.approver.patch(`/api/assistance/funds/${w.fund.id}`, { budgetFen: 300_000 });
    expect(ok.json()).toMatchObject({ budgetFen: 300_000, balanceFen: 0 });
    const [audit] = await queryRows<{ details: { changes: { budgetFen: { before: number; after: number } } } }>(
      t.db,
      sql`select details from audit_log where action = 'assistance.fund_update' and target_id = ${String(w.fund.id)} order by id desc limit 1`,
    );
    expect(audit?.details.changes.budgetFen).toEqual({ before: 100_000_00, after: 300_000 });
  });

  it('refuses impossible dates and unknown filters in queries', async () => {
    const w = await assistanceWorld(t.app, t.db);
    for (const q of ['from=2026-02-30', 'to=2026-13-01', 'type=lottery', 'status=unknown', 'limit=0']) {
      const res = await w.agents.cadre.get(`/api/assistance/cases?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error).toBe('common/invalid_input');
    }
    expect((await w.agents.cadre.get('/api/assistance/stats?from=2026-02-29')).statusCode).toBe(400);
    expect((await w.agents.cadre.get('/api/assistance/stats?from=2026-05-01&to=2026-04-01')).statusCode).toBe(400);
  });
});
