/**
 * Supervision and splitting: the issuer's reviewing staff comment on a task (督查), told to the unit the
 * comment is about; an assigned org splits its share of a target among its own children (层层分解).
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../context';
import { queryRows } from '../../db/client';
import { AppError } from '../../plugins/errors';
import { pathInScope, scopeFor } from '../../plugins/scope';
import { audit } from '../audit/audit.service';
import { notifyOrgs } from '../notifications/notifications.service';
import { orgs } from '../orgs/orgs.tables';
import { reviewerDepartments, taskWithDocument, visibleDocument } from './workplans.access';
import { shareOf } from './workplans.shares';
import { workplanAllotments, workplanAssignments, workplanComments, workplanTargets } from './workplans.tables';

/** A supervision comment of the issuer's reviewing staff, told to the unit it is about. */
export async function addComment(ctx: Ctx, taskId: number, input: { orgId?: number; body: string }) {
  const { task, doc } = await taskWithDocument(ctx, taskId);
  await visibleDocument(ctx, ctx.db, doc.id);
  if ((await reviewerDepartments(ctx, ctx.db, doc)) === null) throw new AppError('workplans/not_reviewer');
  let about: { id: number; path: string; name: string } | undefined;
  if (input.orgId) {
    [about] = await queryRows<{ id: number; path: string; name: string }>(
      ctx.db,
      sql`select o.id, o.path, o.name from workplan_assignments a join orgs o on o.id = a.org_id
          where a.task_id = ${taskId} and a.org_id = ${input.orgId}`,
    );
    if (!about) throw new AppError('workplans/not_assigned');
  }
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(workplanComments)
      .values({
        documentId: doc.id,
        taskId,
        orgId: about?.id ?? null,
        body: input.body,
        authorId: ctx.actor.accountId,
        authorName: ctx.actor.displayName,
        createdAt: ctx.now,
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    if (about) {
      await notifyOrgs(tx, [about], {
        permission: 'workplans.report',
        kind: 'workplans.comment',
        title: `督查意见：${task.number} ${task.title}`.slice(0, 200),
        body: input.body,
        link: `/workplans/todo?documentId=${doc.id}`,
        dedupeKey: () => null,
        at: ctx.now,
      });
    }
    await audit(
      { ...ctx, db: tx, scope: scopeFor(ctx.actor, 'workplans.review') },
      {
        action: 'workplans.comment',
        targetType: 'workplan_document',
        targetId: doc.id,
        targetName: doc.title,
        orgPath: about?.path ?? doc.issuerPath,
        details: { taskId, orgId: about?.id ?? null },
      },
    );
    return { ...row, orgName: about?.name ?? null, createdAt: row.createdAt.toISOString() };
  });
}

/** Comments on a task: all for the issuer's staff, else those about orgs in the caller's scope or none in particular. */
export async function listComments(ctx: Ctx, taskId: number) {
  const { doc } = await taskWithDocument(ctx, taskId);
  await visibleDocument(ctx, ctx.db, doc.id);
  const read = scopeFor(ctx.actor, 'workplans.read');
  const rows = await ctx.db
    .select({ comment: workplanComments, orgName: orgs.name, orgPath: orgs.path })
    .from(workplanComments)
    .leftJoin(orgs, eq(orgs.id, workplanComments.orgId))
    .where(eq(workplanComments.taskId, taskId))
    .orderBy(desc(workplanComments.id));
  const staff = pathInScope(doc.issuerPath, read);
  return {
    items: rows
      .filter((r) => staff || r.orgPath === null || pathInScope(r.orgPath, read))
      .map(({ comment, orgName }) => ({
        id: comment.id,
        taskId: comment.taskId,
        orgId: comment.orgId,
        orgName,
        body: comment.body,
        authorName: comment.authorName,
        createdAt: comment.createdAt.toISOString(),
      })),
  };
}

/**
 * Splits an assigned org's share of a target among its direct children (层层分解): they are assigned
 * the task and carry the parts. A new split replaces the org's previous one.
 */
