import { sql } from 'drizzle-orm';
import type { DbOrTx } from './client';

/**
 * Every table that stores an org's materialized path. Moving an org rewrites the prefix in all of
 * them in one transaction; a module that adds an org-owned table adds it here.
 */
export const orgPathColumns: readonly { table: string; column: string }[] = [
  { table: 'orgs', column: 'path' },
  { table: 'departments', column: 'org_path' },
  { table: 'accounts', column: 'org_path' },
  { table: 'grants', column: 'org_path' },
  { table: 'members', column: 'org_path' },
  { table: 'member_history', column: 'org_path' },
  { table: 'org_member_counts', column: 'org_path' },
  { table: 'member_corrections', column: 'org_path' },
  { table: 'member_joins', column: 'org_path' },
  { table: 'member_transfers', column: 'from_path' },
  { table: 'member_transfers', column: 'to_path' },
  { table: 'member_imports', column: 'org_path' },
  { table: 'member_import_rows', column: 'org_path' },
  { table: 'workplan_documents', column: 'issuer_path' },
  { table: 'workplan_assignments', column: 'org_path' },
  { table: 'workplan_allotments', column: 'org_path' },
  { table: 'workplan_reports', column: 'org_path' },
  { table: 'notifications', column: 'org_path' },
  { table: 'assistance_funds', column: 'org_path' },
  { table: 'assistance_cases', column: 'org_path' },
  { table: 'assistance_batches', column: 'org_path' },
  { table: 'hardship_files', column: 'org_path' },
  { table: 'hardship_consents', column: 'org_path' },
  { table: 'hardship_reviews', column: 'org_path' },
  { table: 'hardship_history', column: 'org_path' },
  { table: 'recup_programmes', column: 'org_path' },
  { table: 'recup_batches', column: 'org_path' },
  { table: 'recup_quotas', column: 'org_path' },
  { table: 'recup_applications', column: 'org_path' },
  { table: 'care_campaigns', column: 'org_path' },
  { table: 'care_visits', column: 'org_path' },
  { table: 'care_visits', column: 'target_path' },
];

/** Path columns that keep the path an event happened at on purpose: the audit log is append-only. */
export const historicalPathColumns: readonly { table: string; column: string }[] = [
  { table: 'audit_log', column: 'org_path' },
];

/** Rewrites the path prefix `from` to `to` in every org-owned table; returns rows changed per table. */
export async function rewritePathPrefix(tx: DbOrTx, from: string, to: string): Promise<Record<string, number>> {
  const changed: Record<string, number> = {};
  for (const { table, column } of orgPathColumns) {
    const col = sql.identifier(column);
    const res = await tx.execute(
      sql`update ${sql.identifier(table)} set ${col} = ${to} || substr(${col}, ${from.length + 1}) where ${col} like ${`${from}%`}`,
    );
    changed[table] = Number(
      (res as { affectedRows?: number; rowCount?: number }).affectedRows ??
        (res as { rowCount?: number }).rowCount ??
        0,
    );
  }
  return changed;
}
