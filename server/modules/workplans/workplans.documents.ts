/**
 * Documents of a federation: drafted from the parser's outline (or by hand), corrected, published —
 * which sends every task to its orgs — and closed at the end of the plan.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { federationTypes } from '../../../shared/enums';
import type { DocumentInput } from '../../../shared/schemas/workplans';
import type { Ctx } from '../../context';
import type { DbOrTx } from '../../db/client';
import { queryRows } from '../../db/client';
import { AppError } from '../../plugins/errors';
import { pathInScope, scopeFor } from '../../plugins/scope';
import { audit } from '../audit/audit.service';
import { notifyOrgs } from '../notifications/notifications.service';
import { type OrgRow, orgs } from '../orgs/orgs.tables';
import { checkDocumentInput, writeStructure } from './workplans.structure';
import { workplanAssignments, workplanDocuments, workplanSections, workplanTasks } from './workplans.tables';

type DocumentRow = typeof workplanDocuments.$inferSelect;

/** The document, if the caller may manage it (its issuer lies in the caller's workplans.manage scope). */
export async function managedDocument(ctx: Ctx, db: DbOrTx, id: number, lock = false): Promise<DocumentRow> {
  const query = db.select().from(workplanDocuments).where(eq(workplanDocuments.id, id));
  const [doc] = lock ? await query.for('update') : await query;
  if (!doc || !pathInScope(doc.issuerPath, scopeFor(ctx.actor, 'workplans.manage'))) {
    throw new AppError('workplans/not_found');
  }
  return doc;
}

/** The org a document is issued by: the chosen one in the caller's scope, or the caller's own. */
async function issuingOrg(ctx: Ctx, orgId: number | undefined): Promise<OrgRow> {
  const scope = scopeFor(ctx.actor, 'workplans.manage');
  const id = orgId ?? scope.grants[0]?.orgId ?? ctx.actor.orgId;
  const [org] = await ctx.db.select().from(orgs).where(eq(orgs.id, id));
  if (!org || !pathInScope(org.path, scope)) throw new AppError('orgs/not_found');
  if (org.status !== 'active') throw new AppError('orgs/not_active');
  return org;
}

export interface DocumentOptions {
  issuerOrgId?: number;
  /** Whether a catalog metric code exists (the metric catalog). */
  knownMetric: (code: string) => boolean;
}

