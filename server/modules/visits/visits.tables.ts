import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { CampaignKind, CampaignStatus, VisitTargetKind } from '../../../shared/schemas/visits';
import { storedFileColumns } from '../../db/columns';
import { members } from '../members/members.tables';
import { orgs } from '../orgs/orgs.tables';

/**
 * A care campaign (送温暖, 送清凉, 三送 …) of a federation or union: a period and a budget. Every org of
 * the owner's subtree takes part. `spent_fen` is the sum of its visits' goods and cash, maintained by
 * the same conditional update that admits a visit, so the budget holds under concurrent visits.
 */
export const careCampaigns = pgTable(
  'care_campaigns',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id),
    orgPath: text('org_path').notNull(),
    kind: text().$type<CampaignKind>().notNull(),
    title: text().notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    budgetFen: bigint('budget_fen', { mode: 'number' }).notNull(),
    spentFen: bigint('spent_fen', { mode: 'number' }).notNull().default(0),
    description: text().notNull().default(''),
    status: text().$type<CampaignStatus>().notNull().default('active'),
    createdBy: integer('created_by').notNull(),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    index('care_campaigns_org_path_idx').using('btree', t.orgPath.op('text_pattern_ops'), t.id),
    check('care_campaigns_period_ck', sql`${t.endDate} >= ${t.startDate}`),
    check('care_campaigns_budget_ck', sql`${t.budgetFen} > 0`),
    check('care_campaigns_spent_ck', sql`${t.spentFen} >= 0 and ${t.spentFen} <= ${t.budgetFen}`),
  ],
);

/**
 * A visit of a campaign by a union (`org_path`) to an enterprise — a grassroots union (`target_path`)
 * or one named only — or to a worker (a member, whose union is the target, or one named only).
 */
export const careVisits = pgTable(
  'care_visits',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    campaignId: bigint('campaign_id', { mode: 'number' })
      .notNull()
      .references(() => careCampaigns.id),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id),
    orgPath: text('org_path').notNull(),
    visitDate: date('visit_date', { mode: 'string' }).notNull(),
    targetKind: text('target_kind').$type<VisitTargetKind>().notNull(),
    targetOrgId: integer('target_org_id').references(() => orgs.id),
    targetPath: text('target_path'),
    memberId: bigint('member_id', { mode: 'number' }).references(() => members.id),
    targetName: text('target_name').notNull(),
    employerName: text('employer_name'),
    workersReached: integer('workers_reached').notNull(),
    goods: text().notNull().default(''),
    goodsFen: bigint('goods_fen', { mode: 'number' }).notNull(),
    cashFen: bigint('cash_fen', { mode: 'number' }).notNull(),
    narrative: text().notNull().default(''),
    createdBy: integer('created_by').notNull(),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('care_visits_campaign_idx').on(t.campaignId, t.visitDate, t.id),
    index('care_visits_org_path_idx').using('btree', t.orgPath.op('text_pattern_ops'), t.visitDate),
    index('care_visits_target_path_idx').using('btree', t.targetPath.op('text_pattern_ops')),
    check('care_visits_amount_ck', sql`${t.goodsFen} >= 0 and ${t.cashFen} >= 0 and ${t.goodsFen} + ${t.cashFen} > 0`),
    check(
      'care_visits_workers_ck',
      sql`${t.workersReached} >= 1 and (${t.targetKind} = 'enterprise' or ${t.workersReached} = 1)`,
    ),
    check('care_visits_target_ck', sql`(${t.targetOrgId} is null) = (${t.targetPath} is null)`),
  ],
);

/** Photos of a visit, kept in the database like work-plan evidence. */
export const careVisitPhotos = pgTable(
  'care_visit_photos',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    visitId: bigint('visit_id', { mode: 'number' })
      .notNull()
      .references(() => careVisits.id, { onDelete: 'cascade' }),
    ...storedFileColumns(),
  },
  (t) => [index('care_visit_photos_visit_idx').on(t.visitId)],
);
