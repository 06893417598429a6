import { and, asc, desc, eq, ilike, inArray, lt, or, sql } from 'drizzle-orm';
import type {
  DashboardView,
  DocumentView,
  ProgressCell,
  ProgressStatus,
  progressStatusCodes,
} from '../../../shared/schemas/workplans';
import type { Ctx } from '../../context';
import { queryRows } from '../../db/client';
import { chinaDate } from '../../lib/dates';
import { AppError } from '../../plugins/errors';
import { inScope, pathInScope, scopeFor } from '../../plugins/scope';
import { orgs } from '../orgs/orgs.tables';
import {
  type DocumentRow,
  documentVisible,
  isIssuerStaff,
  reviewerDepartments,
  reviewsTask,
  visibleDocument,
} from './workplans.access';
import { type Cell, type CellOrgs, documentFigures, type TaskFigures } from './workplans.figures';
import { worstStatus } from './workplans.progress';
import {
  workplanAllotments,
  workplanAssignments,
  workplanDocuments,
  workplanSections,
  workplanTargets,
  workplanTasks,
} from './workplans.tables';

function summaryOf(doc: DocumentRow, taskCount: number) {
  return {
    id: doc.id,
    type: doc.type,
    docNumber: doc.docNumber,
    title: doc.title,
    issuerOrgId: doc.issuerOrgId,
    issuerName: doc.issuerName,
    issuedDate: doc.issuedDate,
    status: doc.status,
    taskCount,
    publishedAt: doc.publishedAt?.toISOString() ?? null,
    updatedAt: doc.updatedAt.toISOString(),
  };
}

// Written with the table's name: an interpolated column renders unqualified here, and inside the
// subquery an unqualified "id" would be the task's own id.
const taskCount = sql<number>`(select count(*)::int from workplan_tasks t where t.document_id = "workplan_documents"."id")`;