/** Saves a new draft. */
export async function createDocument(ctx: Ctx, input: DocumentInput, options: DocumentOptions): Promise<number> {
  checkDocumentInput(input, options.knownMetric);
  const issuer = await issuingOrg(ctx, options.issuerOrgId);
  return ctx.db.transaction(async (tx) => {
    const [doc] = await tx
      .insert(workplanDocuments)
      .values({
        type: input.type,
        docNumber: input.docNumber || null,
        title: input.title,
        issuerOrgId: issuer.id,
        issuerPath: issuer.path,
        issuerName: issuer.name,
        issuedDate: input.issuedDate,
        recipients: input.recipients,
        preamble: input.preamble,
        fullText: input.fullText,
        attachments: input.attachments,
        status: 'draft',
        createdBy: ctx.actor.accountId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    if (!doc) throw new Error('insert returned no row');
    await writeStructure(tx, doc.id, input);
    await audit(
      { ...ctx, db: tx },
      {
        action: 'workplans.create',
        targetType: 'workplan_document',
        targetId: doc.id,
        targetName: doc.title,
        orgPath: doc.issuerPath,
        details: { docNumber: doc.docNumber, tasks: input.sections.reduce((n, s) => n + s.tasks.length, 0) },
      },
    );
    return doc.id;
  });
}

/** Replaces a draft's content (a published document is no longer edited). */
export async function updateDocument(ctx: Ctx, id: number, input: DocumentInput, options: DocumentOptions) {
  checkDocumentInput(input, options.knownMetric);
  await ctx.db.transaction(async (tx) => {
    const doc = await managedDocument(ctx, tx, id, true);
    if (doc.status !== 'draft') throw new AppError('workplans/not_draft');
    await tx.delete(workplanSections).where(eq(workplanSections.documentId, id));
    await tx
      .update(workplanDocuments)
      .set({
        type: input.type,
        docNumber: input.docNumber || null,
        title: input.title,
        issuedDate: input.issuedDate,
        recipients: input.recipients,
        preamble: input.preamble,
        fullText: input.fullText,
        attachments: input.attachments,
        updatedAt: ctx.now,
      })
      .where(eq(workplanDocuments.id, id));
    await writeStructure(tx, id, input);
    await audit(
      { ...ctx, db: tx },
      {
        action: 'workplans.update',
        targetType: 'workplan_document',
        targetId: id,
        targetName: input.title,
        orgPath: doc.issuerPath,
      },
    );
  });
}

/** Deletes a draft. */
export async function deleteDocument(ctx: Ctx, id: number) {
  await ctx.db.transaction(async (tx) => {
    const doc = await managedDocument(ctx, tx, id, true);
    if (doc.status !== 'draft') throw new AppError('workplans/not_draft');
    await tx.delete(workplanDocuments).where(eq(workplanDocuments.id, id));
    await audit(
      { ...ctx, db: tx },
      {
        action: 'workplans.delete',
        targetType: 'workplan_document',
        targetId: id,
        targetName: doc.title,
        orgPath: doc.issuerPath,
      },
    );
  });
}

/**
 * The orgs a task goes to, as of publishing: every federation directly below the issuer (counties
 * under a city, towns under a county), the chosen orgs, or the chosen orgs with their whole subtrees.
 * Only active orgs inside the issuer's subtree, never the issuer itself.
 */
async function assignedOrgs(
  tx: DbOrTx,
  issuer: { id: number; path: string },
  mode: string,
  orgIds: number[],
): Promise<{ id: number; path: string; name: string }[]> {
  if (mode === 'counties') {
    return tx
      .select({ id: orgs.id, path: orgs.path, name: orgs.name })
      .from(orgs)
      .where(
        and(
          eq(orgs.parentId, issuer.id),
          eq(orgs.status, 'active'),
          inArray(orgs.type, [...federationTypes, 'town_federation', 'industry_union']),
        ),
      );
  }
  const chosen = orgIds.length
    ? await tx
        .select({ id: orgs.id, path: orgs.path, name: orgs.name, status: orgs.status })
        .from(orgs)
        .where(inArray(orgs.id, orgIds))
    : [];
  for (const org of chosen) {
    if (org.status !== 'active') throw new AppError('orgs/not_active', { orgId: org.id }, `“${org.name}”已撤销或合并`);
    if (!org.path.startsWith(issuer.path) || org.id === issuer.id) {
      throw new AppError('workplans/invalid_input', { orgId: org.id }, `“${org.name}”不是发文单位的下级单位`);
    }
  }
  if (chosen.length !== new Set(orgIds).size) throw new AppError('orgs/not_found');
  if (mode === 'orgs') return chosen;
  const patterns = chosen.map((o) => `${o.path}%`);
  return queryRows<{ id: number; path: string; name: string }>(
    tx,
    sql`select id, path, name from orgs where status = 'active' and path like any(${sql.param(patterns)}::text[])`,
  );
}

/** Publishes a draft: each task goes to its orgs (their to-do lists), who are told in the app. */
export async function publishDocument(ctx: Ctx, id: number) {
  const assigned = await ctx.db.transaction(async (tx) => {
    const doc = await managedDocument(ctx, tx, id, true);
    if (doc.status !== 'draft') throw new AppError('workplans/not_draft');
    const tasks = await tx.select().from(workplanTasks).where(eq(workplanTasks.documentId, id));
    if (tasks.length === 0) throw new AppError('workplans/no_tasks');
    const everyOrg = new Map<number, { id: number; path: string; name: string }>();
    for (const task of tasks) {
      const targetOrgs = await assignedOrgs(
        tx,
        { id: doc.issuerOrgId, path: doc.issuerPath },
        task.assignmentMode,
        task.assignmentOrgIds,
      );
      if (targetOrgs.length === 0) {
        throw new AppError(
          'workplans/no_assignees',
          { task: task.number },
          `任务 ${task.number}“${task.title}”没有可承担的单位`,
        );
      }
      const ids = new Set(targetOrgs.map((o) => o.id));
      const allotments = await queryRows<{ org_id: number; metric: string }>(
        tx,
        sql`select a.org_id, t.metric from workplan_allotments a join workplan_targets t on t.id = a.target_id
            where t.task_id = ${task.id}`,
      );
      const stray = allotments.find((a) => !ids.has(a.org_id));
      if (stray) {
        throw new AppError(
          'workplans/invalid_input',
          { task: task.number },
          `任务 ${task.number}：“${stray.metric}”分解给了未承担该任务的单位`,
        );
      }
      for (let i = 0; i < targetOrgs.length; i += 1000) {
        await tx.insert(workplanAssignments).values(
          targetOrgs.slice(i, i + 1000).map((o) => ({
            documentId: id,
            taskId: task.id,
            orgId: o.id,
            orgPath: o.path,
            createdAt: ctx.now,
          })),
        );
      }
      for (const o of targetOrgs) everyOrg.set(o.id, o);
    }
    await tx
      .update(workplanDocuments)
      .set({ status: 'published', publishedAt: ctx.now, publishedBy: ctx.actor.accountId, updatedAt: ctx.now })
      .where(eq(workplanDocuments.id, id));
    await notifyOrgs(tx, [...everyOrg.values()], {
      permission: 'workplans.report',
      kind: 'workplans.assigned',
      title: `新的工作任务：${doc.title}`,
      body: `${doc.issuerName}${doc.docNumber ? `（${doc.docNumber}）` : ''}向本单位部署了工作任务，请按时推进并填报进度。`,
      link: `/workplans/todo?documentId=${id}`,
      dedupeKey: (org) => `workplans.assigned:${id}:${org.id}`,
      at: ctx.now,
    });
    await audit(
      { ...ctx, db: tx },
      {
        action: 'workplans.publish',
        targetType: 'workplan_document',
        targetId: id,
        targetName: doc.title,
        orgPath: doc.issuerPath,
        details: { tasks: tasks.length, orgs: everyOrg.size },
      },
    );
    return everyOrg.size;
  });
  return { assignedOrgs: assigned };
}

/** Closes a published document: no more reports; its figures stay. */
export async function closeDocument(ctx: Ctx, id: number) {
  await ctx.db.transaction(async (tx) => {
    const doc = await managedDocument(ctx, tx, id, true);
    if (doc.status !== 'published') throw new AppError('workplans/not_published');
    await tx
      .update(workplanDocuments)
      .set({ status: 'closed', closedAt: ctx.now, updatedAt: ctx.now })
      .where(eq(workplanDocuments.id, id));
    await audit(
      { ...ctx, db: tx },
      {
        action: 'workplans.close',
        targetType: 'workplan_document',
        targetId: id,
        targetName: doc.title,
        orgPath: doc.issuerPath,
      },
    );
  });
}
