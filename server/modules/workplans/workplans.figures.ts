/**
 * The figures of a document: for each target, the achievement of each assigned org (its own reports
 * and those of every org below it, or the catalog metric over its subtree) against its share and the
 * schedule. The dashboard, the to-do list, the scheduled check and the exports all read this.
 */
import { and, asc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { ProgressCell, ProgressStatus } from '../../../shared/schemas/workplans';
import type { DbOrTx } from '../../db/client';
import { queryRows } from '../../db/client';
import { chinaDate } from '../../lib/dates';
import { computeMetric } from '../../metrics';
import { orgs } from '../orgs/orgs.tables';
import type { DocumentRow } from './workplans.access';
import { actualShare, expectedShare, progressStatus, type Schedule, scheduleOf } from './workplans.progress';
import { workplanAllotments, workplanAssignments, workplanTargets, workplanTasks } from './workplans.tables';

export type TaskRow = typeof workplanTasks.$inferSelect;
export type TargetRow = typeof workplanTargets.$inferSelect;

export interface Cell extends ProgressCell {
  orgPath: string;
  goalSource: 'allotment' | 'even';
}

export interface TargetFigures {
  target: TargetRow;
  schedule: Schedule;
  actual: number;
  pending: number;
  expectedShare: number;
  actualShare: number;
  status: ProgressStatus;
  cells: Cell[];
}

export interface TaskFigures {
  task: TaskRow;
  targets: TargetFigures[];
}

/** Which orgs get a cell: the orgs the issuer sent tasks to, the children an org split its share among, or given orgs. */
export type CellOrgs = { kind: 'top' } | { kind: 'children'; parentOrgId: number } | { kind: 'orgs'; orgIds: number[] };

/** The first day the plan runs, for tasks without a start month. */
export function planStart(doc: DocumentRow): string {
  if (doc.publishedAt) return chinaDate(doc.publishedAt);
  return doc.issuedDate ?? `${doc.createdAt.getUTCFullYear()}-01-01`;
}

/** The ids on a path, as the prefixes it has ("/1/12/" → ["/1/", "/1/12/"]). */
function prefixesOf(path: string): string[] {
  const ids = path.split('/').filter(Boolean);
  return ids.map((_, i) => `/${ids.slice(0, i + 1).join('/')}/`);
}

function assignmentFilter(cellOrgs: CellOrgs): SQL | undefined {
  if (cellOrgs.kind === 'top') return isNull(workplanAssignments.parentOrgId);
  if (cellOrgs.kind === 'children') return eq(workplanAssignments.parentOrgId, cellOrgs.parentOrgId);
  return inArray(workplanAssignments.orgId, cellOrgs.orgIds.length ? cellOrgs.orgIds : [0]);
}

/**
 * Computes the figures of a document on `today`. `taskIds` limits the tasks (the to-do list of one
 * org needs only its own).
 */
export async function documentFigures(
  db: DbOrTx,
  doc: DocumentRow,
  today: string,
  cellOrgs: CellOrgs = { kind: 'top' },
  taskIds?: number[],
): Promise<TaskFigures[]> {
  const taskFilter = taskIds ? inArray(workplanTasks.id, taskIds.length ? taskIds : [0]) : undefined;
  const tasks = await db
    .select()
    .from(workplanTasks)
    .where(and(eq(workplanTasks.documentId, doc.id), taskFilter))
    .orderBy(asc(workplanTasks.sectionId), asc(workplanTasks.position));
  const targets = await db
    .select()
    .from(workplanTargets)
    .where(eq(workplanTargets.documentId, doc.id))
    .orderBy(asc(workplanTargets.position));
  const assignments = await db
    .select({
      taskId: workplanAssignments.taskId,
      orgId: workplanAssignments.orgId,
      orgPath: workplanAssignments.orgPath,
      orgName: orgs.name,
    })
    .from(workplanAssignments)
    .innerJoin(orgs, eq(orgs.id, workplanAssignments.orgId))
    .where(and(eq(workplanAssignments.documentId, doc.id), assignmentFilter(cellOrgs)))
    .orderBy(asc(orgs.nameInitials), asc(orgs.id));
  const allotments = await db
    .select({ targetId: workplanAllotments.targetId, orgId: workplanAllotments.orgId, value: workplanAllotments.value })
    .from(workplanAllotments)
    .where(eq(workplanAllotments.documentId, doc.id));
  // Top-level shares are set by the issuer; a share an org split among its children has a parent.
  const [topCounts] = await queryRows<{ counts: Record<string, number> | null }>(
    db,
    sql`select json_object_agg(task_id, n) as counts from (
          select task_id, count(*)::int as n from workplan_assignments
          where document_id = ${doc.id} and parent_org_id is null group by task_id) c`,
  );
  const reported = await queryRows<{
    target_id: number;
    org_path: string;
    accepted: number;
    pending: number;
    n: number;
  }>(
    db,
    sql`select target_id::int as target_id, org_path,
               coalesce(sum(value) filter (where status = 'accepted'), 0)::float8 as accepted,
               coalesce(sum(value) filter (where status = 'submitted'), 0)::float8 as pending,
               count(*)::int as n
        from workplan_reports
        where document_id = ${doc.id} and target_id is not null and status <> 'returned'
        group by target_id, org_path`,
  );

  const allotted = new Map(allotments.map((a) => [`${a.targetId}:${a.orgId}`, a.value]));
  const targetsWithAllotments = new Set(allotments.map((a) => a.targetId));
  const reportsByTarget = new Map<number, typeof reported>();
  for (const r of reported) {
    const list = reportsByTarget.get(r.target_id);
    if (list) list.push(r);
    else reportsByTarget.set(r.target_id, [r]);
  }
  const fallbackStart = planStart(doc);

  const result: TaskFigures[] = [];
  for (const task of tasks) {
    const taskAssignments = assignments.filter((a) => a.taskId === task.id);
    const topCount = topCounts?.counts?.[String(task.id)] ?? 0;
    const figures: TargetFigures[] = [];
    for (const target of targets.filter((t) => t.taskId === task.id)) {
      const schedule = scheduleOf(task, target, fallbackStart);
      const cells = new Map<string, Cell>();
      for (const a of taskAssignments) {
        const share = allotted.get(`${target.id}:${a.orgId}`);
        const even = !targetsWithAllotments.has(target.id) && cellOrgs.kind !== 'children';
        cells.set(a.orgPath, {
          targetId: target.id,
          orgId: a.orgId,
          orgName: a.orgName,
          orgPath: a.orgPath,
          goal: share ?? (even && topCount > 0 ? target.value / topCount : 0),
          goalSource: share === undefined && even ? 'even' : 'allotment',
          actual: 0,
          pending: 0,
          expectedShare: 0,
          actualShare: 0,
          status: 'not_started',
          reports: 0,
        });
      }
      let actual = 0;
      let pending = 0;
      if (target.metricCode) {
        const to = today < schedule.due ? today : schedule.due;
        const values = await computeMetric(db, target.metricCode, {
          orgPaths: [doc.issuerPath, ...cells.keys()],
          from: schedule.start,
          to,
        });
        actual = values.get(doc.issuerPath) ?? 0;
        for (const cell of cells.values()) cell.actual = values.get(cell.orgPath) ?? 0;
      } else {
        for (const r of reportsByTarget.get(target.id) ?? []) {
          actual += r.accepted + r.pending;
          pending += r.pending;
          // A report counts for the org that made it and for every assigned org above it.
          for (const prefix of prefixesOf(r.org_path)) {
            const cell = cells.get(prefix);
            if (!cell) continue;
            cell.actual += r.accepted + r.pending;
            cell.pending += r.pending;
            cell.reports += r.n;
          }
        }
      }
      const expected = expectedShare(schedule, today);
      for (const cell of cells.values()) {
        cell.expectedShare = expected;
        cell.actualShare = actualShare(cell.goal, cell.actual);
        cell.status = progressStatus(cell.goal, cell.actual, schedule, today);
      }
      figures.push({
        target,
        schedule,
        actual,
        pending,
        expectedShare: expected,
        actualShare: actualShare(target.value, actual),
        status: progressStatus(target.value, actual, schedule, today),
        cells: [...cells.values()],
      });
    }
    result.push({ task, targets: figures });
  }
  return result;
}
