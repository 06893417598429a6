import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type {
  ConsentMethod,
  HardshipCause,
  HardshipLevel,
  HardshipStatus,
  HealthState,
  HouseholdRelation,
  ResolveReason,
  ReviewOutcome,
} from '../../../shared/schemas/hardship';
import { bytea } from '../../db/columns';
import { members } from '../members/members.tables';
import { orgs } from '../orgs/orgs.tables';

/** One household member as stored: health and income are the sensitive part (null when not recorded). */
export interface StoredHouseholdMember {
  key: string;
  relation: HouseholdRelation;
  name: string;
  age: number;
  employment: string | null;
  health: HealthState | null;
  healthNote: string | null;
  incomeFen: number | null;
}

/**
 * A member's hardship file (困难职工档案). It belongs to the member's union (`org_path` copied from the
 * member when filed). Health and income live in `household` and the income columns; they are written
 * only with a recorded consent and shown only to holders of welfare.sensitive.
 */
export const hardshipFiles = pgTable(
  'hardship_files',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    memberId: bigint('member_id', { mode: 'number' })
      .notNull()
      .references(() => members.id),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id),
    orgPath: text('org_path').notNull(),
    level: text().$type<HardshipLevel>().notNull(),
    causes: text().array().$type<HardshipCause[]>().notNull(),
    causeOther: text('cause_other'),
    household: jsonb().$type<StoredHouseholdMember[]>().notNull(),
    householdSize: integer('household_size').notNull(),
    /** Sum of the household's monthly incomes (fen); null unless every listed member's income is on file. */
    householdIncomeFen: bigint('household_income_fen', { mode: 'number' }),
    /** householdIncomeFen / householdSize, rounded half up to the fen. */
    perCapitaIncomeFen: bigint('per_capita_income_fen', { mode: 'number' }),
    address: text().notNull(),
    phoneEnc: text('phone_enc'),
    phoneMasked: text('phone_masked'),
    filedOn: date('filed_on', { mode: 'string' }).notNull(),
    status: text().$type<HardshipStatus>().notNull().default('active'),
    resolvedOn: date('resolved_on', { mode: 'string' }),
    resolveReason: text('resolve_reason').$type<ResolveReason>(),
    resolveNote: text('resolve_note'),
    /** Filed date + 1 year, then the last review's date + 1 year; null once resolved. */
    nextReviewOn: date('next_review_on', { mode: 'string' }),
    createdBy: integer('created_by'),
    createdByName: text('created_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // One active file per member; resolved files stay as history and a new file may be opened later.
    uniqueIndex('hardship_files_active_member_uq').on(t.memberId).where(sql`status = 'active'`),
    index('hardship_files_org_path_idx').using('btree', t.orgPath.op('text_pattern_ops'), t.id),
    index('hardship_files_review_idx').on(t.nextReviewOn).where(sql`status = 'active'`),
    index('hardship_files_resolved_idx').on(t.resolvedOn).where(sql`status = 'resolved'`),
    index('hardship_files_member_idx').on(t.memberId),
  ],
);

/** A recorded consent to keep the household's health and income, with an optional scanned form. */
export const hardshipConsents = pgTable(
  'hardship_consents',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    fileId: bigint('file_id', { mode: 'number' })
      .notNull()
      .references(() => hardshipFiles.id),
    orgPath: text('org_path').notNull(),
    method: text().$type<ConsentMethod>().notNull(),
    consentedOn: date('consented_on', { mode: 'string' }).notNull(),
    recordedBy: integer('recorded_by'),
    recordedByName: text('recorded_by_name'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    formName: text('form_name'),
    formMime: text('form_mime'),
    formSize: integer('form_size'),
    formSha256: text('form_sha256'),
    formContent: bytea('form_content'),
  },
  (t) => [index('hardship_consents_file_idx').on(t.fileId, t.id)],
);

/** Annual reviews (年度复核): keep, change the level, or resolve. */
export const hardshipReviews = pgTable(
  'hardship_reviews',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    fileId: bigint('file_id', { mode: 'number' })
      .notNull()
      .references(() => hardshipFiles.id),
    orgPath: text('org_path').notNull(),
    reviewedOn: date('reviewed_on', { mode: 'string' }).notNull(),
    outcome: text().$type<ReviewOutcome>().notNull(),
    levelBefore: text('level_before').$type<HardshipLevel>().notNull(),
    levelAfter: text('level_after').$type<HardshipLevel>().notNull(),
    comment: text().notNull(),
    reviewerId: integer('reviewer_id'),
    reviewerName: text('reviewer_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('hardship_reviews_file_idx').on(t.fileId, t.id)],
);

/** Every change of a file: who, when, before and after (sensitive values shown only to their holders). */
export const hardshipHistory = pgTable(
  'hardship_history',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    fileId: bigint('file_id', { mode: 'number' })
      .notNull()
      .references(() => hardshipFiles.id),
    orgPath: text('org_path').notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
    actorId: integer('actor_id'),
    actorName: text('actor_name'),
    action: text().notNull(),
    changes: jsonb().$type<Record<string, { before: unknown; after: unknown }>>().notNull(),
  },
  (t) => [index('hardship_history_file_idx').on(t.fileId, t.id)],
);
