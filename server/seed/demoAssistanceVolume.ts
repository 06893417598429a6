/**
 * The volume of the demo's assistance year, written as the services would have left it: cases with
 * their steps, monthly payment batches and the fund totals they add up to, in multi-row inserts
 * (demoAssistance.ts plans who and how much).
 */
import { sql } from 'drizzle-orm';
import type { AssistanceType } from '../../shared/schemas/assistance';
import type { DbOrTx } from '../db/client';
import { encryptFields, type KeyRing } from '../lib/pii';
import type { accounts } from '../modules/accounts/accounts.tables';
import { maskBankAccount } from '../modules/assistance/assistance.cases';
import {
  assistanceBatches,
  assistanceCases,
  assistanceFunds,
  assistanceSteps,
} from '../modules/assistance/assistance.tables';
import type { rng } from './random';

type CaseRow = typeof assistanceCases.$inferInsert;
type StepRow = typeof assistanceSteps.$inferInsert;
export type Account = typeof accounts.$inferSelect;

const banks = [
  '中国农业银行海门支行',
  '中国工商银行海门支行',
  '江苏海门农村商业银行',
  '中国建设银行海门支行',
  '中国银行海门支行',
  '中国邮政储蓄银行海门支行',
];
const reasons: Record<AssistanceType, string[]> = {
  living: [
    '家庭人均收入低于当地最低生活保障标准，生活困难',
    '本人下岗待业，配偶无固定收入，家中有老人需赡养',
    '单亲家庭，独自抚养子女，收入微薄',
  ],
  medical: ['本人患重病住院治疗，自付医疗费用较高', '配偶患慢性病长期治疗，医疗支出大', '子女患病住院，家庭负担沉重'],
  education: ['子女考入大学，学费和生活费有困难', '子女就读高中，家庭经济困难', '子女考入高职院校，家庭无力承担学费'],
  temporary: ['家中遭遇火灾，房屋受损，生活临时困难', '遭遇交通事故受伤，暂时无法工作', '因台风暴雨房屋受损，急需救助'],
  insurance: ['困难职工家庭，为家庭成员代缴城乡居民医疗保险'],
};

export const day = (d: string, hhmm: string) => new Date(`${d}T${hhmm}:00+08:00`);
export const addDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The demo's staff for assistance: a welfare officer and a reviewer per district, and the finance officers. */

/** Fen split into whole parts proportional to `weights` that add up exactly. */
export function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  let rest = total - parts.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % parts.length, rest--) parts[i] = (parts[i] ?? 0) + 1;
  return parts;
}

export interface Planned {
  a: Actors;
  row: CaseRow;
  member: { id: number; name: string };
  reviewedAt: Date;
  batchKey: string | null;
  paid: boolean;
}

/** Who made each step: the district's welfare officer and reviewer, the fund's approver and finance. */
export interface Actors {
  maker: Account;
  reviewer: Account;
  approver: Account;
  creator: Account;
  confirmer: Account;
  /** The org of the maker and reviewer (their district) and of the others (the fund's owner). */
  makerOrg: { id: number; name: string };
  org: { id: number; name: string; path: string };
}

