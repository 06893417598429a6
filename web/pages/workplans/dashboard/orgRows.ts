import type { ProgressCell, ProgressStatus } from '../../../../shared/schemas/workplans';
import type { DashboardTarget, DashboardTask } from '../../../api/workplans';
import { worstStatus } from '../progressFormat';

/** One target's cell of one org, with the task and target it belongs to. */
export interface OrgCell {
  task: DashboardTask;
  target: DashboardTarget;
  cell: ProgressCell;
}

/** One org of the dashboard with all its cells and what they add up to. */
export interface OrgRow {
  orgId: number;
  orgName: string;
  cells: OrgCell[];
  counts: Partial<Record<ProgressStatus, number>>;
  /** The mean completion of its targets, each capped at 100%. */
  completion: number;
  status: ProgressStatus;
}

/**
 * The cells worth showing: an org given none of a target (goal 0, when the target is allotted to some
 * orgs only, or split to some children) and reporting nothing on it is not "done", just not involved.
 */
export function involvedCells(target: DashboardTarget): ProgressCell[] {
  return target.byOrg.filter((c) => c.goal > 0 || c.actual > 0 || c.reports > 0);
}

/** How many involved (org, target) cells are in each status, as the totals above the dashboard count them. */
export function involvedTotals(tasks: DashboardTask[]): Record<ProgressStatus, number> {
  const totals: Record<ProgressStatus, number> = {
    done: 0,
    ahead: 0,
    on_schedule: 0,
    behind: 0,
    overdue: 0,
    not_started: 0,
  };
  for (const task of tasks) {
    for (const target of task.targets) for (const cell of involvedCells(target)) totals[cell.status]++;
  }
  return totals;
}

/** The dashboard's cells regrouped by org, in the order the orgs first appear. */
export function orgRowsOf(tasks: DashboardTask[]): OrgRow[] {
  const byOrg = new Map<number, OrgRow>();
  for (const task of tasks) {
    for (const target of task.targets) {
      for (const cell of involvedCells(target)) {
        let row = byOrg.get(cell.orgId);
        if (!row) {
          row = { orgId: cell.orgId, orgName: cell.orgName, cells: [], counts: {}, completion: 0, status: 'done' };
          byOrg.set(cell.orgId, row);
        }
        row.cells.push({ task, target, cell });
      }
    }
  }
  for (const row of byOrg.values()) {
    for (const { cell } of row.cells) row.counts[cell.status] = (row.counts[cell.status] ?? 0) + 1;
    row.completion = row.cells.reduce((sum, c) => sum + Math.min(1, c.cell.actualShare), 0) / row.cells.length;
    row.status = worstStatus(row.cells.map((c) => c.cell.status));
  }
  return [...byOrg.values()];
}