export async function splitAllotment(
  ctx: Ctx,
  input: { targetId: number; orgId: number; parts: { orgId: number; value: number }[] },
) {
  const [target] = await ctx.db.select().from(workplanTargets).where(eq(workplanTargets.id, input.targetId));
  if (!target) throw new AppError('workplans/not_found');
  const { task, doc } = await taskWithDocument(ctx, target.taskId);
  if (doc.status !== 'published') throw new AppError('workplans/not_published');
  const reportScope = scopeFor(ctx.actor, 'workplans.report');
  const [holder] = await ctx.db
    .select({ org: orgs, parentOrgId: workplanAssignments.parentOrgId })
    .from(workplanAssignments)
    .innerJoin(orgs, eq(orgs.id, workplanAssignments.orgId))
    .where(and(eq(workplanAssignments.taskId, task.id), eq(workplanAssignments.orgId, input.orgId)));
  const [asked] = await ctx.db.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, input.orgId));
  if (!asked || !pathInScope(asked.path, reportScope)) throw new AppError('orgs/not_found');
  if (!holder) throw new AppError('workplans/not_assigned');
  // An allotted share or an even one can be split; an org given nothing of the target has nothing to split.
  const own = await shareOf(ctx.db, target, input.orgId);
  if (own === null || own <= 0) throw new AppError('workplans/no_allotment');
  const childIds = input.parts.map((p) => p.orgId);
  if (new Set(childIds).size !== childIds.length) {
    throw new AppError('workplans/invalid_input', {}, '同一下级单位只能分配一次');
  }
  const children = await ctx.db
    .select({ id: orgs.id, path: orgs.path, name: orgs.name, status: orgs.status })
    .from(orgs)
    .where(and(inArray(orgs.id, childIds), eq(orgs.parentId, input.orgId)));
  if (children.length !== childIds.length || children.some((c) => c.status !== 'active')) {
    throw new AppError('workplans/invalid_input', {}, '只能分配给本单位的直属下级单位（正常状态）');
  }
  const sum = input.parts.reduce((n, p) => n + p.value, 0);
  if (sum > own + 1e-9) {
    throw new AppError(
      'workplans/invalid_input',
      { sum, value: own },
      `分配合计 ${sum} ${target.unit}，超过了本单位承担的 ${own} ${target.unit}`,
    );
  }
  const byId = new Map(children.map((c) => [c.id, c]));
  await ctx.db.transaction(async (tx) => {
    await tx
      .delete(workplanAllotments)
      .where(and(eq(workplanAllotments.targetId, target.id), eq(workplanAllotments.parentOrgId, input.orgId)));
    await tx.insert(workplanAllotments).values(
      input.parts.map((p) => ({
        documentId: doc.id,
        targetId: target.id,
        orgId: p.orgId,
        orgPath: byId.get(p.orgId)?.path as string,
        parentOrgId: input.orgId,
        value: p.value,
      })),
    );
    await tx
      .insert(workplanAssignments)
      .values(
        children.map((c) => ({
          documentId: doc.id,
          taskId: task.id,
          orgId: c.id,
          orgPath: c.path,
          parentOrgId: input.orgId,
          createdAt: ctx.now,
        })),
      )
      .onConflictDoNothing();
    await notifyOrgs(tx, children, {
      permission: 'workplans.report',
      kind: 'workplans.assigned',
      title: `新的工作任务：${task.number} ${task.title}`.slice(0, 200),
      body: `${holder.org.name}向本单位分解了“${target.metric}”任务，请按时推进并填报进度。`,
      link: `/workplans/todo?documentId=${doc.id}`,
      dedupeKey: (c) => `workplans.split:${target.id}:${c.id}`,
      at: ctx.now,
    });
    await audit(
      { ...ctx, db: tx, scope: reportScope },
      {
        action: 'workplans.split',
        targetType: 'workplan_document',
        targetId: doc.id,
        targetName: doc.title,
        orgPath: holder.org.path,
        details: { targetId: target.id, parts: input.parts.length, sum },
      },
    );
  });
  return { parts: input.parts.length, sum };
}
