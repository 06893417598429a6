/**
 * Recuperation trips (职工疗休养): a programme of a union (owner org), its batches (期) with capacity and
 * seats taken, per-org quotas of a batch, and the members' applications. Seat and quota counters are
 * maintained in the same transaction as every application change and guarded by CHECK constraints, so
 * a batch can never be oversold even if a bug slipped past the conditional updates.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { ApplicationChannel, ApplicationStatus, ProgrammeStatus } from '../../../shared/schemas/recuperation';
import { members } from '../members/members.tables';
import { orgs } from '../orgs/orgs.tables';

/** A programme (e.g. 2026 年职工疗休养) of an owner union, with its eligibility rules. */
export const recupProgrammes = pgTable(
  'recup_programmes',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id),
    orgPath: text('org_path').notNull(),
    year: integer().notNull(),
    title: text().notNull(),
    description: text().notNull().default(''),
    /** 仅限一线职工: declared on the application, confirmed by the nominating or confirming union. */
    frontLineOnly: boolean('front_line_only').notNull().default(false),
    /** 仅限劳模、先进工作者: the application names the honour. */
    modelWorkerOnly: boolean('model_worker_only').notNull().default(false),
    /** Not on a trip (confirmed or attended) in the last N years; 0 = no rule. */
    recentYears: integer('recent_years').notNull().default(0),
    status: text().$type<ProgrammeStatus>().notNull().default('draft'),
    createdBy: integer('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('recup_programmes_path_idx').using('btree', t.orgPath.op('text_pattern_ops'), t.id),
    check('recup_programmes_recent_years_ck', sql`${t.recentYears} between 0 and 10`),
  ],
);

/**
 * A batch (第N期). `seats_taken` counts applications holding a seat; `pool_taken` those of them not
 * charged to a quota; `quota_total` is the sum of the batch's quotas. Seats outside the quotas (the
 * pool) are `capacity - quota_total`.
 */
export const recupBatches = pgTable(
  'recup_batches',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    programmeId: bigint('programme_id', { mode: 'number' })
      .notNull()
      .references(() => recupProgrammes.id),
    /** The programme owner's path (scoping and the batches metric). */
    orgPath: text('org_path').notNull(),
    name: text().notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    signupDeadline: date('signup_deadline', { mode: 'string' }).notNull(),
    destination: text().notNull(),
    theme: text().notNull().default(''),
    capacity: integer().notNull(),
    costFen: bigint('cost_fen', { mode: 'number' }).notNull(),
    seatsTaken: integer('seats_taken').notNull().default(0),
    poolTaken: integer('pool_taken').notNull().default(0),
    quotaTotal: integer('quota_total').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('recup_batches_programme_idx').on(t.programmeId, t.startDate),
    index('recup_batches_path_idx').using('btree', t.orgPath.op('text_pattern_ops'), t.startDate),
    check('recup_batches_capacity_ck', sql`${t.capacity} > 0`),
    check('recup_batches_cost_ck', sql`${t.costFen} >= 0 and ${t.costFen} <= 10000000000`),
    check('recup_batches_dates_ck', sql`${t.endDate} >= ${t.startDate} and ${t.signupDeadline} <= ${t.startDate}`),
    check('recup_batches_seats_ck', sql`${t.seatsTaken} >= 0 and ${t.seatsTaken} <= ${t.capacity}`),
    check('recup_batches_quota_total_ck', sql`${t.quotaTotal} >= 0 and ${t.quotaTotal} <= ${t.capacity}`),
    check('recup_batches_pool_ck', sql`${t.poolTaken} >= 0 and ${t.poolTaken} <= ${t.capacity} - ${t.quotaTotal}`),
  ],
);

/** An org's quota (名额) in a batch; its members (and those of orgs below without their own quota) use it. */
export const recupQuotas = pgTable(
  'recup_quotas',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    batchId: bigint('batch_id', { mode: 'number' })
      .notNull()
      .references(() => recupBatches.id),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id),
    orgPath: text('org_path').notNull(),
    quota: integer().notNull(),
    used: integer().notNull().default(0),
  },
  (t) => [
    uniqueIndex('recup_quotas_batch_org_uq').on(t.batchId, t.orgId),
    index('recup_quotas_path_idx').using('btree', t.orgPath.op('text_pattern_ops')),
    check('recup_quotas_quota_ck', sql`${t.quota} >= 0`),
    check('recup_quotas_used_ck', sql`${t.used} >= 0 and ${t.used} <= ${t.quota}`),
  ],
);

/** A member's application (本人报名) or nomination (工会推荐) for a batch. */
export const recupApplications = pgTable(
  'recup_applications',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    programmeId: bigint('programme_id', { mode: 'number' })
      .notNull()
      .references(() => recupProgrammes.id),
    batchId: bigint('batch_id', { mode: 'number' })
      .notNull()
      .references(() => recupBatches.id),
    memberId: bigint('member_id', { mode: 'number' })
      .notNull()
      .references(() => members.id),
    /** The member's union when applying. */
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id),
    orgPath: text('org_path').notNull(),
    channel: text().$type<ApplicationChannel>().notNull(),
    frontLine: boolean('front_line').notNull().default(false),
    honour: text(),
    note: text(),
    status: text().$type<ApplicationStatus>().notNull(),
    /** The quota the held seat is charged to (null: the pool, or no seat held). */
    quotaId: bigint('quota_id', { mode: 'number' }).references(() => recupQuotas.id),
    appliedBy: integer('applied_by').notNull(),
    appliedByName: text('applied_by_name').notNull(),
    appliedAt: timestamp('applied_at', { withTimezone: true }).notNull(),
    /** The union that vouched for the declarations (nominated or confirmed). */
    checkedBy: integer('checked_by'),
    checkedByName: text('checked_by_name'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    seatAt: timestamp('seat_at', { withTimezone: true }),
    decidedBy: integer('decided_by'),
    decidedByName: text('decided_by_name'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** Why it was cancelled or rejected (the worker reads it). */
    reason: text(),
    attendanceBy: integer('attendance_by'),
    attendanceAt: timestamp('attendance_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // One live application per member per programme: a second one is refused, also when two race.
    uniqueIndex('recup_applications_live_uq')
      .on(t.programmeId, t.memberId)
      .where(sql`status not in ('cancelled', 'rejected')`),
    index('recup_applications_batch_idx').on(t.batchId, t.status, t.id),
    index('recup_applications_member_idx').on(t.memberId, t.status),
    index('recup_applications_path_idx').using('btree', t.orgPath.op('text_pattern_ops'), t.id),
  ],
);
