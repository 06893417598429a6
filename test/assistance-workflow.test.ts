import { describe, expect, it } from 'vitest';
import { useTestApp } from './app';
import { apply, approvedCase, assistanceWorld, fundOf, reviewedCase } from './assistance-fixture';
import { signIn } from './factories';

const t = useTestApp();

describe('assistance workflow', () => {
  it('goes from application through review and county approval to a paid batch, each step by another person', async () => {
    const w = await assistanceWorld(t.app, t.db);
    const id = await apply(w, w.member.id, 'medical', 350_055);

    // The grassroots admin sees it waiting for review; the maker cannot review their own entry.
    const todo = await w.agents.reviewer.get('/api/assistance/cases?todo=review');
    expect((todo.json() as { items: { id: number; can: { review: boolean } }[] }).items.map((i) => i.id)).toContain(id);
    const list = (await w.agents.cadre.get(`/api/assistance/cases?memberId=${w.member.id}`)).json() as {
      items: { id: number; status: string; can: { review: boolean } }[];
      total: number;
    };
    expect(list.items[0]).toMatchObject({ id, status: 'submitted', can: { review: false } });

    // Grassroots union admin cannot approve, even after review (not county level).
    const review = await w.agents.reviewer.post(`/api/assistance/cases/${id}/review`, {
      decision: 'pass',
      comment: '属实',
    });
    expect(review.statusCode).toBe(200);
    expect(review.json()).toMatchObject({ status: 'reviewed' });
    const grassApprove = await w.agents.reviewer.post(`/api/assistance/cases/${id}/approve`, {
      decision: 'approve',
      fundId: w.fund.id,
    });
    expect(grassApprove.statusCode).toBe(403);
    expect(grassApprove.json().error).toBe('assistance/not_county_level');

    // The county approves a smaller amount from its fund.
    const approve = await w.agents.approver.post(`/api/assistance/cases/${id}/approve`, {
      decision: 'approve',
      fundId: w.fund.id,
      amountApprovedFen: 300_033,
      comment: '同意',
    });
    expect(approve.statusCode).toBe(200);
    expect(approve.json()).toMatchObject({ status: 'approved', amountApprovedFen: 300_033, fundId: w.fund.id });
    expect(await fundOf(w)).toMatchObject({ committedFen: 300_033, paidFen: 0, balanceFen: 100_000_00 - 300_033 });

    // A second decision is refused.
    const again = await w.agents.approver2.post(`/api/assistance/cases/${id}/approve`, {
      decision: 'reject',
      comment: '重复',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe('assistance/already_decided');

    // Batch by the finance officer, exported, confirmed by another person than the creator and the approver.
    const batch = await w.agents.finance.post('/api/assistance/batches', { fundId: w.fund.id, caseIds: [id] });
    expect(batch.statusCode).toBe(201);
    const b = batch.json() as { id: number; batchNo: string; totalFen: number; status: string };
    expect(b).toMatchObject({ totalFen: 300_033, status: 'draft' });
    const early = await w.agents.approver2.post(`/api/assistance/batches/${b.id}/confirm`, {});
    expect(early.statusCode).toBe(409);
    const xlsx = await w.agents.finance.get(`/api/assistance/batches/${b.id}/export.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain(encodeURIComponent(`帮扶资金发放清单-${b.batchNo}.xlsx`));
    const byCreator = await w.agents.finance.post(`/api/assistance/batches/${b.id}/confirm`, {});
    expect(byCreator.statusCode).toBe(403);
    expect(byCreator.json().error).toBe('assistance/same_person');
    const byApprover = await w.agents.approver.post(`/api/assistance/batches/${b.id}/confirm`, {});
    expect(byApprover.statusCode).toBe(403);
    expect(byApprover.json().error).toBe('assistance/same_person');
    const confirm = await w.agents.approver2.post(`/api/assistance/batches/${b.id}/confirm`, { comment: '银行已回单' });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.json()).toMatchObject({ status: 'paid', confirmedByName: w.users.approver2.displayName });
    expect(await fundOf(w)).toMatchObject({ committedFen: 0, paidFen: 300_033, balanceFen: 100_000_00 - 300_033 });

    const detail = (await w.agents.cadre.get(`/api/assistance/cases/${id}`)).json() as {
      status: string;
      steps: { step: string; decision: string; actorName: string }[];
      bank: { accountMasked: string };
    };
    expect(detail.status).toBe('paid');
    expect(detail.steps.map((s) => `${s.step}:${s.decision}`)).toEqual([
      'apply:submit',
      'review:pass',
      'approve:approve',
      'batch:batch',
      'pay:paid',
    ]);
    expect(detail.bank.accountMasked).toBe('**** **** 0018');

    // The worker was told of approval and payment.
    const notes = (await w.agents.worker.get('/api/notifications')).json() as { items: { kind: string }[] };
    expect(notes.items.map((n) => n.kind)).toEqual(expect.arrayContaining(['assistance.approved', 'assistance.paid']));
  });

  it('refuses the same person at two steps and needs a reason to reject', async () => {
    const w = await assistanceWorld(t.app, t.db);
    // The reviewer enters a case themselves: they cannot review it.
    const own = await apply(w, w.member.id, 'living', 10_000, w.agents.reviewer);
    const self = await w.agents.reviewer.post(`/api/assistance/cases/${own}/review`, { decision: 'pass' });
    expect(self.statusCode).toBe(403);
    expect(self.json().error).toBe('assistance/same_person');

    // A county admin who reviewed... cannot: review needs assistance.review over the union; union_admin at
    // the county holds it over the subtree, so the county admin reviews, then cannot approve.
    const id = await apply(w, w.other.id, 'education', 20_000);
    const reviewByCounty = await w.agents.approver2.post(`/api/assistance/cases/${id}/review`, { decision: 'pass' });
    expect(reviewByCounty.statusCode).toBe(200);
    const approveSame = await w.agents.approver2.post(`/api/assistance/cases/${id}/approve`, {
      decision: 'approve',
      fundId: w.fund.id,
    });
    expect(approveSame.statusCode).toBe(403);
    expect(approveSame.json().error).toBe('assistance/same_person');

    const noReason = await w.agents.approver.post(`/api/assistance/cases/${id}/approve`, { decision: 'reject' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error).toBe('assistance/reason_required');
    const reject = await w.agents.approver.post(`/api/assistance/cases/${id}/approve`, {
      decision: 'reject',
      comment: '家庭收入高于困难标准',
    });
    expect(reject.statusCode).toBe(200);
    expect(reject.json()).toMatchObject({ status: 'rejected' });
    expect(await fundOf(w)).toMatchObject({ committedFen: 0 });
  });

  it('lets another county see nothing: lists, details, funds and batches outside scope are 404', async () => {
    const w = await assistanceWorld(t.app, t.db);
    const id = await approvedCase(w, w.member.id);
    const list = (await w.agents.countyB.get('/api/assistance/cases')).json() as { items: { id: number }[] };
    expect(list.items.map((i) => i.id)).not.toContain(id);
    expect((await w.agents.countyB.get(`/api/assistance/cases/${id}`)).statusCode).toBe(404);
    expect((await w.agents.countyB.post(`/api/assistance/cases/${id}/review`, { decision: 'pass' })).statusCode).toBe(
      404,
    );
    expect((await w.agents.countyB.patch(`/api/assistance/funds/${w.fund.id}`, { budgetFen: 1 })).statusCode).toBe(404);
    const batch = await w.agents.finance.post('/api/assistance/batches', { fundId: w.fund.id, caseIds: [id] });
    const b = batch.json() as { id: number };
    expect((await w.agents.countyB.get(`/api/assistance/batches/${b.id}`)).statusCode).toBe(404);
    expect((await w.agents.countyB.get(`/api/assistance/batches/${b.id}/export.xlsx`)).statusCode).toBe(404);
    // The city sees it all.
    expect((await w.agents.cityStaff.get(`/api/assistance/cases/${id}`)).statusCode).toBe(200);
  });

  it('cancels a batch: cases go back to 待发放 and may be batched again; the fund is unchanged', async () => {
    const w = await assistanceWorld(t.app, t.db);
    const a = await approvedCase(w, w.member.id, 'living', 12_345);
    const b = await approvedCase(w, w.other.id, 'living', 67_801);
    const batch = (
      await w.agents.finance.post('/api/assistance/batches', { fundId: w.fund.id, caseIds: [a, b] })
    ).json() as {
      id: number;
      totalFen: number;
    };
    expect(batch.totalFen).toBe(80_146);
    const noReason = await w.agents.finance.post(`/api/assistance/batches/${batch.id}/cancel`, {});
    expect(noReason.statusCode).toBe(400);
    const cancel = await w.agents.finance.post(`/api/assistance/batches/${batch.id}/cancel`, { reason: '账号有误' });
    expect(cancel.statusCode).toBe(200);
    expect(cancel.json()).toMatchObject({ status: 'cancelled' });
    const again = await w.agents.finance.post('/api/assistance/batches', { fundId: w.fund.id, caseIds: [a, b] });
    expect(again.statusCode).toBe(201);
    // A case already in a batch cannot go into another.
    const twice = await w.agents.finance.post('/api/assistance/batches', { fundId: w.fund.id, caseIds: [a] });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toBe('assistance/batch_cases_invalid');
    expect(await fundOf(w)).toMatchObject({ committedFen: 80_146, paidFen: 0 });
  });

  it('approves in bulk, all or nothing', async () => {
    const w = await assistanceWorld(t.app, t.db);
    const a = await reviewedCase(w, w.member.id, 'living', 10_001);
    const b = await reviewedCase(w, w.other.id, 'living', 20_002);
    const c = await apply(w, w.member.id, 'medical', 30_003); // not reviewed yet
    const refused = await w.agents.approver.post('/api/assistance/cases/bulk-approve', {
      ids: [a, b, c],
      fundId: w.fund.id,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toBe('assistance/bulk_refused');
    expect(refused.json().details).toEqual([expect.objectContaining({ id: c, error: 'assistance/already_decided' })]);
    expect(await fundOf(w)).toMatchObject({ committedFen: 0 });
    const list = (await w.agents.approver.get(`/api/assistance/cases?status=approved&fundId=${w.fund.id}`)).json() as {
      total: number;
    };
    expect(list.total).toBe(0);
    const ok = await w.agents.approver.post('/api/assistance/cases/bulk-approve', { ids: [a, b], fundId: w.fund.id });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ approved: 2, totalFen: 30_003 });
    expect(await fundOf(w)).toMatchObject({ committedFen: 30_003 });
  });

  it('reveals the full bank account only to members.reveal holders, audited', async () => {
    const w = await assistanceWorld(t.app, t.db);
    const id = await apply(w, w.member.id);
    const res = await w.agents.reviewer.post(`/api/assistance/cases/${id}/reveal`, { field: 'bankAccount' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ field: 'bankAccount', value: '6228480402564890018' });
    const idNo = await w.agents.reviewer.post(`/api/assistance/cases/${id}/reveal`, { field: 'idNumber' });
    expect(idNo.json().value).toMatch(/^\d{17}[\dX]$/);
    expect((await w.agents.cadre.post(`/api/assistance/cases/${id}/reveal`, { field: 'bankAccount' })).statusCode).toBe(
      403,
    );
    const again = await signIn(t.app, w.users.reviewer.username);
    const audit = (await again.get('/api/audit?action=assistance.reveal')).json() as { items: unknown[] };
    expect(audit.items.length).toBeGreaterThanOrEqual(2);
  });
});