export async function insertVolume(
  db: DbOrTx,
  ring: KeyRing,
  fund: { id: number },
  planned: Planned[],
  batchDates: Map<string, { created: Date; confirmed: Date | null }>,
  a: Actors,
) {
  // Batches first (their ids go on the cases), in the order they were made.
  const batchIds = new Map<string, number>();
  const keys = [...batchDates.keys()].sort();
  for (const key of keys) {
    const inBatch = planned.filter((p) => p.batchKey === key);
    if (inBatch.length === 0) continue;
    const dates = batchDates.get(key);
    if (!dates) continue;
    const total = inBatch.reduce((s, p) => s + Number(p.row.amountApprovedFen), 0);
    const [b] = await db
      .insert(assistanceBatches)
      .values({
        batchNo: sql`'FF' || ${Number(key.slice(0, 4))}::text || '-' || lpad(nextval('assistance_batch_no_seq')::text, 4, '0')`,
        fundId: fund.id,
        orgId: a.org.id,
        orgPath: a.org.path,
        status: dates.confirmed ? 'paid' : 'exported',
        caseCount: inBatch.length,
        totalFen: total,
        createdBy: a.creator.id,
        createdByName: a.creator.displayName,
        createdAt: dates.created,
        exportedAt: new Date(dates.created.getTime() + 3_600_000),
        exportedBy: a.confirmer.id,
        confirmedBy: dates.confirmed ? a.confirmer.id : null,
        confirmedByName: dates.confirmed ? a.confirmer.displayName : null,
        confirmedAt: dates.confirmed,
        comment: dates.confirmed ? '银行代发完成，回单已存档' : null,
        updatedAt: dates.confirmed ?? dates.created,
      })
      .returning({ id: assistanceBatches.id });
    if (!b) throw new Error('batch insert returned no row');
    batchIds.set(key, b.id);
  }
  const tokens = encryptFields(
    ring,
    planned.map((p) => p.row.bankAccountEnc),
  );
  const rows = planned.map((p, i) => {
    const batch = p.batchKey ? (batchIds.get(p.batchKey) ?? null) : null;
    const dates = p.batchKey ? batchDates.get(p.batchKey) : undefined;
    return {
      ...p.row,
      bankAccountEnc: tokens[i] as string,
      batchId: batch,
      status: batch ? (p.paid ? 'paid' : 'in_batch') : 'approved',
      paidAt: p.paid ? (dates?.confirmed ?? null) : null,
      updatedAt: p.paid
        ? (dates?.confirmed ?? p.row.updatedAt)
        : batch
          ? (dates?.created ?? p.row.updatedAt)
          : p.row.updatedAt,
    } as CaseRow;
  });
  const ids: { id: number; memberId: number; type: string }[] = [];
  for (let i = 0; i < rows.length; i += 400) {
    ids.push(
      ...(await db
        .insert(assistanceCases)
        .values(rows.slice(i, i + 400))
        .returning({ id: assistanceCases.id, memberId: assistanceCases.memberId, type: assistanceCases.type })),
    );
  }
  const idOf = new Map(ids.map((r) => [`${r.memberId}:${r.type}`, r.id]));
  const steps: StepRow[] = [];
  const step = (
    caseId: number,
    s: Partial<StepRow> & Pick<StepRow, 'step' | 'decision' | 'at'>,
    who: Account,
    org: { id: number; name: string } = a.org,
  ) => steps.push({ caseId, actorId: who.id, actorName: who.displayName, orgId: org.id, orgName: org.name, ...s });
  for (const [i, p] of planned.entries()) {
    const id = idOf.get(`${p.member.id}:${p.row.type}`);
    const row = rows[i];
    if (!id || !row) throw new Error('volume case missing');
    const amount = Number(row.amountApprovedFen);
    const at = { submitted: row.submittedAt as Date, approved: row.approvedAt as Date };
    step(
      id,
      { step: 'apply', decision: 'submit', at: at.submitted, amountFen: Number(row.amountRequestedFen) },
      p.a.maker,
      p.a.makerOrg,
    );
    step(
      id,
      { step: 'review', decision: 'pass', at: p.reviewedAt, comment: '经核实，情况属实' },
      p.a.reviewer,
      p.a.makerOrg,
    );
    step(
      id,
      { step: 'approve', decision: 'approve', at: at.approved, comment: '同意', amountFen: amount },
      p.a.approver,
    );
    const dates = p.batchKey ? batchDates.get(p.batchKey) : undefined;
    if (row.batchId && dates) {
      step(
        id,
        { step: 'batch', decision: 'batch', at: dates.created, amountFen: amount, batchId: row.batchId },
        a.creator,
      );
      if (p.paid && dates.confirmed)
        step(
          id,
          {
            step: 'pay',
            decision: 'paid',
            at: dates.confirmed,
            amountFen: amount,
            batchId: row.batchId,
            comment: '银行代发完成，回单已存档',
          },
          a.confirmer,
        );
    }
  }
  for (let i = 0; i < steps.length; i += 1000) await db.insert(assistanceSteps).values(steps.slice(i, i + 1000));
}

/** Sets a fund's committed and paid money to the sums of its cases, as the services keep them. */
export async function settleFund(db: DbOrTx, fundId: number) {
  await db.execute(sql`
    update ${assistanceFunds} f set
      committed_fen = coalesce((select sum(amount_approved_fen) from ${assistanceCases} c where c.fund_id = f.id and c.status in ('approved', 'in_batch')), 0),
      paid_fen = coalesce((select sum(amount_approved_fen) from ${assistanceCases} c where c.fund_id = f.id and c.status = 'paid'), 0)
    where f.id = ${fundId}`);
}

export function caseRow(
  r: ReturnType<typeof rng>,
  m: { id: number; name: string; org_id: number; org_path: string },
  type: AssistanceType,
  amountFen: number,
  approvedDay: string,
  yearStart: string,
  fundId: number,
  a: Actors,
  coveredPeople = 1,
): Omit<Planned, 'batchKey' | 'paid'> {
  const gap = 6 + Math.floor(r.next() * 20);
  let submittedDay = addDays(approvedDay, -gap);
  if (submittedDay < yearStart) submittedDay = yearStart;
  const reviewedDay = addDays(submittedDay, Math.floor((gap * 2) / 5));
  const reviewed = day(reviewedDay <= approvedDay ? reviewedDay : approvedDay, '14:20');
  const account = `6228${String(Math.floor(r.next() * 1e15)).padStart(15, '0')}`;
  return {
    a,
    member: m,
    reviewedAt: reviewed,
    row: {
      caseNo:
        sql`'BF' || ${Number(yearStart.slice(0, 4))}::text || '-' || lpad(nextval('assistance_case_no_seq')::text, 6, '0')` as unknown as string,
      memberId: m.id,
      orgId: m.org_id,
      orgPath: m.org_path,
      type,
      period: Number(yearStart.slice(0, 4)),
      channel: 'cadre',
      status: 'approved',
      amountRequestedFen: amountFen,
      amountApprovedFen: amountFen,
      coveredPeople,
      fundId,
      reason: r.pick(reasons[type]),
      bankName: r.pick(banks),
      // Plaintext here; encrypted in one batch before the insert.
      bankAccountEnc: account,
      bankAccountMasked: maskBankAccount(account),
      payeeName: m.name,
      createdBy: a.maker.id,
      createdByName: a.maker.displayName,
      reviewedBy: a.reviewer.id,
      reviewedAt: reviewed,
      approvedBy: a.approver.id,
      approvedAt: day(approvedDay, '10:30'),
      submittedAt: day(submittedDay, '09:15'),
      updatedAt: day(approvedDay, '10:30'),
    },
  };
}
