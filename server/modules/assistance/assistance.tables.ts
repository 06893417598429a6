import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgSequence, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type {
  AssistanceType,
  BatchStatus,
  CaseStatus,
  Channel,
  FundStatus,
  StepDecision,
  StepKind,
} from '../../../shared/schemas/assistance';
import { storedFileColumns } from '../../db/columns';
import { members } from '../members/members.tables';
import { orgs } from '../orgs/orgs.tables';

/** Case numbers (BF2026-000123) and batch numbers (FF2026-0042) come from their own sequences. */
export const assistanceCaseNoSeq = pgSequence('assistance_case_no_seq', { startWith: 1 });
export const assistanceBatchNoSeq = pgSequence('assistance_batch_no_seq', { startWith: 1 });

/**
 * A fund (帮扶资金) of a federation for one year. `committed_fen` is approved and not yet paid, `paid_fen`
 * confirmed paid; what may still be approved is budget − committed − paid. The check constraint is the
 * last line: approvals add to `committed_fen` with a conditional update, so the balance never goes below 0.
 */
export const assistanceFunds = pgTable(
  'assistance_funds',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id),
    orgPath: text('org_path').notNull(),
    name: text().notNull(),
    year: integer().notNull(),
    source: text().notNull(),
    budgetFen: bigint('budget_fen', { mode: 'number' }).notNull(),
    committedFen: bigint('committed_fen', { mode: 'number' }).notNull().default(0),
    paidFen: bigint('paid_fen', { mode: 'number' }).notNull().default(0),
    status: text().$type<FundStatus>().notNull().default('open'),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('assistance_funds_name_uq').on(t.orgId, t.year, t.name),
    index('assistance_funds_org_path_idx').using('btree', t.orgPath.op('text_pattern_ops'), t.id),
    check('assistance_funds_budget_ck', sql`${t.budgetFen} > 0 and ${t.budgetFen} <= 10000000000`),
    check('assistance_funds_used_ck', sql`${t.committedFen} >= 0 and ${t.paidFen} >= 0`),
    check('assistance_funds_balance_ck', sql`${t.committedFen} + ${t.paidFen} <= ${t.budgetFen}`),
  ],
);

/**
 * An assistance case (帮扶申请) of a member, attributed to the member's union (`org_path`). The bank account
 * is stored encrypted (SM4 + HMAC-SM3, in the key-rotation registry) with its masked form for display.
 */
