/**
 * The figures of a document: for each target, the achievement of each assigned org (its own reports
 * and those of every org below it, or the catalog metric over its subtree) against its share and the
 * schedule. The dashboard, the to-do list, the scheduled check and the exports all read this.
 */
import { and, asc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { ProgressCell, ProgressStatus } from '../../../shared/schemas/workplans';
import type { DbOrTx } from '../../db/client';
import { queryRows } from '../../db/client';
import { chinaDate } from '../../lib/dates';
import { computeMetric } from '../../metrics';
import { orgs } from '../orgs/orgs.tables';
import type { DocumentRow } from './workplans.access';
import { actualShare, expectedShare, progressStatus, type Schedule, scheduleOf } from './workplans.progress';
import { evenShare, rankById } from './workplans.shares';
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

/**
 * Which orgs get a cell: the orgs the issuer sent tasks to (optionally only those in the subtrees
 * `under`, e.g. the caller's scope), the children an org split its share among, or given orgs.
 */
export type CellOrgs =
  | { kind: 'top'; under?: string[] }
  | { kind: 'children'; parentOrgId: number }
  | { kind: 'orgs'; orgIds: number[] };

/** The first day the plan runs, for tasks without a start month. */
export function planStart(doc: DocumentRow): string {
  if (doc.publishedAt) return chinaDate(doc.publishedAt);
  return doc.issuedDate ?? `${doc.createdAt.getUTCFullYear()}-01-01`;
}

/** SQL: the path lies in one of the subtrees (false for none). */
function pathUnder(column: AnyPgColumn | SQL, under: string[]): SQL {
  if (under.length === 0) return sql`false`;
  return sql`(${sql.join(
    under.map((p) => sql`${column} like ${`${p}%`}`),
    sql` or `,
  )})`;
}

function assignmentFilter(cellOrgs: CellOrgs): SQL | undefined {
  if (cellOrgs.kind === 'top') {
    const top = isNull(workplanAssignments.parentOrgId);
    return cellOrgs.under ? and(top, pathUnder(workplanAssignments.orgPath, cellOrgs.under)) : top;
  }
  if (cellOrgs.kind === 'children') return eq(workplanAssignments.parentOrgId, cellOrgs.parentOrgId);
  return inArray(workplanAssignments.orgId, cellOrgs.orgIds.length ? cellOrgs.orgIds : [0]);
}

/** Beyond this many subtrees the reports are read for the whole document rather than by path. */
const maxPathFilters = 50;

/** The fewest path prefixes that cover every given path (a path under another one adds nothing). */
function coveringPaths(paths: Iterable<string>): string[] {
  const sorted = [...new Set(paths)].sort();
  const kept: string[] = [];
  for (const p of sorted) if (!kept.some((k) => p.startsWith(k))) kept.push(p);
  return kept;
}

/**
 * Sums travel in ten-thousandths (the figures' numeric scale) as whole numbers, which floats add
 * exactly: a total does not depend on the order the groups arrive in, and 81.39 stays 81.39. Summing
 * floats rather than numerics makes the dashboard's largest query about a third faster; rounding each
 * value keeps it exact below ten billion per report.
 */
const scale = 10_000;
const units = (status: 'accepted' | 'submitted') =>
  sql.raw(`coalesce(sum(round(r.value::float8 * ${scale})) filter (where r.status = '${status}'), 0)`);

type ReportSums = { target_id: number; org_path: string; accepted: number; pending: number; n: number };

/**
 * Reports (not returned) summed by target and the path of the org that made them, optionally only
 * below `under`. One small aggregate per target, each read in path order from the covering index
 * workplan_reports_sums_idx, is cheaper than one hash over the whole document.
 */
function reportSums(db: DbOrTx, documentId: number, under: string[] | null): Promise<ReportSums[]> {
  const where = under ? sql`and ${pathUnder(sql`r.org_path`, under)}` : sql``;
  return queryRows<ReportSums>(
    db,
    sql`select t.id::int as target_id, s.org_path, s.accepted, s.pending, s.n
        from workplan_targets t
        cross join lateral (
          select r.org_path, ${units('accepted')} as accepted, ${units('submitted')} as pending, count(*)::int as n
          from workplan_reports r
          where r.document_id = ${documentId} and r.target_id = t.id and r.status <> 'returned' ${where}
          group by r.org_path) s
        where t.document_id = ${documentId}`,
  );
}

/** Reports (not returned) summed by target: a target's own figure counts every report, whoever's cells are shown. */
function targetSums(db: DbOrTx, documentId: number) {
  return queryRows<{ target_id: number; accepted: number; pending: number }>(
    db,
    sql`select r.target_id::int as target_id, ${units('accepted')} as accepted, ${units('submitted')} as pending
        from workplan_reports r
        where r.document_id = ${documentId} and r.target_id is not null and r.status <> 'returned'
        group by r.target_id`,
  );
}

/** Adds a report group to the cell of every assigned org on its path (the org that made it and those above it). */
function addToCells(cells: Cell[], position: Map<number, number>, r: ReportSums) {
  const path = r.org_path;
  let id = -1;
  for (let i = 0; i <= path.length; i++) {
    const c = i < path.length ? path.charCodeAt(i) : 47;
    if (c !== 47) {
      id = (id < 0 ? 0 : id * 10) + c - 48;
      continue;
    }
    if (id < 0) continue;
    const at = position.get(id);
    const cell = at === undefined ? undefined : cells[at];
    id = -1;
    // The cell's path must be this prefix of the report's path ("/1/12/" of "/1/12/345/").
    if (!cell || cell.orgPath.length !== i + 1) continue;
    if (i < path.length ? !path.startsWith(cell.orgPath) : cell.orgPath !== `${path}/`) continue;
    cell.actual += r.accepted + r.pending;
    cell.pending += r.pending;
    cell.reports += r.n;
  }
}

/** Groups rows by a key, keeping their order. */
function groupBy<T>(rows: T[], key: (row: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

type Assignment = { taskId: number; orgId: number; orgPath: string; parentOrgId: number | null };

/**
 * The rows the figures are made of. They do not depend on each other, so on a pool they are read side
 * by side; at the top level every report is read, below it only those of the cells' subtrees (after
 * the assignments tell which) and the targets' own figures come from the sums per target.
 */
async function readRows(db: DbOrTx, doc: DocumentRow, cellOrgs: CellOrgs, top: boolean, taskIds?: number[]) {
  const taskFilter = taskIds ? inArray(workplanTasks.id, taskIds.length ? taskIds : [0]) : undefined;
  const assignmentWhere = and(eq(workplanAssignments.documentId, doc.id), assignmentFilter(cellOrgs));
  const [tasks, targets, pairs, assignedOrgs, allotments, topAssignees, totals, allReports] = await Promise.all([
    db
      .select()
      .from(workplanTasks)
      .where(and(eq(workplanTasks.documentId, doc.id), taskFilter))
      .orderBy(asc(workplanTasks.sectionId), asc(workplanTasks.position)),
    db
      .select()
      .from(workplanTargets)
      .where(eq(workplanTargets.documentId, doc.id))
      .orderBy(asc(workplanTargets.position)),
    db
      .select({
        taskId: workplanAssignments.taskId,
        orgId: workplanAssignments.orgId,
        orgPath: workplanAssignments.orgPath,
        parentOrgId: workplanAssignments.parentOrgId,
      })
      .from(workplanAssignments)
      .where(assignmentWhere),
    // Each assigned org once (a city-wide document sends the same orgs several tasks), in the cells' order.
    db
      .select({ id: orgs.id, name: orgs.name })
      .from(orgs)
      .where(
        inArray(orgs.id, db.select({ id: workplanAssignments.orgId }).from(workplanAssignments).where(assignmentWhere)),
      )
      .orderBy(asc(orgs.nameInitials), asc(orgs.id)),
    db
      .select({
        targetId: workplanAllotments.targetId,
        orgId: workplanAllotments.orgId,
        value: workplanAllotments.value,
        parentOrgId: workplanAllotments.parentOrgId,
      })
      .from(workplanAllotments)
      .where(eq(workplanAllotments.documentId, doc.id)),
    // The issuer's direct assignees of each task (an even share is taken among them, in id order); an
    // org's split to its children has a parent. At the top level the cells are exactly these.
    top
      ? null
      : queryRows<{ task_id: number; org_ids: number[] }>(
          db,
          sql`select task_id::int as task_id, array_agg(org_id::int order by org_id) as org_ids
              from workplan_assignments where document_id = ${doc.id} and parent_org_id is null group by task_id`,
        ),
    top ? null : targetSums(db, doc.id),
    top ? reportSums(db, doc.id, null) : null,
  ]);
  // Each task's assignments in the orgs' order, without sorting thousands of rows once more.
  const pairsByOrg = groupBy(pairs, (a) => a.orgId);
  const orgName = new Map<number, string>();
  const assignmentsByTask = new Map<number, Assignment[]>();
  for (const org of assignedOrgs) {
    orgName.set(org.id, org.name);
    for (const a of pairsByOrg.get(org.id) ?? []) {
      const list = assignmentsByTask.get(a.taskId);
      if (list) list.push(a);
      else assignmentsByTask.set(a.taskId, [a]);
    }
  }
  const under = allReports ? [] : coveringPaths(pairs.map((a) => a.orgPath));
  return {
    tasks,
    targets,
    allotments,
    orgName,
    assignmentsByTask,
    evenRanks: (taskId: number) =>
      rankById(
        top
          ? (assignmentsByTask.get(taskId) ?? []).map((a) => a.orgId)
          : (topAssignees?.find((t) => t.task_id === taskId)?.org_ids ?? []),
      ),
    totals: new Map((totals ?? []).map((t) => [t.target_id, t])),
    reported:
      allReports ??
      (under.length ? reportSums(db, doc.id, under.length <= maxPathFilters ? under : null) : Promise.resolve([])),
  };
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
  // Every cell of the top level: all the reports are read, and they make the targets' own figures.
  const top = cellOrgs.kind === 'top' && !cellOrgs.under;
  const rows = await readRows(db, doc, cellOrgs, top, taskIds);
  const fallbackStart = planStart(doc);
  const targetsByTask = groupBy(rows.targets, (t) => t.taskId);
  // Catalog metrics are computed while the reports are read.
  const metricValues = new Map<number, Promise<Map<string, number>>>();
  for (const task of rows.tasks) {
    for (const target of targetsByTask.get(task.id) ?? []) {
      if (!target.metricCode) continue;
      const schedule = scheduleOf(task, target, fallbackStart);
      const paths = (rows.assignmentsByTask.get(task.id) ?? []).map((a) => a.orgPath);
      metricValues.set(
        target.id,
        computeMetric(db, target.metricCode, {
          orgPaths: [doc.issuerPath, ...paths],
          from: schedule.start,
          to: today < schedule.due ? today : schedule.due,
        }),
      );
    }
  }
  const [reported, ...metrics] = await Promise.all([rows.reported, ...metricValues.values()]);
  const metricOf = new Map([...metricValues.keys()].map((id, i) => [id, metrics[i] as Map<string, number>]));
  const reportsByTarget = groupBy(reported, (r) => r.target_id);
  const allotted = new Map<number, Map<number, number>>();
  // Targets the issuer allotted: the others are shared evenly among its direct assignees.
  const issuerAllotted = new Set<number>();
  for (const a of rows.allotments) {
    const shares = allotted.get(a.targetId) ?? new Map<number, number>();
    allotted.set(a.targetId, shares);
    shares.set(a.orgId, a.value);
    if (a.parentOrgId === null) issuerAllotted.add(a.targetId);
  }

  const result: TaskFigures[] = [];
  for (const task of rows.tasks) {
    const taskAssignments = rows.assignmentsByTask.get(task.id) ?? [];
    // Where each org's cell sits, the same for every target of the task.
    const position = new Map(taskAssignments.map((a, i) => [a.orgId, i]));
    const ranks = rows.evenRanks(task.id);
    const figures: TargetFigures[] = [];
    for (const target of targetsByTask.get(task.id) ?? []) {
      const schedule = scheduleOf(task, target, fallbackStart);
      const shares = allotted.get(target.id);
      const sharedEvenly = !issuerAllotted.has(target.id);
      const cells = taskAssignments.map((a): Cell => {
        const share = shares?.get(a.orgId);
        const even = share === undefined && sharedEvenly && a.parentOrgId === null;
        return {
          targetId: target.id,
          orgId: a.orgId,
          orgName: rows.orgName.get(a.orgId) ?? '',
          orgPath: a.orgPath,
          goal: share ?? (even ? evenShare(target, ranks.size, ranks.get(a.orgId) ?? -1) : 0),
          goalSource: even ? 'even' : 'allotment',
          actual: 0,
          pending: 0,
          expectedShare: 0,
          actualShare: 0,
          status: 'not_started',
          reports: 0,
        };
      });
      let actual = 0;
      let pending = 0;
      const values = metricOf.get(target.id);
      if (values) {
        actual = values.get(doc.issuerPath) ?? 0;
        for (const cell of cells) cell.actual = values.get(cell.orgPath) ?? 0;
      } else {
        for (const r of reportsByTarget.get(target.id) ?? []) {
          if (top) {
            actual += r.accepted + r.pending;
            pending += r.pending;
          }
          addToCells(cells, position, r);
        }
        const total = rows.totals.get(target.id);
        if (total) {
          actual = total.accepted + total.pending;
          pending = total.pending;
        }
        actual /= scale;
        pending /= scale;
        for (const cell of cells) {
          cell.actual /= scale;
          cell.pending /= scale;
        }
      }
      const expected = expectedShare(schedule, today);
      for (const cell of cells) {
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
        cells,
      });
    }
    result.push({ task, targets: figures });
  }
  return result;
}
