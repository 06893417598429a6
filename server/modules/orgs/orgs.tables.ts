import { sql } from 'drizzle-orm';
import { type AnyPgColumn, date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { OrgStatus, OrgType } from '../../../shared/enums';

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/**
 * The organization tree. `path` is the materialized path of ids ("/1/12/345/"), so a subtree is one
 * indexed prefix match (text_pattern_ops); every org-owned row of every module copies its org's path.
 */
export const orgs = pgTable(
  'orgs',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    parentId: integer('parent_id').references((): AnyPgColumn => orgs.id),
    path: text().notNull(),
    depth: integer().notNull(),
    name: text().notNull(),
    shortName: text('short_name'),
    nameInitials: text('name_initials').notNull(),
    type: text().$type<OrgType>().notNull(),
    areaCode: text('area_code'),
    creditCode: text('credit_code'),
    address: text(),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    termStart: date('term_start', { mode: 'string' }),
    termEnd: date('term_end', { mode: 'string' }),
    status: text().$type<OrgStatus>().notNull().default('active'),
    mergedIntoId: integer('merged_into_id').references((): AnyPgColumn => orgs.id),
    statusReason: text('status_reason'),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('orgs_path_uq').using('btree', t.path.op('text_pattern_ops')),
    index('orgs_parent_sort_idx').on(t.parentId, t.nameInitials, t.id),
    uniqueIndex('orgs_credit_code_uq').on(t.creditCode),
    uniqueIndex('orgs_sibling_name_uq').on(t.parentId, t.name).where(sql`status = 'active'`),
    index('orgs_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
    index('orgs_initials_idx').using('btree', t.nameInitials.op('text_pattern_ops')),
  ],
);

/** Departments (部室) of a federation. */
export const departments = pgTable(
  'departments',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id),
    orgPath: text('org_path').notNull(),
    name: text().notNull(),
    sort: integer().notNull().default(0),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    uniqueIndex('departments_org_name_uq').on(t.orgId, t.name),
    index('departments_path_idx').using('btree', t.orgPath.op('text_pattern_ops')),
  ],
);

export type OrgRow = typeof orgs.$inferSelect;
export { timestamps };
