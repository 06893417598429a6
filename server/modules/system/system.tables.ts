import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Small key-value settings of a deployment (e.g. whether the demo data was loaded). */
export const settings = pgTable('settings', {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
