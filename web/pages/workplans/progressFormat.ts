import type { ProgressStatus } from '../../../shared/schemas/workplans';

/** A figure of a plan as cadres write it: thousands separators, at most two decimals (12.5 万元). */
export function formatFigure(value: number): string {
  return value.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
}

/** A share (0.375) as a whole percentage (38%). */
export function formatPercent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

// Worst first: what needs attention leads a summary.
const statusOrder: ProgressStatus[] = ['overdue', 'behind', 'not_started', 'on_schedule', 'ahead', 'done'];

/** The status that needs the most attention among several (an org's overall status). */
export function worstStatus(statuses: ProgressStatus[]): ProgressStatus {
  return statuses.reduce<ProgressStatus>(
    (worst, s) => (statusOrder.indexOf(s) < statusOrder.indexOf(worst) ? s : worst),
    'done',
  );
}

/** Every status, worst first, for summaries and legends. */
export const progressStatusOrder: readonly ProgressStatus[] = statusOrder;
