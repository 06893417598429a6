import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Gender, MemberStatus, WorkerCategory } from '../../../shared/memberEnums';
import { orgs, timestamps } from '../orgs/orgs.tables';

/** Card numbers come from their own sequence so they never reveal or depend on row ids. */
export const memberCardSeq = pgSequence('member_card_seq', { startWith: 10_000_001 });

/**
 * The roster (会员实名制). ID and mobile numbers are stored encrypted (`*_enc`, SM4 + HMAC-SM3), with a
 * blind index (`*_index`) for exact lookups and the masked form for lists; plaintext never lands here.
 */
export const members = pgTable(
  'members',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id),
    orgPath: text('org_path').notNull(),
    name: text().notNull(),
    namePinyin: text('name_pinyin').notNull(),
    nameInitials: text('name_initials').notNull(),
    gender: text().$type<Gender>().notNull(),
    ethnicity: text().notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    idNumberEnc: text('id_number_enc').notNull(),
    idNumberIndex: uuid('id_number_index').notNull(),
    idNumberMasked: text('id_number_masked').notNull(),
    mobileEnc: text('mobile_enc'),
    mobileIndex: uuid('mobile_index'),
    mobileMasked: text('mobile_masked'),
    education: text(),
    politicalStatus: text('political_status'),
    employerName: text('employer_name'),
    employerCreditCode: text('employer_credit_code'),
    position: text(),
    workerCategory: text('worker_category').$type<WorkerCategory>().notNull(),
    status: text().$type<MemberStatus>().notNull().default('active'),
    statusDate: date('status_date', { mode: 'string' }),
    joinedDate: date('joined_date', { mode: 'string' }).notNull(),
    cardNo: text('card_no').notNull(),
    /**
     * The import that registered the member, if one did: its history begins with that import (who
     * committed it, when, which file) instead of a history row per member, which cost a tenth of a
     * large commit. No foreign key, as for history rows: imports are never deleted.
     */
    importId: bigint('import_id', { mode: 'number' }),
    ...timestamps,
  },
  (t) => [
    // One person is one member city-wide, whatever their status.
    uniqueIndex('members_id_number_uq').on(t.idNumberIndex),
    uniqueIndex('members_card_no_uq').on(t.cardNo),
    index('members_mobile_idx').on(t.mobileIndex),
    index('members_org_path_idx').using('btree', t.orgPath.op('text_pattern_ops'), t.id),
    // 1–2 character names: a GIN index on the name split into characters; 3+ characters: trigrams.
    index('members_name_chars_idx').using('gin', sql`string_to_array(${t.name}, NULL)`),
    index('members_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
    index('members_pinyin_idx').using('btree', t.namePinyin.op('text_pattern_ops')),
    index('members_initials_idx').using('btree', t.nameInitials.op('text_pattern_ops')),
  ],
);

/** The fields of a member record as the person gives them (shown, edited, imported). */
export const memberProfileColumns = [
  'name',
  'gender',
  'ethnicity',
  'birthDate',
  'education',
  'politicalStatus',
  'employerName',
  'employerCreditCode',
  'position',
  'workerCategory',
  'joinedDate',
] as const satisfies readonly (keyof typeof members.$inferInsert)[];

/** The columns registration derives from the name and the personal numbers (pinyin, sealed, masked). */
export const memberSealedColumns = [
  'namePinyin',
  'nameInitials',
  'idNumberEnc',
  'idNumberIndex',
  'idNumberMasked',
  'mobileEnc',
  'mobileIndex',
  'mobileMasked',
] as const satisfies readonly (keyof typeof members.$inferInsert)[];

/**
 * The columns of a member record that registration fills from the person and their union (not ids,
 * card number, status or timestamps): a staged import row holds exactly these, and bulk loads write them.
 */
export const memberRecordColumns = [
  'orgId',
  'orgPath',
  ...memberProfileColumns,
  ...memberSealedColumns,
] as const satisfies readonly (keyof typeof members.$inferInsert)[];

/** Every change of a member record: who, when, before and after (personal numbers masked). */
export const memberHistory = pgTable(
  'member_history',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    // No foreign key: a history row is only ever written beside the member row it describes (members
    // are never deleted), and the per-row check of the key cost a fifth of a bulk import's commit.
    memberId: bigint('member_id', { mode: 'number' }).notNull(),
    orgPath: text('org_path').notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
    actorId: integer('actor_id'),
    actorName: text('actor_name'),
    action: text().notNull(),
    changes: jsonb(),
  },
  (t) => [index('member_history_member_idx').on(t.memberId, t.id)],
);

/**
 * Active members per org, kept exact in the same transaction as every roster change, so a subtree
 * total is a sum over the subtree's org rows instead of a count over millions of members.
 */
export const orgMemberCounts = pgTable(
  'org_member_counts',
  {
    orgId: integer('org_id')
      .primaryKey()
      .references(() => orgs.id),
    orgPath: text('org_path').notNull(),
    active: integer().notNull().default(0),
  },
  (t) => [index('org_member_counts_path_idx').using('btree', t.orgPath.op('text_pattern_ops'))],
);

/**
 * A member's request to correct their own record (PIPL: the right to have data corrected), decided by
 * their union. A new mobile number is held encrypted like the roster's (and masked in `changes`).
 */
export const memberCorrections = pgTable(
  'member_corrections',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    memberId: bigint('member_id', { mode: 'number' })
      .notNull()
      .references(() => members.id),
    orgPath: text('org_path').notNull(),
    requestedBy: integer('requested_by').notNull(),
    /** Each asked field with its value when asked (numbers masked): the request keeps its own history. */
    changes: jsonb().$type<Record<string, { before: string | null; after: string | null }>>().notNull(),
    mobileEnc: text('mobile_enc'),
    note: text(),
    status: text().$type<'pending' | 'approved' | 'rejected'>().notNull().default('pending'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    reviewedBy: integer('reviewed_by'),
    reviewerName: text('reviewer_name'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewComment: text('review_comment'),
  },
  (t) => [
    index('member_corrections_path_idx').using('btree', t.orgPath.op('text_pattern_ops'), t.id),
    // One open request per member: a second one waits until the union has decided the first.
    uniqueIndex('member_corrections_pending_uq').on(t.memberId).where(sql`status = 'pending'`),
  ],
);
