/**
 * The scheduled progress check (序时督查): once in a while the server looks at every published document
 * and tells each unit whose share of a target is behind schedule or overdue, and the issuer's staff how
 * many units are late. Dedupe keys make a repeated check tell the same fact once: a unit behind
 * schedule hears it once a month while it stays behind, an overdue one once.
 */
import { asc, eq, sql } from 'drizzle-orm';
import { progressStatuses } from '../../../shared/schemas/workplans';
import type { DbOrTx } from '../../db/client';
import { queryRows } from '../../db/client';
import { chinaDate } from '../../lib/dates';
import { type JobLog, runPeriodically } from '../../lib/periodic';
import { notifyEach, notifyOrgs } from '../notifications/notifications.service';
import type { DocumentRow } from './workplans.access';
import { type CellOrgs, documentFigures, type TaskFigures } from './workplans.figures';
import { workplanDocuments } from './workplans.tables';

export interface ScheduleCheckResult {
  documents: number;
  /** Late cells (unit × target) found, whether or not they were told before. */
  late: number;
}

type LateCell = {
  orgId: number;
  orgPath: string;
  taskNumber: string;
  taskTitle: string;
  targetId: number;
  metric: string;
  unit: string;
  goal: number;
  actual: number;
  expectedShare: number;
  status: 'behind' | 'overdue';
};

const percent = (share: number) => `${Math.round(share * 100)}%`;
const figure = (n: number) => Number(n.toFixed(2)).toLocaleString('zh-CN');

function lateCells(figures: TaskFigures[]): LateCell[] {
  const late: LateCell[] = [];
  for (const { task, targets } of figures) {
    for (const t of targets) {
      for (const cell of t.cells) {
        if (cell.status !== 'behind' && cell.status !== 'overdue') continue;
        late.push({
          orgId: cell.orgId,
          orgPath: cell.orgPath,
          taskNumber: task.number,
          taskTitle: task.title,
          targetId: t.target.id,
          metric: t.target.metric,
          unit: t.target.unit,
          goal: cell.goal,
          actual: cell.actual,
          expectedShare: cell.expectedShare,
          status: cell.status,
        });
      }
    }
  }
  return late;
}

/**
 * The cells of every level a document's figures are kept at: the orgs the issuer sent it to, and the
 * children each org split its share among (their goals are their parts, never an even share).
 */
async function everyLevel(db: DbOrTx, doc: DocumentRow, today: string): Promise<TaskFigures[]> {
  const parents = await queryRows<{ parent_org_id: number }>(
    db,
    sql`select distinct parent_org_id::int as parent_org_id from workplan_assignments
        where document_id = ${doc.id} and parent_org_id is not null`,
  );
  const levels: CellOrgs[] = [
    { kind: 'top' },
    ...parents.map((p) => ({ kind: 'children' as const, parentOrgId: p.parent_org_id })),
  ];
  const figures: TaskFigures[] = [];
  for (const level of levels) figures.push(...(await documentFigures(db, doc, today, level)));
  return figures;
}

function tellUnits(db: DbOrTx, doc: DocumentRow, late: LateCell[], now: Date, month: string) {
  return notifyEach(
    db,
    late.map((cell) => ({
      org: { id: cell.orgId, path: cell.orgPath },
      permission: 'workplans.report' as const,
      kind: `workplans.${cell.status}`,
      title: `任务${progressStatuses[cell.status]}：${cell.taskNumber} ${cell.taskTitle}`.slice(0, 200),
      body:
        `《${doc.title}》中“${cell.metric}”本单位应完成 ${figure(cell.goal)} ${cell.unit}，` +
        `目前完成 ${figure(cell.actual)} ${cell.unit}（${percent(cell.goal > 0 ? cell.actual / cell.goal : 1)}）` +
        `${cell.status === 'behind' ? `，按序时进度应完成 ${percent(cell.expectedShare)}` : '，已过完成期限'}，请抓紧推进并及时填报。`,
      link: `/workplans/todo?documentId=${doc.id}`,
      dedupeKey:
        cell.status === 'behind'
          ? `workplans.behind:${cell.targetId}:${cell.orgId}:${month}`
          : `workplans.overdue:${cell.targetId}:${cell.orgId}`,
      at: now,
    })),
  );
}

/** Tells the issuer's staff, once a month, how many units are late on the document. */
async function tellIssuer(db: DbOrTx, doc: DocumentRow, late: LateCell[], now: Date, month: string) {
  const units = new Set(late.map((c) => c.orgId));
  if (units.size === 0) return;
  const overdue = new Set(late.filter((c) => c.status === 'overdue').map((c) => c.orgId));
  await notifyOrgs(db, [{ id: doc.issuerOrgId, path: doc.issuerPath }], {
    permission: 'workplans.manage',
    kind: 'workplans.late_summary',
    title: `《${doc.title}》有 ${units.size} 个单位进度滞后或逾期`.slice(0, 200),
    body: `截至 ${chinaDate(now)}，${units.size} 个单位的 ${late.length} 项指标未按序时进度完成，其中 ${overdue.size} 个单位有逾期指标。`,
    link: `/workplans/${doc.id}`,
    dedupeKey: () => `workplans.late_summary:${doc.id}:${month}`,
    at: now,
  });
}

/** Checks every published document on `now` and sends the notifications due. */
export async function checkSchedules(db: DbOrTx, now: Date): Promise<ScheduleCheckResult> {
  const today = chinaDate(now);
  const month = today.slice(0, 7);
  const docs = await db
    .select()
    .from(workplanDocuments)
    .where(eq(workplanDocuments.status, 'published'))
    .orderBy(asc(workplanDocuments.id));
  let late = 0;
  for (const doc of docs) {
    const cells = lateCells(await everyLevel(db, doc, today));
    late += cells.length;
    await db.transaction(async (tx) => {
      await tellUnits(tx, doc, cells, now, month);
      await tellIssuer(tx, doc, cells, now, month);
    });
  }
  return { documents: docs.length, late };
}

/**
 * Runs the check 15 s after start and then hourly (see `runPeriodically`). Several server instances may
 * run it: the dedupe keys keep each fact told once.
 */
export function startScheduleChecks(db: DbOrTx, log: JobLog): () => void {
  return runPeriodically('work-plan schedule check', () => checkSchedules(db, new Date()), log, {
    firstAfterMs: 15_000,
    intervalMs: 3_600_000,
  });
}