export const assistanceCases = pgTable(
  'assistance_cases',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    caseNo: text('case_no').notNull(),
    memberId: bigint('member_id', { mode: 'number' })
      .notNull()
      .references(() => members.id),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id),
    orgPath: text('org_path').notNull(),
    type: text().$type<AssistanceType>().notNull(),
    period: integer().notNull(),
    channel: text().$type<Channel>().notNull(),
    status: text().$type<CaseStatus>().notNull(),
    amountRequestedFen: bigint('amount_requested_fen', { mode: 'number' }).notNull(),
    amountApprovedFen: bigint('amount_approved_fen', { mode: 'number' }),
    /** How many people the case covers (insurance bought for a worker's family: 3 people, one case). */
    coveredPeople: integer('covered_people').notNull().default(1),
    fundId: integer('fund_id').references(() => assistanceFunds.id),
    batchId: bigint('batch_id', { mode: 'number' }),
    reason: text().notNull(),
    bankName: text('bank_name').notNull(),
    bankAccountEnc: text('bank_account_enc').notNull(),
    bankAccountMasked: text('bank_account_masked').notNull(),
    payeeName: text('payee_name').notNull(),
    /** The maker: the cadre who entered the case, or the worker's own account for a portal application. */
    createdBy: integer('created_by').notNull(),
    createdByName: text('created_by_name').notNull(),
    reviewedBy: integer('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    approvedBy: integer('approved_by'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    rejectedStep: text('rejected_step').$type<'review' | 'approve'>(),
    rejectReason: text('reject_reason'),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('assistance_cases_case_no_uq').on(t.caseNo),
    // Nothing is paid twice: one granted case per member, type and year, also when two approvals race.
    uniqueIndex('assistance_cases_granted_uq')
      .on(t.memberId, t.type, t.period)
      .where(sql`status in ('approved', 'in_batch', 'paid')`),
    index('assistance_cases_org_path_idx').using('btree', t.orgPath.op('text_pattern_ops'), t.id),
    index('assistance_cases_member_idx').on(t.memberId),
    index('assistance_cases_fund_idx').on(t.fundId, t.status),
    index('assistance_cases_batch_idx').on(t.batchId),
    index('assistance_cases_approved_idx')
      .using('btree', t.orgPath.op('text_pattern_ops'), t.approvedAt)
      .where(sql`status in ('approved', 'in_batch', 'paid')`),
    check(
      'assistance_cases_amounts_ck',
      sql`${t.amountRequestedFen} > 0 and ${t.amountRequestedFen} <= 100000000 and (${t.amountApprovedFen} is null or (${t.amountApprovedFen} > 0 and ${t.amountApprovedFen} <= 100000000))`,
    ),
    check('assistance_cases_covered_ck', sql`${t.coveredPeople} between 1 and 20`),
    check(
      'assistance_cases_granted_ck',
      sql`${t.status} not in ('approved', 'in_batch', 'paid') or (${t.amountApprovedFen} is not null and ${t.fundId} is not null and ${t.approvedAt} is not null)`,
    ),
  ],
);

/** Documents and photos of a case (the bytes in the database, typed by their first bytes). */
export const assistanceFiles = pgTable(
  'assistance_files',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => assistanceCases.id, { onDelete: 'cascade' }),
    ...storedFileColumns(),
  },
  (t) => [index('assistance_files_case_idx').on(t.caseId)],
);

/** The steps of a case: who did what, for which org, when, with which comment (also in the audit log). */
export const assistanceSteps = pgTable(
  'assistance_steps',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => assistanceCases.id, { onDelete: 'cascade' }),
    step: text().$type<StepKind>().notNull(),
    decision: text().$type<StepDecision>().notNull(),
    actorId: integer('actor_id').notNull(),
    actorName: text('actor_name').notNull(),
    /** The org the actor acted for (their grant's org; the member's union for a portal application). */
    orgId: integer('org_id'),
    orgName: text('org_name'),
    comment: text(),
    amountFen: bigint('amount_fen', { mode: 'number' }),
    batchId: bigint('batch_id', { mode: 'number' }),
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('assistance_steps_case_idx').on(t.caseId, t.id)],
);

/** A disbursement batch (发放批次) of one fund: exported for the bank, then confirmed paid (or cancelled). */
export const assistanceBatches = pgTable(
  'assistance_batches',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    batchNo: text('batch_no').notNull(),
    fundId: integer('fund_id')
      .notNull()
      .references(() => assistanceFunds.id),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id),
    orgPath: text('org_path').notNull(),
    status: text().$type<BatchStatus>().notNull(),
    caseCount: integer('case_count').notNull(),
    totalFen: bigint('total_fen', { mode: 'number' }).notNull(),
    createdBy: integer('created_by').notNull(),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    exportedAt: timestamp('exported_at', { withTimezone: true }),
    exportedBy: integer('exported_by'),
    confirmedBy: integer('confirmed_by'),
    confirmedByName: text('confirmed_by_name'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    cancelledBy: integer('cancelled_by'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelReason: text('cancel_reason'),
    comment: text(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('assistance_batches_no_uq').on(t.batchNo),
    index('assistance_batches_org_path_idx').using('btree', t.orgPath.op('text_pattern_ops'), t.id),
    index('assistance_batches_fund_idx').on(t.fundId),
    check('assistance_batches_total_ck', sql`${t.totalFen} > 0 and ${t.caseCount} > 0`),
  ],
);
