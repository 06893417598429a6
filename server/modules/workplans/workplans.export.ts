/**
 * A document's progress as files: an .xlsx workbook (tasks, units, units behind schedule) and a printable
 * .docx report (workplans.export.docx.ts). Both are built from the dashboard, so a caller gets exactly
 * the cells the dashboard shows them: the issuer's staff every org, an assigned org its own subtree.
 */
import { asc, eq } from 'drizzle-orm';
import { type DashboardView, type ProgressStatus, progressStatuses } from '../../../shared/schemas/workplans';
import type { Ctx } from '../../context';
import { safeCellText } from '../../lib/xlsx/cells';
import ExcelJS from '../../lib/xlsx/exceljs';
import { audit } from '../audit/audit.service';
import { orgs } from '../orgs/orgs.tables';
import { isIssuerStaff, visibleDocument } from './workplans.access';
import { progressReportDocx } from './workplans.export.docx';
import { documentDashboard } from './workplans.queries';
import { workplanSections, workplanTasks } from './workplans.tables';

export type DashboardTask = DashboardView['tasks'][number];
export type DashboardTarget = DashboardTask['targets'][number];
export type DashboardCell = DashboardTarget['byOrg'][number];

/** What both exports show: the dashboard, its tasks grouped under the document's sections, and whose cells. */
export interface DocumentProgress {
  dashboard: DashboardView;
  sections: { number: string; title: string; tasks: DashboardTask[] }[];
  /** 'all': the issuer's staff (every assigned org); 'subtree': an assigned org's own; 'split': one org's children. */
  coverage: 'all' | 'subtree' | 'split';
  /** The org whose split is shown, when `coverage` is 'split'. */
  splitOrgName: string | null;
}

/** A figure as the exports show it: at most two decimals (an even share of 10 among 3 is 3.33). */
const rounded = (value: number) => Math.round(value * 100) / 100;

const statusLabel = (status: ProgressStatus) => progressStatuses[status];

/** Reads the dashboard (which checks visibility and the drill-down org) and the section of each task. */
async function documentProgress(ctx: Ctx, id: number, query: { orgId?: number }): Promise<DocumentProgress> {
  const dashboard = await documentDashboard(ctx, id, query);
  const doc = await visibleDocument(ctx, ctx.db, id);
  // Sections and the task → section link are the document's own text, the same for every reader.
  const sections = await ctx.db
    .select({ id: workplanSections.id, number: workplanSections.number, title: workplanSections.title })
    .from(workplanSections)
    .where(eq(workplanSections.documentId, id))
    .orderBy(asc(workplanSections.position));
  const links = await ctx.db
    .select({ id: workplanTasks.id, sectionId: workplanTasks.sectionId })
    .from(workplanTasks)
    .where(eq(workplanTasks.documentId, id));
  const sectionOf = new Map(links.map((l) => [l.id, l.sectionId]));
  const grouped = sections.map((s) => ({
    number: s.number,
    title: s.title,
    tasks: dashboard.tasks.filter((t) => sectionOf.get(t.taskId) === s.id),
  }));
  let splitOrgName: string | null = null;
  if (query.orgId) {
    const [org] = await ctx.db.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, query.orgId));
    splitOrgName = org?.name ?? null;
  }
  return {
    dashboard,
    sections: grouped.filter((s) => s.tasks.length > 0),
    coverage: query.orgId ? 'split' : isIssuerStaff(ctx, doc) ? 'all' : 'subtree',
    splitOrgName,
  };
}

/** The download's name: the document number (else its title), the report's name and the date. */
function fileNameOf(progress: DocumentProgress, extension: 'xlsx' | 'docx'): string {
  const { document, asOf } = progress.dashboard;
  // Characters Windows refuses in file names, and control characters, become underscores.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this strips
  const base = (document.docNumber || document.title).replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 80);
  return `${base}-推进情况-${asOf.replaceAll('-', '')}.${extension}`;
}

async function auditExport(ctx: Ctx, progress: DocumentProgress, format: 'xlsx' | 'docx', orgId?: number) {
  const { document, tasks } = progress.dashboard;
  await audit(ctx, {
    action: 'workplans.export',
    targetType: 'workplan_document',
    targetId: document.id,
    targetName: document.title,
    // The exporter's org, as for roster exports: their own admins see what left through them.
    orgPath: ctx.actor.orgPath,
    details: {
      documentId: document.id,
      format,
      ...(orgId ? { orgId } : {}),
      cells: tasks.reduce((n, t) => n + t.targets.reduce((m, g) => m + g.byOrg.length, 0), 0),
    },
  });
}

type ColumnKind = 'text' | 'figure' | 'percent';
interface Column {
  header: string;
  width: number;
  kind: ColumnKind;
}
type CellValue = string | number | null;

const thin = { style: 'thin' as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };

/** One sheet: a merged title row, a bold frozen header row with a filter, then the rows. */
function addSheet(
  book: InstanceType<typeof ExcelJS.Workbook>,
  name: string,
  title: string,
  columns: Column[],
  rows: CellValue[][],
) {
  const sheet = book.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 2 }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '2:2',
    },
  });
  sheet.columns = columns.map((c) => ({ width: c.width }));
  const titleRow = sheet.addRow([safeCellText(title)]);
  sheet.mergeCells(1, 1, 1, columns.length);
  titleRow.height = 26;
  titleRow.getCell(1).font = { bold: true, size: 14 };
  titleRow.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  const header = sheet.addRow(columns.map((c) => c.header));
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.border = border;
  });
  for (const values of rows) {
    // Every text is user-typed (titles, metrics, org names): none may run as a formula.
    const row = sheet.addRow(values.map((v) => (typeof v === 'string' ? safeCellText(v) : v)));
    columns.forEach((column, i) => {
      const cell = row.getCell(i + 1);
      cell.border = border;
      if (column.kind === 'percent') cell.numFmt = '0.0%';
      cell.alignment =
        column.kind === 'text' ? { vertical: 'top', wrapText: true } : { vertical: 'top', horizontal: 'right' };
    });
  }
  sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: columns.length } };
}

