/**
 * Who sees and who reviews a document:
 * - the issuer's staff (its path in their workplans.read scope) see it, drafts only with workplans.manage;
 * - once published, an org it was sent to, and every org above that one, sees it (assignments in scope);
 * - a report is reviewed by the issuer's staff with workplans.review: a grant tied to a department
 *   (部室) reviews only the tasks that department leads, a grant without one reviews every task.
 */
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Ctx } from '../../context';
import type { DbOrTx } from '../../db/client';
import { AppError } from '../../plugins/errors';
import { inScope, pathInScope, scopeFor } from '../../plugins/scope';
import { departments } from '../orgs/orgs.tables';
import { workplanAssignments, workplanDocuments, workplanTasks } from './workplans.tables';

export type DocumentRow = typeof workplanDocuments.$inferSelect;

/** SQL: the document row `d` is visible to the caller. */
export function documentVisible(ctx: Ctx): SQL {
  const read = scopeFor(ctx.actor, 'workplans.read');
  const manage = scopeFor(ctx.actor, 'workplans.manage');
  return sql`(
    (${inScope(workplanDocuments.issuerPath, read)} and (${workplanDocuments.status} <> 'draft' or ${inScope(workplanDocuments.issuerPath, manage)}))
    or (${workplanDocuments.status} <> 'draft' and exists (
      select 1 from ${workplanAssignments} a where a.document_id = ${workplanDocuments.id} and ${inScope(sql`a.org_path`, read)}
    ))
  )`;
}

/** A document the caller may see, or 404. */
export async function visibleDocument(ctx: Ctx, db: DbOrTx, id: number): Promise<DocumentRow> {
  const [doc] = await db
    .select()
    .from(workplanDocuments)
    .where(and(eq(workplanDocuments.id, id), documentVisible(ctx)));
  if (!doc) throw new AppError('workplans/not_found');
  return doc;
}

/** Whether the caller is the issuer's staff (sees every org's figures, not only their own subtree's). */
export function isIssuerStaff(ctx: Ctx, doc: DocumentRow): boolean {
  return pathInScope(doc.issuerPath, scopeFor(ctx.actor, 'workplans.read'));
}

/**
 * The tasks' lead departments the caller reviews for: 'all' (a grant without a department), the names
 * of their departments, or null when they review nothing of this document.
 */
export async function reviewerDepartments(ctx: Ctx, db: DbOrTx, doc: DocumentRow): Promise<'all' | string[] | null> {
  // A department belongs to its own federation: its grant reviews that federation's documents only.
  const grants = scopeFor(ctx.actor, 'workplans.review').grants.filter((g) =>
    g.departmentId === null ? doc.issuerPath.startsWith(g.orgPath) : g.orgId === doc.issuerOrgId,
  );
  if (grants.length === 0) return null;
  if (grants.some((g) => g.departmentId === null)) return 'all';
  const ids = grants.map((g) => g.departmentId as number);
  const rows = await db.select({ name: departments.name }).from(departments).where(inArray(departments.id, ids));
  return rows.map((r) => r.name);
}

/** Whether the reviewer's departments cover a task (one of its lead departments). */
export function reviewsTask(reviewer: 'all' | string[] | null, leadDepartments: string[]): boolean {
  if (reviewer === null) return false;
  if (reviewer === 'all') return true;
  return leadDepartments.some((d) => reviewer.includes(d));
}

/** A task with its document (no visibility check: callers check what they need). */
export async function taskWithDocument(ctx: Ctx, taskId: number) {
  const [row] = await ctx.db
    .select({ task: workplanTasks, doc: workplanDocuments })
    .from(workplanTasks)
    .innerJoin(workplanDocuments, eq(workplanDocuments.id, workplanTasks.documentId))
    .where(eq(workplanTasks.id, taskId));
  if (!row) throw new AppError('workplans/not_found');
  return row;
}
