import { bigint, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { AuditResult } from '../../../shared/enums';

/**
 * Append-only audit log. Each row's `hash` covers its content and the previous row's hash, so a
 * changed or deleted row breaks the chain (`npm run audit:verify`); a trigger refuses UPDATE/DELETE.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    at: timestamp({ withTimezone: true }).notNull(),
    actorId: integer('actor_id'),
    actorName: text('actor_name'),
    grantId: integer('grant_id'),
    role: text(),
    action: text().notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    targetName: text('target_name'),
    orgPath: text('org_path'),
    result: text().$type<AuditResult>().notNull(),
    ip: text(),
    userAgent: text('user_agent'),
    details: jsonb(),
    prevHash: text('prev_hash').notNull(),
    hash: text().notNull(),
  },
  (t) => [
    index('audit_at_idx').on(t.at),
    index('audit_actor_idx').on(t.actorId, t.id),
    index('audit_target_idx').on(t.targetType, t.targetId),
    index('audit_path_idx').using('btree', t.orgPath.op('text_pattern_ops'), t.id),
  ],
);
