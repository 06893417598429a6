import { and, desc, eq, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { ReportView } from '../../../shared/schemas/workplans.reports';
import type { Ctx } from '../../context';
import { queryRows } from '../../db/client';
import { chinaDate } from '../../lib/dates';
import { fileMime, storedFileRow, type UploadedFile } from '../../lib/uploads';
import { AppError } from '../../plugins/errors';
import { inScope, pathInScope, scopeFor } from '../../plugins/scope';
import { audit } from '../audit/audit.service';
import { notifyAccount } from '../notifications/notifications.service';
import { orgs } from '../orgs/orgs.tables';
import { reviewerDepartments, reviewsTask, taskWithDocument, visibleDocument } from './workplans.access';
import { workplanDocuments, workplanFiles, workplanReports, workplanTargets, workplanTasks } from './workplans.tables';

export type EvidenceFile = UploadedFile;

export const maxEvidenceFiles = 9;
export const maxEvidenceBytes = 10 * 1024 * 1024;

export interface ReportInput {
  taskId: number;
  targetId?: number;
  orgId?: number;
  value?: number;
  narrative: string;
  reportDate: string;
}

/** Records a progress report with its evidence, all in one transaction. */
export async function submitReport(ctx: Ctx, input: ReportInput, files: EvidenceFile[]) {
  const { task, doc } = await taskWithDocument(ctx, input.taskId);
  const reportScope = scopeFor(ctx.actor, 'workplans.report');
  const orgId = input.orgId ?? ctx.actor.orgId;
  const [org] = await ctx.db.select().from(orgs).where(eq(orgs.id, orgId));
  if (!org || !pathInScope(org.path, reportScope)) throw new AppError('orgs/not_found');
  // The org reports for an assignment it holds, or towards one held by an org above it.
  const [assignment] = await queryRows<{ id: number }>(
    ctx.db,
    sql`select id from workplan_assignments where task_id = ${task.id} and ${org.path} like org_path || '%' limit 1`,
  );
  if (!assignment || doc.status === 'draft') throw new AppError('workplans/not_assigned');
  if (doc.status === 'closed') throw new AppError('workplans/closed');
  if (input.reportDate > chinaDate(ctx.now)) {
    throw new AppError('workplans/invalid_input', { field: 'reportDate' }, '填报日期不能晚于今天');
  }
  if (input.reportDate < '2000-01-01')
    throw new AppError('workplans/invalid_input', { field: 'reportDate' }, '填报日期无效');
  let target: typeof workplanTargets.$inferSelect | undefined;
  if (input.targetId !== undefined) {
    [target] = await ctx.db
      .select()
      .from(workplanTargets)
      .where(and(eq(workplanTargets.id, input.targetId), eq(workplanTargets.taskId, task.id)));
    if (!target) throw new AppError('workplans/invalid_input', { field: 'targetId' }, '该目标不属于这项任务');
    if (target.metricCode) throw new AppError('workplans/metric_target');
    if (input.value === undefined) {
      throw new AppError(
        'workplans/invalid_input',
        { field: 'value' },
        `请填写“${target.metric}”的完成数（${target.unit}）`,
      );
    }
  } else if (!input.narrative) {
    throw new AppError('workplans/invalid_input', { field: 'narrative' }, '请填写工作情况说明');
  }
  if (files.length > maxEvidenceFiles) {
    throw new AppError('workplans/invalid_file', {}, `佐证材料最多上传 ${maxEvidenceFiles} 个文件`);
  }
  const typed = files.map((f) => {
    const mime = fileMime(f);
    if (!mime) {
      throw new AppError(
        'workplans/invalid_file',
        { fileName: f.fileName },
        `“${f.fileName}”不是支持的佐证材料格式（照片 JPG/PNG/HEIC，或 PDF、Word、Excel 文件）`,
      );
    }
    if (f.content.length === 0)
      throw new AppError('workplans/invalid_file', { fileName: f.fileName }, `“${f.fileName}”是空文件`);
    return { ...f, mime };
  });

  return ctx.db.transaction(async (tx) => {
    const [report] = await tx
      .insert(workplanReports)
      .values({
        documentId: doc.id,
        taskId: task.id,
        targetId: target?.id ?? null,
        orgId: org.id,
        orgPath: org.path,
        value: target ? (input.value ?? null) : null,
        narrative: input.narrative,
        reportDate: input.reportDate,
        status: 'submitted',
        createdBy: ctx.actor.accountId,
        createdByName: ctx.actor.displayName,
        createdAt: ctx.now,
      })
      .returning({ id: workplanReports.id });
    if (!report) throw new Error('insert returned no row');
    if (typed.length) {
      await tx.insert(workplanFiles).values(typed.map((f) => ({ reportId: report.id, ...storedFileRow(f, ctx.now) })));
    }
    await audit(
      { ...ctx, db: tx, scope: reportScope },
      {
        action: 'workplans.report',
        targetType: 'workplan_report',
        targetId: report.id,
        targetName: `${task.number} ${task.title}`.slice(0, 200),
        orgPath: org.path,
        details: { documentId: doc.id, value: input.value ?? null, files: typed.length },
      },
    );
    return report.id;
  });
}

/** SQL: the report row is visible (its org in the caller's read scope, or the caller is the issuer's staff). */
function reportVisible(ctx: Ctx): SQL {
  const read = scopeFor(ctx.actor, 'workplans.read');
  return or(inScope(workplanReports.orgPath, read), inScope(workplanDocuments.issuerPath, read)) as SQL;
}

export async function listReports(
  ctx: Ctx,
  q: {
    cursor?: string;
    limit: number;
    documentId?: number;
    taskId?: number;
    targetId?: number;
    orgId?: number;
    status?: ReportView['status'];
  },
) {
  const cursor = q.cursor ? Number(q.cursor) : null;
  if (q.cursor && !Number.isSafeInteger(cursor)) throw new AppError('common/invalid_input');
  let orgPath: string | null = null;
  if (q.orgId) {
    const [org] = await ctx.db.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, q.orgId));
    if (!org) throw new AppError('orgs/not_found');
    orgPath = org.path;
  }
  const rows = await ctx.db
    .select({ report: workplanReports, task: workplanTasks, target: workplanTargets, orgName: orgs.name })
    .from(workplanReports)
    .innerJoin(workplanDocuments, eq(workplanDocuments.id, workplanReports.documentId))
    .innerJoin(workplanTasks, eq(workplanTasks.id, workplanReports.taskId))
    .leftJoin(workplanTargets, eq(workplanTargets.id, workplanReports.targetId))
    .innerJoin(orgs, eq(orgs.id, workplanReports.orgId))
    .where(
      and(
        reportVisible(ctx),
        q.documentId ? eq(workplanReports.documentId, q.documentId) : undefined,
        q.taskId ? eq(workplanReports.taskId, q.taskId) : undefined,
        q.targetId ? eq(workplanReports.targetId, q.targetId) : undefined,
        orgPath ? sql`${workplanReports.orgPath} like ${`${orgPath}%`}` : undefined,
        q.status ? eq(workplanReports.status, q.status) : undefined,
        cursor ? lt(workplanReports.id, cursor) : undefined,
      ),
    )
    .orderBy(desc(workplanReports.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const files = page.length
    ? await ctx.db
        .select({
          id: workplanFiles.id,
          reportId: workplanFiles.reportId,
          fileName: workplanFiles.fileName,
          mime: workplanFiles.mime,
          size: workplanFiles.size,
        })
        .from(workplanFiles)
        .where(
          inArray(
            workplanFiles.reportId,
            page.map((r) => r.report.id),
          ),
        )
    : [];
  const items: ReportView[] = page.map(({ report, task, target, orgName }) => ({
    id: report.id,
    documentId: report.documentId,
    taskId: task.id,
    taskNumber: task.number,
    taskTitle: task.title,
    targetId: target?.id ?? null,
    metric: target?.metric ?? null,
    unit: target?.unit ?? null,
    orgId: report.orgId,
    orgName,
    value: report.value,
    narrative: report.narrative,
    reportDate: report.reportDate,
    status: report.status,
    reviewComment: report.reviewComment,
    reviewerName: report.reviewerName,
    reviewedAt: report.reviewedAt?.toISOString() ?? null,
    createdByName: report.createdByName,
    createdAt: report.createdAt.toISOString(),
    files: files.filter((f) => f.reportId === report.id).map(({ reportId: _r, ...f }) => f),
  }));
  return { items, nextCursor: rows.length > q.limit ? String(items.at(-1)?.id) : null };
}

/** One report as its list shows it (or 404 when the caller cannot see it): the list's page of one. */
export async function reportView(ctx: Ctx, id: number): Promise<ReportView> {
  const { items } = await listReports(ctx, { limit: 1, cursor: String(id + 1) });
  if (items[0]?.id !== id) throw new AppError('workplans/report_not_found');
  return items[0];
}

/** Accepts a report, or returns it with a comment its author is told about. */
export async function reviewReport(ctx: Ctx, id: number, decision: 'accept' | 'return', comment: string) {
  const report = await reportView(ctx, id);
  const doc = await visibleDocument(ctx, ctx.db, report.documentId);
  const [task] = await ctx.db.select().from(workplanTasks).where(eq(workplanTasks.id, report.taskId));
  const reviewer = await reviewerDepartments(ctx, ctx.db, doc);
  if (!task || !reviewsTask(reviewer, task.leadDepartments)) throw new AppError('workplans/not_reviewer');
  if (decision === 'return' && !comment) {
    throw new AppError('workplans/invalid_input', { field: 'comment' }, '退回时请填写退回意见');
  }
  await ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(workplanReports)
      .set({
        status: decision === 'accept' ? 'accepted' : 'returned',
        reviewComment: comment || null,
        reviewedBy: ctx.actor.accountId,
        reviewerName: ctx.actor.displayName,
        reviewedAt: ctx.now,
      })
      .where(and(eq(workplanReports.id, id), eq(workplanReports.status, 'submitted')))
      .returning({ createdBy: workplanReports.createdBy, orgPath: workplanReports.orgPath });
    if (!updated) throw new AppError('workplans/already_reviewed');
    if (decision === 'return') {
      await notifyAccount(tx, updated.createdBy, {
        kind: 'workplans.returned',
        title: `进度填报被退回：${task.number} ${task.title}`.slice(0, 200),
        body: `退回意见：${comment}`,
        link: `/workplans/todo?documentId=${doc.id}`,
        at: ctx.now,
      });
    }
    await audit(
      { ...ctx, db: tx, scope: scopeFor(ctx.actor, 'workplans.review') },
      {
        action: 'workplans.review',
        targetType: 'workplan_report',
        targetId: id,
        targetName: `${task.number} ${task.title}`.slice(0, 200),
        orgPath: updated.orgPath,
        details: { decision, comment: comment || null },
      },
    );
  });
  return reportView(ctx, id);
}

/** An evidence file the caller may see (through its report). */
export async function evidenceFile(ctx: Ctx, fileId: number) {
  const [row] = await ctx.db
    .select({ file: workplanFiles })
    .from(workplanFiles)
    .innerJoin(workplanReports, eq(workplanReports.id, workplanFiles.reportId))
    .innerJoin(workplanDocuments, eq(workplanDocuments.id, workplanReports.documentId))
    .where(and(eq(workplanFiles.id, fileId), reportVisible(ctx)));
  if (!row) throw new AppError('workplans/file_not_found');
  return row.file;
}