export async function listDocuments(
  ctx: Ctx,
  query: {
    cursor?: string;
    limit: number;
    q?: string;
    status?: DocumentRow['status'];
    type?: DocumentRow['type'];
    year?: number;
  },
) {
  const cursor = query.cursor ? Number(query.cursor) : null;
  if (query.cursor && !Number.isSafeInteger(cursor)) throw new AppError('common/invalid_input');
  const rows = await ctx.db
    .select({ doc: workplanDocuments, taskCount })
    .from(workplanDocuments)
    .where(
      and(
        documentVisible(ctx),
        query.q
          ? or(ilike(workplanDocuments.title, `%${query.q}%`), ilike(workplanDocuments.docNumber, `%${query.q}%`))
          : undefined,
        query.status ? eq(workplanDocuments.status, query.status) : undefined,
        query.type ? eq(workplanDocuments.type, query.type) : undefined,
        query.year
          ? sql`coalesce(${workplanDocuments.issuedDate}, ${workplanDocuments.createdAt}::date) between ${`${query.year}-01-01`}::date and ${`${query.year}-12-31`}::date`
          : undefined,
        cursor ? lt(workplanDocuments.id, cursor) : undefined,
      ),
    )
    .orderBy(desc(workplanDocuments.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit).map((r) => summaryOf(r.doc, r.taskCount));
  return { items, nextCursor: rows.length > query.limit ? String(items.at(-1)?.id) : null };
}

/** The whole document as the review screen and the detail page show it. */
export async function documentView(ctx: Ctx, id: number): Promise<DocumentView> {
  const doc = await visibleDocument(ctx, ctx.db, id);
  const sections = await ctx.db
    .select()
    .from(workplanSections)
    .where(eq(workplanSections.documentId, id))
    .orderBy(asc(workplanSections.position));
  const tasks = await ctx.db
    .select()
    .from(workplanTasks)
    .where(eq(workplanTasks.documentId, id))
    .orderBy(asc(workplanTasks.position));
  const targets = await ctx.db
    .select()
    .from(workplanTargets)
    .where(eq(workplanTargets.documentId, id))
    .orderBy(asc(workplanTargets.position));
  const allotments = await ctx.db
    .select({
      targetId: workplanAllotments.targetId,
      orgId: workplanAllotments.orgId,
      orgName: orgs.name,
      value: workplanAllotments.value,
      parentOrgId: workplanAllotments.parentOrgId,
    })
    .from(workplanAllotments)
    .innerJoin(orgs, eq(orgs.id, workplanAllotments.orgId))
    .where(eq(workplanAllotments.documentId, id))
    .orderBy(asc(orgs.nameInitials));
  const assigned = await ctx.db
    .select({ taskId: workplanAssignments.taskId, id: orgs.id, name: orgs.name })
    .from(workplanAssignments)
    .innerJoin(orgs, eq(orgs.id, workplanAssignments.orgId))
    .where(and(eq(workplanAssignments.documentId, id), sql`${workplanAssignments.parentOrgId} is null`))
    .orderBy(asc(orgs.nameInitials));
  // In a draft, chosen orgs are shown by name before anything is assigned.
  const chosenIds = [...new Set(tasks.flatMap((t) => t.assignmentOrgIds))];
  const chosen = chosenIds.length
    ? await ctx.db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(inArray(orgs.id, chosenIds))
    : [];
  const manage = pathInScope(doc.issuerPath, scopeFor(ctx.actor, 'workplans.manage'));
  const reviewer = await reviewerDepartments(ctx, ctx.db, doc);
  return {
    ...summaryOf(doc, tasks.length),
    recipients: doc.recipients,
    preamble: doc.preamble,
    fullText: doc.fullText,
    attachments: doc.attachments,
    sections: sections.map((s) => ({
      id: s.id,
      number: s.number,
      title: s.title,
      content: s.content,
      groups: s.groups,
      tasks: tasks
        .filter((t) => t.sectionId === s.id)
        .map((t) => ({
          id: t.id,
          sectionId: s.id,
          group: t.groupNumber,
          number: t.number,
          title: t.title,
          content: t.content,
          startMonth: t.startMonth,
          endMonth: t.endMonth,
          leadDepartments: t.leadDepartments,
          cooperatingUnits: t.cooperatingUnits,
          assignment: { mode: t.assignmentMode, orgIds: t.assignmentOrgIds },
          assignedOrgs:
            doc.status === 'draft'
              ? chosen.filter((o) => t.assignmentOrgIds.includes(o.id))
              : assigned.filter((a) => a.taskId === t.id).map(({ id: orgId, name }) => ({ id: orgId, name })),
          targets: targets
            .filter((g) => g.taskId === t.id)
            .map((g) => ({
              id: g.id,
              metric: g.metric,
              unit: g.unit,
              value: g.value,
              dueDate: g.dueDate,
              metricCode: g.metricCode,
              milestones: g.milestones,
              allotments: allotments
                .filter((a) => a.targetId === g.id && a.parentOrgId === null)
                .map(({ orgId, orgName, value }) => ({ orgId, orgName, value })),
            })),
        })),
    })),
    can: {
      edit: manage && doc.status === 'draft',
      publish: manage && doc.status === 'draft',
      close: manage && doc.status === 'published',
      review: reviewer !== null && doc.status !== 'draft',
    },
  };
}

const emptyTotals = (): Record<(typeof progressStatusCodes)[number], number> => ({
  done: 0,
  ahead: 0,
  on_schedule: 0,
  behind: 0,
  overdue: 0,
  not_started: 0,
});

/** A cell as the API shows it (a city-wide dashboard holds tens of thousands: no object spread). */
function cellView(c: Cell): ProgressCell {
  return {
    targetId: c.targetId,
    orgId: c.orgId,
    orgName: c.orgName,
    goal: c.goal,
    actual: c.actual,
    pending: c.pending,
    expectedShare: c.expectedShare,
    actualShare: c.actualShare,
    status: c.status,
    reports: c.reports,
  };
}

/** Only the cells the caller may see: the issuer's staff see all, an assigned org its own subtree. */
function visibleCells(ctx: Ctx, doc: DocumentRow, figures: TaskFigures[]): TaskFigures[] {
  if (isIssuerStaff(ctx, doc)) return figures;
  const read = scopeFor(ctx.actor, 'workplans.read');
  return figures.map((f) => ({
    ...f,
    targets: f.targets.map((t) => ({ ...t, cells: t.cells.filter((c) => pathInScope(c.orgPath, read)) })),
  }));
}

/** The dashboard of a document: completion by task and by org, and the units behind schedule per department. */
export async function documentDashboard(ctx: Ctx, id: number, query: { orgId?: number }): Promise<DashboardView> {
  const doc = await visibleDocument(ctx, ctx.db, id);
  const today = chinaDate(ctx.now);
  // An assigned org's staff see only their subtree's cells: only those are computed.
  let cellOrgs: CellOrgs = isIssuerStaff(ctx, doc)
    ? { kind: 'top' }
    : { kind: 'top', under: scopeFor(ctx.actor, 'workplans.read').paths };
  if (query.orgId) {
    const [org] = await ctx.db.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, query.orgId));
    if (!org || !(isIssuerStaff(ctx, doc) || pathInScope(org.path, scopeFor(ctx.actor, 'workplans.read')))) {
      throw new AppError('orgs/not_found');
    }
    cellOrgs = { kind: 'children', parentOrgId: query.orgId };
  }
  const figures = visibleCells(ctx, doc, await documentFigures(ctx.db, doc, today, cellOrgs));
  const totals = emptyTotals();
  const behind = new Map<string, DashboardView['behindByDepartment'][number]['units']>();
  for (const { task, targets } of figures) {
    for (const t of targets) {
      for (const cell of t.cells) {
        totals[cell.status]++;
        if (cell.status !== 'behind' && cell.status !== 'overdue') continue;
        for (const department of task.leadDepartments.length ? task.leadDepartments : ['（未定牵头部门）']) {
          const units = behind.get(department) ?? [];
          behind.set(department, units);
          units.push({
            orgId: cell.orgId,
            orgName: cell.orgName,
            taskId: task.id,
            taskNumber: task.number,
            targetId: t.target.id,
            metric: t.target.metric,
            status: cell.status,
          });
        }
      }
    }
  }
  return {
    document: summaryOf(doc, figures.length),
    asOf: today,
    totals,
    tasks: figures.map(({ task, targets }) => ({
      taskId: task.id,
      number: task.number,
      title: task.title,
      leadDepartments: task.leadDepartments,
      targets: targets.map((t) => ({
        targetId: t.target.id,
        metric: t.target.metric,
        unit: t.target.unit,
        value: t.target.value,
        actual: t.actual,
        expectedShare: t.expectedShare,
        actualShare: t.actualShare,
        status: t.status,
        byOrg: t.cells.map(cellView),
      })),
    })),
    behindByDepartment: [...behind.entries()].map(([department, units]) => ({ department, units })),
  };
}

