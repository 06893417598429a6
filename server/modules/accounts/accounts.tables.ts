import { bigint, boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { AccountStatus } from '../../../shared/enums';
import type { RoleCode } from '../../../shared/permissions';
import { members } from '../members/members.tables';
import { departments, orgs, timestamps } from '../orgs/orgs.tables';

/** A login. `orgPath` is the path of the org the account belongs to, for scoping account lists. */
export const accounts = pgTable(
  'accounts',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    username: text().notNull(),
    displayName: text('display_name').notNull(),
    mobile: text(),
    /** The member record of a worker's account (the portal shows this person's data only). */
    memberId: bigint('member_id', { mode: 'number' }).references(() => members.id),
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    status: text().$type<AccountStatus>().notNull().default('active'),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id),
    orgPath: text('org_path').notNull(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('accounts_username_uq').on(t.username),
    uniqueIndex('accounts_mobile_uq').on(t.mobile),
    uniqueIndex('accounts_member_uq').on(t.memberId),
    index('accounts_org_path_idx').using('btree', t.orgPath.op('text_pattern_ops'), t.id),
  ],
);

/** A role held at an org; its permission codes apply to the org's whole subtree. */
export const grants = pgTable(
  'grants',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    role: text().$type<RoleCode>().notNull(),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id),
    orgPath: text('org_path').notNull(),
    departmentId: integer('department_id').references(() => departments.id),
    createdAt: timestamps.createdAt,
    createdBy: integer('created_by'),
  },
  (t) => [
    uniqueIndex('grants_account_role_org_uq').on(t.accountId, t.role, t.orgId),
    index('grants_org_path_idx').using('btree', t.orgPath.op('text_pattern_ops')),
  ],
);

/** Server-side sessions; the cookie holds a random token, the table only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    publicId: text('public_id').notNull(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text(),
    userAgent: text('user_agent'),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endReason: text('end_reason'),
  },
  (t) => [index('sessions_account_idx').on(t.accountId), uniqueIndex('sessions_public_id_uq').on(t.publicId)],
);

/** Fixed-window counters for login rate limits, kept in the database so app servers stay stateless. */
export const rateLimits = pgTable('rate_limits', {
  bucket: text().primaryKey(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  hits: integer().notNull(),
});
