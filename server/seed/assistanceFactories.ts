/** Assistance funds and cases made directly in the database, for tests and the authorization matrix. */
import { and, eq, sql } from 'drizzle-orm';
import type { AssistanceType } from '../../shared/schemas/assistance';
import type { DbOrTx } from '../db/client';
import { chinaDate } from '../lib/dates';
import { encryptFields, type KeyRing } from '../lib/pii';
import { maskBankAccount } from '../modules/assistance/assistance.cases';
import { assistanceCases, assistanceFunds } from '../modules/assistance/assistance.tables';
import { members } from '../modules/members/members.tables';
import type { OrgRow } from '../modules/orgs/orgs.tables';

/** What the dashboards should show for 海门 this year (seed 002) and the city's household insurance (seed 001). */
/** A fund of `org` for this year (tests and the matrix): budget 10万元 unless given. */
export async function makeAssistanceFund(db: DbOrTx, org: OrgRow, opts: { year?: number; budgetFen?: number } = {}) {
  const now = new Date();
  const [row] = await db
    .insert(assistanceFunds)
    .values({
      orgId: org.id,
      orgPath: org.path,
      name: `帮扶资金${Math.random().toString(36).slice(2, 8)}`,
      year: opts.year ?? Number(chinaDate(now).slice(0, 4)),
      source: '工会经费',
      budgetFen: opts.budgetFen ?? 10_000_000,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new Error('fund insert returned no row');
  return row;
}

/**
 * A case of `member` as the services leave it at `status` (tests and the matrix), made by account
 * `by.maker` (0: nobody who signs in); a granted case takes its amount from `fund` (committed or paid).
 */
export async function makeAssistanceCase(
  db: DbOrTx,
  ring: KeyRing,
  member: { id: number; orgId: number; orgPath: string; name: string },
  opts: {
    status: 'submitted' | 'reviewed' | 'approved' | 'paid';
    fund?: { id: number };
    type?: AssistanceType;
    amountFen?: number;
    approvedAt?: Date;
    by?: { maker?: number; reviewer?: number; approver?: number };
  },
) {
  const now = opts.approvedAt ?? new Date();
  const amount = opts.amountFen ?? 100_000;
  const granted = opts.status === 'approved' || opts.status === 'paid';
  const [row] = await db
    .insert(assistanceCases)
    .values({
      caseNo: sql`'BF' || ${Number(chinaDate(now).slice(0, 4))}::text || '-' || lpad(nextval('assistance_case_no_seq')::text, 6, '0')`,
      memberId: member.id,
      orgId: member.orgId,
      orgPath: member.orgPath,
      type: opts.type ?? 'living',
      period: Number(chinaDate(now).slice(0, 4)),
      channel: 'cadre',
      status: opts.status,
      amountRequestedFen: amount,
      amountApprovedFen: granted ? amount : null,
      fundId: granted ? (opts.fund?.id ?? null) : null,
      reason: '生活困难',
      bankName: '中国农业银行',
      bankAccountEnc: encryptFields(ring, ['6228480402564890018'])[0] as string,
      bankAccountMasked: maskBankAccount('6228480402564890018'),
      payeeName: member.name,
      createdBy: opts.by?.maker ?? 0,
      createdByName: '工会干事',
      reviewedBy: opts.status === 'submitted' ? null : (opts.by?.reviewer ?? 0),
      reviewedAt: opts.status === 'submitted' ? null : now,
      approvedBy: granted ? (opts.by?.approver ?? 0) : null,
      approvedAt: granted ? now : null,
      paidAt: opts.status === 'paid' ? now : null,
      submittedAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new Error('case insert returned no row');
  if (granted && opts.fund) {
    const column =
      opts.status === 'paid' ? sql`paid_fen = paid_fen + ${amount}` : sql`committed_fen = committed_fen + ${amount}`;
    await db.execute(sql`update ${assistanceFunds} set ${column} where id = ${opts.fund.id}`);
  }
  return row;
}

/** A paid case of the first active member of `union` from a new fund of `fundOrg` (metric fixtures). */
export async function grantFirstMemberOf(
  db: DbOrTx,
  ring: KeyRing,
  union: OrgRow,
  fundOrg: OrgRow,
  opts: { amountFen: number; approvedAt: string; type?: AssistanceType },
) {
  const [m] = await db
    .select()
    .from(members)
    .where(and(eq(members.orgId, union.id), eq(members.status, 'active')))
    .orderBy(members.id)
    .limit(1);
  if (!m) throw new Error(`no member in ${union.name}`);
  const approvedAt = new Date(`${opts.approvedAt}T10:00:00+08:00`);
  const fund = await makeAssistanceFund(db, fundOrg, { year: Number(opts.approvedAt.slice(0, 4)) });
  return makeAssistanceCase(db, ring, m, {
    status: 'paid',
    fund,
    amountFen: opts.amountFen,
    approvedAt,
    type: opts.type,
  });
}
