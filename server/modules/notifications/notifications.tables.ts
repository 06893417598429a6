import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * In-app notifications: to one account, or to whoever holds `permission` at an org (the org's
 * staff). The dedupe key makes a scheduled check safe to run again: the same fact is told once.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    accountId: integer('account_id'),
    orgId: integer('org_id'),
    orgPath: text('org_path'),
    /** For an org's notification: the permission its readers hold there (e.g. workplans.report). */
    permission: text(),
    kind: text().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    link: text(),
    dedupeKey: text('dedupe_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('notifications_account_idx').on(t.accountId, t.id),
    index('notifications_org_idx').on(t.orgId, t.id),
    uniqueIndex('notifications_dedupe_uq').on(t.dedupeKey).where(sql`dedupe_key is not null`),
  ],
);

/** Which account has read which notification. */
export const notificationReads = pgTable(
  'notification_reads',
  {
    notificationId: bigint('notification_id', { mode: 'number' })
      .notNull()
      .references(() => notifications.id, { onDelete: 'cascade' }),
    accountId: integer('account_id').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('notification_reads_uq').on(t.notificationId, t.accountId)],
);