const col = (header: string, width: number, kind: ColumnKind = 'text'): Column => ({ header, width, kind });

/** The workbook: 任务进度 (task × target), 单位进度 (target × org), 滞后单位 (behind, by lead department). */
async function progressWorkbook(progress: DocumentProgress): Promise<Buffer> {
  const { dashboard } = progress;
  const book = new ExcelJS.Workbook();
  book.created = new Date(`${dashboard.asOf}T00:00:00+08:00`);
  const scope =
    progress.coverage === 'split'
      ? `（${progress.splitOrgName ?? ''}分解部分）`
      : progress.coverage === 'subtree'
        ? '（本单位及下级单位）'
        : '';
  const title = (what: string) => `《${dashboard.document.title}》${what}${scope}（截至 ${dashboard.asOf}）`;

  const taskRows: CellValue[][] = [];
  const unitRows: CellValue[][] = [];
  const cellIndex = new Map<string, { task: DashboardTask; target: DashboardTarget; cell: DashboardCell }>();
  for (const task of dashboard.tasks) {
    const departments = task.leadDepartments.join('、');
    if (task.targets.length === 0) taskRows.push([task.number, task.title, departments, '（无量化指标）']);
    for (const target of task.targets) {
      taskRows.push([
        task.number,
        task.title,
        departments,
        target.metric,
        target.unit,
        rounded(target.value),
        rounded(target.actual),
        target.actualShare,
        target.expectedShare,
        statusLabel(target.status),
      ]);
      for (const cell of target.byOrg) {
        cellIndex.set(`${target.targetId}:${cell.orgId}`, { task, target, cell });
        unitRows.push([
          task.number,
          task.title,
          target.metric,
          target.unit,
          cell.orgName,
          rounded(cell.goal),
          rounded(cell.actual),
          rounded(cell.pending),
          cell.actualShare,
          cell.expectedShare,
          statusLabel(cell.status),
          cell.reports,
        ]);
      }
    }
  }
  const behindRows: CellValue[][] = [];
  for (const { department, units } of dashboard.behindByDepartment) {
    for (const unit of units) {
      const found = cellIndex.get(`${unit.targetId}:${unit.orgId}`);
      behindRows.push([
        department,
        unit.orgName,
        unit.taskNumber,
        found?.task.title ?? '',
        unit.metric,
        found?.target.unit ?? '',
        found ? rounded(found.cell.goal) : null,
        found ? rounded(found.cell.actual) : null,
        found?.cell.actualShare ?? null,
        found?.cell.expectedShare ?? null,
        statusLabel(unit.status),
      ]);
    }
  }

  addSheet(
    book,
    '任务进度',
    title('任务推进情况'),
    [
      col('序号', 7),
      col('任务', 40),
      col('牵头部门', 20),
      col('指标', 22),
      col('单位', 7),
      col('目标值', 11, 'figure'),
      col('完成值', 11, 'figure'),
      col('完成率', 10, 'percent'),
      col('序时进度', 10, 'percent'),
      col('状态', 10),
    ],
    taskRows,
  );
  addSheet(
    book,
    '单位进度',
    title('各单位推进情况'),
    [
      col('序号', 7),
      col('任务', 32),
      col('指标', 20),
      col('单位', 7),
      col('承担单位', 28),
      col('承担目标', 11, 'figure'),
      col('完成值', 11, 'figure'),
      col('其中待审核', 11, 'figure'),
      col('完成率', 10, 'percent'),
      col('序时进度', 10, 'percent'),
      col('状态', 10),
      col('填报次数', 9, 'figure'),
    ],
    unitRows,
  );
  addSheet(
    book,
    '滞后单位',
    title('滞后单位'),
    [
      col('牵头部门', 20),
      col('承担单位', 28),
      col('序号', 7),
      col('任务', 32),
      col('指标', 20),
      col('单位', 7),
      col('承担目标', 11, 'figure'),
      col('完成值', 11, 'figure'),
      col('完成率', 10, 'percent'),
      col('序时进度', 10, 'percent'),
      col('状态', 10),
    ],
    behindRows,
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The export as a download: its Chinese file name and its bytes. */
export interface ExportFile {
  fileName: string;
  content: Buffer;
}

/**
 * The document's progress as .xlsx or .docx, scoped like the dashboard (404 when the document is not
 * visible, the dashboard's drill-down with `orgId`). Audited before the file is returned; the files
 * are small (one row per target and org), so they are built in memory and errors answer as errors.
 */
export async function exportDocumentProgress(
  ctx: Ctx,
  id: number,
  format: 'xlsx' | 'docx',
  query: { orgId?: number },
): Promise<ExportFile> {
  const progress = await documentProgress(ctx, id, query);
  const content = format === 'xlsx' ? await progressWorkbook(progress) : progressReportDocx(progress, ctx.now);
  await auditExport(ctx, progress, format, query.orgId);
  return { fileName: fileNameOf(progress, format), content };
}