/**
 * The to-do list: the published tasks sent to an org (the caller's own, or one in their scope), with
 * that org's figures against its share.
 */
export async function todoList(ctx: Ctx, query: { orgId?: number; status?: ProgressStatus }) {
  const read = scopeFor(ctx.actor, 'workplans.read');
  const orgId = query.orgId ?? ctx.actor.orgId;
  const [org] = await ctx.db
    .select({ id: orgs.id, path: orgs.path, name: orgs.name })
    .from(orgs)
    .where(eq(orgs.id, orgId));
  if (!org || !pathInScope(org.path, read)) throw new AppError('orgs/not_found');
  const today = chinaDate(ctx.now);
  const rows = await ctx.db
    .select({ doc: workplanDocuments, taskId: workplanAssignments.taskId })
    .from(workplanAssignments)
    .innerJoin(workplanDocuments, eq(workplanDocuments.id, workplanAssignments.documentId))
    .where(
      and(
        eq(workplanAssignments.orgId, org.id),
        eq(workplanDocuments.status, 'published'),
        inScope(workplanAssignments.orgPath, read),
      ),
    )
    .orderBy(desc(workplanDocuments.id));
  const byDocument = new Map<number, { doc: DocumentRow; taskIds: number[] }>();
  for (const r of rows) {
    const entry = byDocument.get(r.doc.id) ?? { doc: r.doc, taskIds: [] };
    entry.taskIds.push(r.taskId);
    byDocument.set(r.doc.id, entry);
  }
  const returned = await queryRows<{ task_id: number; n: number }>(
    ctx.db,
    sql`select task_id, count(*)::int as n from workplan_reports where org_id = ${org.id} and status = 'returned' group by task_id`,
  );
  const returnedOf = new Map(returned.map((r) => [Number(r.task_id), r.n]));
  const items = [];
  for (const { doc, taskIds } of byDocument.values()) {
    const figures = await documentFigures(ctx.db, doc, today, { kind: 'orgs', orgIds: [org.id] }, taskIds);
    for (const { task, targets } of figures) {
      const cells = targets.flatMap((t) =>
        t.cells.map((cell) => ({
          ...cellView(cell),
          metric: t.target.metric,
          unit: t.target.unit,
          reported: t.target.metricCode === null,
        })),
      );
      const status = cells.length ? worstStatus(cells.map((c) => c.status)) : 'not_started';
      if (query.status && status !== query.status) continue;
      items.push({
        documentId: doc.id,
        documentTitle: doc.title,
        docNumber: doc.docNumber,
        taskId: task.id,
        taskNumber: task.number,
        taskTitle: task.title,
        orgId: org.id,
        orgName: org.name,
        startMonth: task.startMonth,
        endMonth: task.endMonth,
        leadDepartments: task.leadDepartments,
        targets: cells,
        status,
        returnedReports: returnedOf.get(task.id) ?? 0,
      });
    }
  }
  return { items, asOf: today };
}

export { reviewsTask };
