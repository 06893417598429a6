/**
 * Scheduled progress (序时进度): how much of a target should be done by a date, and the status of an
 * actual figure against it. Pure; dates are `YYYY-MM-DD` strings in China time.
 */
import type { ProgressStatus } from '../../../shared/schemas/workplans';

/** A target's period and optional milestones (share of the value expected by a date). */
export interface Schedule {
  start: string;
  due: string;
  milestones: { date: string; share: number }[];
}

/** Within this many percentage points of the expected share a unit is on schedule. */
export const scheduleTolerance = 0.1;

const dayNumber = (date: string) => Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / 86_400_000;

/** The last day of a `YYYY-MM` month. */
export function monthEnd(month: string): string {
  const last = new Date(Date.UTC(+month.slice(0, 4), +month.slice(5, 7), 0)).getUTCDate();
  return `${month}-${String(last).padStart(2, '0')}`;
}

/**
 * The period of a target: from the task's start month (else the day it was published, else 1 January
 * of the plan's year) to the target's due date (else the end of the task's end month, else 31 December
 * of the start's year).
 */
export function scheduleOf(
  task: { startMonth: string | null; endMonth: string | null },
  target: { dueDate: string | null; milestones: { date: string; share: number }[] },
  fallbackStart: string,
): Schedule {
  const start = task.startMonth ? `${task.startMonth}-01` : fallbackStart;
  let due = target.dueDate ?? (task.endMonth ? monthEnd(task.endMonth) : `${start.slice(0, 4)}-12-31`);
  if (due < start) due = start;
  const milestones = target.milestones
    .filter((m) => m.date > start && m.date < due)
    .sort((a, b) => a.date.localeCompare(b.date));
  return { start, due, milestones };
}

/** The share expected by `today`: linear from start to due, or piecewise linear through the milestones. */
export function expectedShare(schedule: Schedule, today: string): number {
  if (today < schedule.start) return 0;
  if (today >= schedule.due) return 1;
  const points = [{ date: schedule.start, share: 0 }, ...schedule.milestones, { date: schedule.due, share: 1 }];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as { date: string; share: number };
    const b = points[i] as { date: string; share: number };
    if (today <= b.date) {
      const span = dayNumber(b.date) - dayNumber(a.date);
      const into = dayNumber(today) - dayNumber(a.date);
      return span <= 0 ? b.share : a.share + ((b.share - a.share) * into) / span;
    }
  }
  return 1;
}

/** The status of `actual` against `goal` on `today`, for the colours of the dashboard and the to-do list. */
export function progressStatus(goal: number, actual: number, schedule: Schedule, today: string): ProgressStatus {
  if (goal <= 0 || actual >= goal) return 'done';
  if (today > schedule.due) return 'overdue';
  if (today < schedule.start) return 'not_started';
  const expected = expectedShare(schedule, today);
  const share = actual / goal;
  if (share + scheduleTolerance < expected) return 'behind';
  if (share > expected + scheduleTolerance) return 'ahead';
  return 'on_schedule';
}

/** The share to show: actual over goal, 1 for a goal of zero. */
export function actualShare(goal: number, actual: number): number {
  return goal > 0 ? actual / goal : 1;
}

/** The worst of several statuses (a task is as late as its latest target). */
export function worstStatus(statuses: ProgressStatus[]): ProgressStatus {
  const order: ProgressStatus[] = ['overdue', 'behind', 'on_schedule', 'not_started', 'ahead', 'done'];
  for (const s of order) if (statuses.includes(s)) return s;
  return 'not_started';
}
