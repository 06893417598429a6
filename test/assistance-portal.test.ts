import { describe, expect, it } from 'vitest';
import { useTestApp } from './app';
import { applyParts, assistanceWorld, png } from './assistance-fixture';

const t = useTestApp();

const fields = {
  type: 'education',
  amountRequestedFen: 150_000,
  reason: '孩子考上大学，学费有困难',
  bankName: '江苏海门农村商业银行',
  bankAccount: '6231 0512 3456 7890 12',
};

describe('assistance in the portal', () => {
  it('lets a worker apply with a photo, follow the status and read the rejection reason; only their own cases', async () => {
    const w = await assistanceWorld(t.app, t.db);
    const res = await w.agents.worker.upload(
      '/api/portal/assistance',
      applyParts(fields, [{ name: 'files', fileName: '录取通知书.png', data: png, type: 'image/png' }]),
    );
    expect(res.statusCode).toBe(201);
    const { id, caseNo } = res.json() as { id: number; caseNo: string };
    expect(caseNo).toMatch(/^BF\d{4}-\d{6}$/);

    const mine = (await w.agents.worker.get('/api/portal/assistance')).json() as {
      items: { id: number; status: string }[];
    };
    expect(mine.items).toEqual([expect.objectContaining({ id, status: 'submitted', canWithdraw: true })]);
    const detail = (await w.agents.worker.get(`/api/portal/assistance/${id}`)).json() as {
      accountMasked: string;
      files: { id: number; mime: string; fileName: string }[];
      steps: { step: string; actorName: string }[];
    };
    expect(detail.accountMasked).toBe('**** **** 9012');
    expect(detail.files).toEqual([expect.objectContaining({ mime: 'image/png', fileName: '录取通知书.png' })]);
    expect(detail.steps).toEqual([expect.objectContaining({ step: 'apply', actorName: '本人' })]);
    const photo = await w.agents.worker.get(`/api/portal/assistance/files/${detail.files[0]?.id}`);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');

    // Staff see the portal application with its channel; the union reviews and rejects with a reason.
    const staff = (await w.agents.reviewer.get(`/api/assistance/cases/${id}`)).json() as {
      channel: string;
      files: unknown[];
    };
    expect(staff).toMatchObject({ channel: 'portal' });
    expect((await w.agents.reviewer.get(`/api/assistance/files/${detail.files[0]?.id}`)).statusCode).toBe(200);
    const reject = await w.agents.reviewer.post(`/api/assistance/cases/${id}/review`, {
      decision: 'reject',
      comment: '请补充学校出具的学费证明',
    });
    expect(reject.statusCode).toBe(200);
    const after = (await w.agents.worker.get(`/api/portal/assistance/${id}`)).json() as {
      status: string;
      rejection: { step: string; reason: string };
      steps: { step: string; actorName: string; comment: string | null }[];
      canWithdraw: boolean;
    };
    expect(after).toMatchObject({
      status: 'rejected',
      rejection: { step: 'review', reason: '请补充学校出具的学费证明' },
      canWithdraw: false,
    });
    // The worker sees the union that decided, never the staff account.
    expect(after.steps[1]).toMatchObject({ step: 'review', actorName: w.city.unionA.name });
    const notes = (await w.agents.worker.get('/api/notifications')).json() as {
      items: { kind: string; body: string }[];
    };
    expect(notes.items.find((n) => n.kind === 'assistance.rejected')?.body).toContain('请补充学校出具的学费证明');

    // Another worker sees none of it.
    expect((await w.agents.otherWorker.get(`/api/portal/assistance/${id}`)).statusCode).toBe(404);
    expect((await w.agents.otherWorker.get(`/api/portal/assistance/files/${detail.files[0]?.id}`)).statusCode).toBe(
      404,
    );
    expect((await w.agents.otherWorker.post(`/api/portal/assistance/${id}/withdraw`)).statusCode).toBe(404);
    expect(((await w.agents.otherWorker.get('/api/portal/assistance')).json() as { items: unknown[] }).items).toEqual(
      [],
    );
    // And workers have no staff routes.
    expect((await w.agents.worker.get('/api/assistance/cases')).statusCode).toBe(403);
  });

  it('lets the worker withdraw while waiting, then apply again; refuses a duplicate application at once', async () => {
    const w = await assistanceWorld(t.app, t.db);
    const first = (await w.agents.worker.upload('/api/portal/assistance', applyParts(fields))).json() as { id: number };
    const dup = await w.agents.worker.upload('/api/portal/assistance', applyParts(fields));
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ error: 'assistance/duplicate_application', details: { caseId: first.id } });
    const withdraw = await w.agents.worker.post(`/api/portal/assistance/${first.id}/withdraw`);
    expect(withdraw.statusCode).toBe(200);
    expect(withdraw.json()).toMatchObject({ status: 'withdrawn', canWithdraw: false });
    expect((await w.agents.worker.post(`/api/portal/assistance/${first.id}/withdraw`)).statusCode).toBe(409);
    const again = await w.agents.worker.upload('/api/portal/assistance', applyParts(fields));
    expect(again.statusCode).toBe(201);
    // Once granted, a new application of the same type this year is refused as a duplicate payment.
    const id = (again.json() as { id: number }).id;
    await w.agents.reviewer.post(`/api/assistance/cases/${id}/review`, { decision: 'pass' });
    await w.agents.approver.post(`/api/assistance/cases/${id}/approve`, { decision: 'approve', fundId: w.fund.id });
    const paidTwice = await w.agents.worker.upload('/api/portal/assistance', applyParts(fields));
    expect(paidTwice.statusCode).toBe(409);
    expect(paidTwice.json()).toMatchObject({
      error: 'assistance/duplicate_payment',
      message: '该职工本年度已获得同类帮扶',
    });
    expect((await w.agents.worker.post(`/api/portal/assistance/${id}/withdraw`)).statusCode).toBe(409);
    // Another type is fine.
    const other = await w.agents.worker.upload('/api/portal/assistance', applyParts({ ...fields, type: 'medical' }));
    expect(other.statusCode).toBe(201);
  });

  it('tells an account without a member record to link one first', async () => {
    const w = await assistanceWorld(t.app, t.db);
    // The cadre's account has no member link and no portal.use: forbidden; a linked worker passes.
    expect((await w.agents.cadre.get('/api/portal/assistance')).statusCode).toBe(403);
    expect((await w.agents.worker.get('/api/portal/assistance')).statusCode).toBe(200);
  });
});
