import { sql } from 'drizzle-orm';
import type { Cell } from 'exceljs';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../server/db/client';
import { rotateAllKeys } from '../server/db/encrypted-columns';
import { decryptField, keyIdOf, loadKeyRing } from '../server/lib/pii';
import ExcelJS from '../server/lib/xlsx/exceljs';
import { testKeyRing, useTestApp } from './app';
import { apply, approvedCase, assistanceWorld, fundOf, reviewedCase } from './assistance-fixture';
import { buildMember } from './factories';

const t = useTestApp();

/** The rows of the first sheet as arrays of cell values (row 1 = headers). */
async function sheetRows(body: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  const rows: { values: unknown[]; cells: Cell[] }[] = [];
  sheet?.eachRow((row) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (c) => cells.push(c));
    rows.push({ values: (row.values as unknown[]).slice(1), cells });
  });
  return { name: sheet?.name, rows };
}

describe('assistance money', () => {
  it('exports the bank list with full numbers as text, amounts to the fen and a total equal to the batch and the fund', async () => {
    const w = await assistanceWorld(t.app, t.db);
    // Odd fen on purpose: 0.01 + 0.29 + 1234.57 + 88888.89 — the kind of sums floating point gets wrong.
    const risky = await buildMember(t.db, w.city.unionA, { name: '孙丽' });
    const amounts = [1, 29, 123_457, 8_888_889];
    const ids = [
      await approvedCase(w, w.member.id, 'living', amounts[0]),
      await approvedCase(w, w.member.id, 'medical', amounts[1]),
      await approvedCase(w, w.other.id, 'education', amounts[2]),
      await approvedCase(w, risky.id, 'temporary', amounts[3]),
    ];
    const total = amounts.reduce((a, b) => a + b, 0);
    expect(await fundOf(w)).toMatchObject({ committedFen: total, paidFen: 0 });
    const batch = (
      await w.agents.finance.post('/api/assistance/batches', { fundId: w.fund.id, caseIds: ids })
    ).json() as {
      id: number;
      batchNo: string;
      totalFen: number;
      caseCount: number;
    };
    expect(batch).toMatchObject({ totalFen: total, caseCount: 4 });

    const res = await w.agents.finance.get(`/api/assistance/batches/${batch.id}/export.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent(`帮扶资金发放清单-${batch.batchNo}.xlsx`)}`,
    );
    const { name, rows } = await sheetRows(res.rawPayload);
    expect(name).toBe('发放清单');
    expect(rows[0]?.values).toEqual([
      '序号',
      '姓名',
      '身份证号',
      '开户银行',
      '银行账号',
      '金额（元）',
      '帮扶类型',
      '所属工会',
    ]);
    const body = rows.slice(1, -1);
    expect(body).toHaveLength(4);
    for (const r of body) {
      // Full ID and account numbers, as text cells.
      expect(r.values[2]).toMatch(/^\d{17}[\dX]$/);
      expect(r.values[4]).toBe('6228480402564890018');
      expect(r.cells[2]?.numFmt).toBe('@');
      expect(r.cells[4]?.numFmt).toBe('@');
      expect(typeof r.values[4]).toBe('string');
    }
    const rowFen = body.map((r) => Math.round(Number(r.values[5]) * 100)).sort((a, b) => a - b);
    expect(rowFen).toEqual([...amounts].sort((a, b) => a - b));
    const totalRow = rows.at(-1);
    expect(totalRow?.values[0]).toBe('合计');
    expect(Math.round(Number(totalRow?.values[5]) * 100)).toBe(total);
    expect(Number(totalRow?.values[5])).toBe(90_123.76);
    expect(body.map((r) => r.values[6]).sort()).toEqual(['临时救助', '医疗救助', '生活救助', '金秋助学'].sort());

    // Confirmed by another person: the fund's committed money becomes paid, to the fen.
    const confirm = await w.agents.approver2.post(`/api/assistance/batches/${batch.id}/confirm`, {});
    expect(confirm.statusCode).toBe(200);
    expect(await fundOf(w)).toMatchObject({ committedFen: 0, paidFen: total, balanceFen: 100_000_00 - total });
    // The export and the confirmation are audited with the count and total.
    const audits = await queryRows<{ action: string; details: { caseCount: number; totalFen: number } }>(
      t.db,
      sql`select action, details from audit_log where target_type = 'assistance_batch' and target_id = ${String(batch.id)} order by id`,
    );
    expect(audits.map((a) => a.action)).toEqual([
      'assistance.batch_create',
      'assistance.batch_export',
      'assistance.batch_confirm',
    ]);
    for (const a of audits) expect(a.details).toMatchObject({ caseCount: 4, totalFen: total });
  });

  it('guards the bank file against formulas in names', async () => {
    const w = await assistanceWorld(t.app, t.db);
    const id = await reviewedCase(w, w.member.id, 'living', 10_000);
    await t.db.execute(sql`update assistance_cases set bank_name = '=HYPERLINK("http://x")' where id = ${id}`);
    await w.agents.approver.post(`/api/assistance/cases/${id}/approve`, { decision: 'approve', fundId: w.fund.id });
    const b = (await w.agents.finance.post('/api/assistance/batches', { fundId: w.fund.id, caseIds: [id] })).json() as {
      id: number;
    };
    const { rows } = await sheetRows(
      (await w.agents.finance.get(`/api/assistance/batches/${b.id}/export.xlsx`)).rawPayload,
    );
    expect(rows[1]?.values[3]).toBe('\'=HYPERLINK("http://x")');
  });

  it('adds up exactly across types and funds: statistics and metrics equal the sums of the records', async () => {
    const w = await assistanceWorld(t.app, t.db);
    const second = (
      await w.agents.approver.post('/api/assistance/funds', {
        orgId: w.city.countyA.id,
        name: '金秋助学专项',
        year: w.year,
        source: '社会捐赠',
        budgetFen: 5_000_000,
      })
    ).json() as { id: number };
    const people = await Promise.all([0, 1, 2].map(() => buildMember(t.db, w.city.unionA, { name: '吴敏' })));
    const plan: [number, string, number, number][] = [
      [w.member.id, 'living', 100_001, w.fund.id],
      [w.member.id, 'medical', 233_357, w.fund.id],
      [w.other.id, 'living', 99_999, w.fund.id],
      [people[0]?.id as number, 'education', 300_033, second.id],
      [people[1]?.id as number, 'education', 250_067, second.id],
      [people[2]?.id as number, 'insurance', 38_099, w.fund.id],
    ];
    for (const [memberId, type, fen, fundId] of plan) {
      const id = await reviewedCase(w, memberId, type, fen);
      const res = await w.agents.approver.post(`/api/assistance/cases/${id}/approve`, { decision: 'approve', fundId });
      expect(res.statusCode, res.body).toBe(200);
    }
    // Not counted: a rejected case and one still waiting.
    const rejected = await reviewedCase(w, people[0]?.id as number, 'temporary', 77_777);
    await w.agents.approver.post(`/api/assistance/cases/${rejected}/approve`, {
      decision: 'reject',
      comment: '不符合',
    });
    await apply(w, people[1]?.id as number, 'medical', 55_555);

    const sum = (f: (p: (typeof plan)[number]) => boolean) => plan.filter(f).reduce((s, p) => s + p[2], 0);
    const total = sum(() => true);
    const stats = (await w.agents.approver.get(`/api/assistance/stats?orgId=${w.city.countyA.id}`)).json() as {
      totals: { cases: number; people: number; amountFen: number };
      byType: { type: string; cases: number; amountFen: number }[];
      byFund: { fundId: number; amountFen: number; cases: number }[];
      byChild: { orgId: number; amountFen: number }[];
      byMonth: { cases: number; amountFen: number }[];
      pending: { submitted: number };
      funds: { id: number; committedFen: number }[];
    };
    expect(stats.totals).toEqual({ cases: 6, people: 5, amountFen: total });
    expect(stats.byType.find((b) => b.type === 'education')).toMatchObject({ cases: 2, amountFen: 550_100 });
    expect(stats.byType.find((b) => b.type === 'living')).toMatchObject({ cases: 2, amountFen: 200_000 });
    expect(stats.byType.reduce((s, b) => s + b.amountFen, 0)).toBe(total);
    expect(stats.byFund.find((b) => b.fundId === second.id)).toMatchObject({ cases: 2, amountFen: 550_100 });
    expect(stats.byFund.find((b) => b.fundId === w.fund.id)?.amountFen).toBe(total - 550_100);
    expect(stats.byChild.find((c) => c.orgId === w.city.townA.id)?.amountFen).toBe(total);
    expect(stats.byMonth.reduce((s, m) => s + m.amountFen, 0)).toBe(total);
    expect(stats.pending.submitted).toBe(1);
    expect(stats.funds.find((f) => f.id === second.id)?.committedFen).toBe(550_100);

    const metric = async (code: string, q = '') =>
      (await w.agents.approver.get(`/api/metrics/${code}/value?orgId=${w.city.countyA.id}${q}`)).json().value as number;
    expect(await metric('assistance.cases')).toBe(6);
    expect(await metric('assistance.people')).toBe(5);
    expect(Math.round((await metric('assistance.amount')) * 100)).toBe(total);
    expect(Math.round((await metric('assistance.amount', '&type=金秋助学')) * 100)).toBe(550_100);
    expect(Math.round((await metric('assistance.amount', `&fund=${w.fund.id}`)) * 100)).toBe(total - 550_100);
    expect(await metric('assistance.cases', `&type=living&fund=${w.fund.id}`)).toBe(2);
    const records = (
      await w.agents.approver.get(`/api/metrics/assistance.amount/records?orgId=${w.city.countyA.id}&type=education`)
    ).json() as { total: number; rows: { amount: string; type: string }[] };
    expect(records.total).toBe(2);
    expect(records.rows.map((r) => r.amount).sort()).toEqual(['2500.67', '3000.33']);
    // Another county's figures do not include these.
    const countyB = (
      await w.agents.countyB.get(`/api/metrics/assistance.cases/value?orgId=${w.city.countyB.id}`)
    ).json();
    expect(countyB.value).toBe(0);
  });

  it('keeps bank accounts readable through a key rotation', async () => {
    const w = await assistanceWorld(t.app, t.db);
    const id = await apply(w, w.member.id);
    const rotated = loadKeyRing(
      {
        PII_KEYS: `t1:${Buffer.alloc(32, 1).toString('base64')},t9:${Buffer.alloc(32, 9).toString('base64')}`,
        PII_INDEX_KEY: Buffer.alloc(32, 2).toString('base64'),
      },
      { production: true },
    );
    await rotateAllKeys(t.db, rotated);
    const [row] = await queryRows<{ bank_account_enc: string }>(
      t.db,
      sql`select bank_account_enc from assistance_cases where id = ${id}`,
    );
    expect(keyIdOf(row?.bank_account_enc ?? '')).toBe('t9');
    expect(decryptField(rotated, row?.bank_account_enc ?? '')).toBe('6228480402564890018');
    expect(() => decryptField(testKeyRing, row?.bank_account_enc ?? '')).toThrow();
  });
});
