import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Gender, WorkerCategory } from '../../../shared/memberEnums';
import { accounts } from '../accounts/accounts.tables';
import { orgs } from '../orgs/orgs.tables';
import { members } from './members.tables';

/**
 * A worker's application to join a grassroots union (入会申请), decided by that union. Personal numbers
 * are held like the roster's (SM4 + HMAC-SM3 token, blind index, masked form); the application keeps
 * what was asked after the decision, so the applicant and the union can read it later.
 */
export const memberJoins = pgTable(
  'member_joins',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id),
    orgPath: text('org_path').notNull(),
    name: text().notNull(),
    gender: text().$type<Gender>().notNull(),
    ethnicity: text().notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    idNumberEnc: text('id_number_enc').notNull(),
    idNumberIndex: uuid('id_number_index').notNull(),
    idNumberMasked: text('id_number_masked').notNull(),
    mobileEnc: text('mobile_enc'),
    mobileMasked: text('mobile_masked'),
    education: text(),
    politicalStatus: text('political_status'),
    employerName: text('employer_name'),
    employerCreditCode: text('employer_credit_code'),
    position: text(),
    workerCategory: text('worker_category').$type<WorkerCategory>().notNull(),
    note: text(),
    status: text().$type<'pending' | 'approved' | 'rejected'>().notNull().default('pending'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    reviewedBy: integer('reviewed_by'),
    reviewerName: text('reviewer_name'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewComment: text('review_comment'),
    /** The member record an approval created. */
    memberId: bigint('member_id', { mode: 'number' }).references(() => members.id),
  },
  (t) => [
    index('member_joins_path_idx').using('btree', t.orgPath.op('text_pattern_ops'), t.id),
    index('member_joins_account_idx').on(t.accountId, t.id),
    // One open application per applicant, and per person: a second waits until the first is decided.
    uniqueIndex('member_joins_pending_account_uq').on(t.accountId).where(sql`status = 'pending'`),
    uniqueIndex('member_joins_pending_id_number_uq').on(t.idNumberIndex).where(sql`status = 'pending'`),
  ],
);

/**
 * A member's move from one union to another (转会). Both unions' paths are stored, so each side finds
 * the transfers touching its subtree by a prefix match; the side that did not start it must agree.
 */
export const memberTransfers = pgTable(
  'member_transfers',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    memberId: bigint('member_id', { mode: 'number' })
      .notNull()
      .references(() => members.id),
    fromOrgId: integer('from_org_id')
      .notNull()
      .references(() => orgs.id),
    fromPath: text('from_path').notNull(),
    toOrgId: integer('to_org_id')
      .notNull()
      .references(() => orgs.id),
    toPath: text('to_path').notNull(),
    /** What the other side may see before the member is in its roster. */
    memberNameMasked: text('member_name_masked').notNull(),
    idNumberMasked: text('id_number_masked').notNull(),
    initiatedBy: text('initiated_by').$type<'sending' | 'receiving' | 'member'>().notNull(),
    reason: text(),
    requestedBy: integer('requested_by').notNull(),
    requesterName: text('requester_name'),
    status: text().$type<'pending' | 'accepted' | 'declined'>().notNull().default('pending'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    decidedBy: integer('decided_by'),
    deciderName: text('decider_name'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionComment: text('decision_comment'),
  },
  (t) => [
    index('member_transfers_from_path_idx').using('btree', t.fromPath.op('text_pattern_ops'), t.id),
    index('member_transfers_to_path_idx').using('btree', t.toPath.op('text_pattern_ops'), t.id),
    index('member_transfers_member_idx').on(t.memberId, t.id),
    // One open transfer per member.
    uniqueIndex('member_transfers_pending_uq').on(t.memberId).where(sql`status = 'pending'`),
  ],
);
