import { PassThrough } from 'node:stream';
import { and, asc, eq, gt } from 'drizzle-orm';
import type { DataValidation, Fill } from 'exceljs';
import type { Ctx } from '../../../context';
import { decryptField } from '../../../lib/pii';
import { safeCellText } from '../../../lib/xlsx/cells';
import ExcelJS from '../../../lib/xlsx/exceljs';
import { importColumns } from './imports.columns';
import { memberImportRows, type memberImports } from './imports.tables';

/** Rows of the template that carry drop-down lists and text formats. */
const templateRows = 5000;
const headerFill: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F2' } };

function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/**
 * The import template: the columns in order (required ones marked red), one example row, drop-down
 * lists for the enumerated columns (kept on a hidden sheet, since a list typed into a rule is limited
 * to 255 characters), the ID, phone and credit-code columns formatted as text, and a sheet of notes.
 */
export async function importTemplate(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '智慧工会平台';
  const sheet = book.addWorksheet('会员名册', { views: [{ state: 'frozen', ySplit: 1 }] });
  const lists = book.addWorksheet('选项', { state: 'veryHidden' });
  sheet.columns = importColumns.map((c) => ({
    header: c.header,
    key: c.field,
    width: c.width,
    style: c.text ? { numFmt: '@' } : {},
  }));
  const header = sheet.getRow(1);
  header.height = 22;
  importColumns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.font = { bold: true, color: { argb: c.required ? 'FFC00000' : 'FF1F1F1F' } };
    cell.fill = headerFill;
    cell.alignment = { vertical: 'middle', horizontal: 'center' };
    if (c.hint || c.required) cell.note = [c.required ? '必填' : '', c.hint ?? ''].filter(Boolean).join('；');
  });
  sheet.addRow(Object.fromEntries(importColumns.map((c) => [c.field, c.example])));

  let listColumn = 0;
  importColumns.forEach((c, i) => {
    const letter = columnLetter(i);
    if (c.choices) {
      const listLetter = columnLetter(listColumn++);
      c.choices.forEach((choice, row) => {
        lists.getCell(`${listLetter}${row + 1}`).value = choice;
      });
      // exceljs has sheet-wide range validations at runtime, but its typings only describe per-cell ones.
      (sheet as unknown as { dataValidations: { add(range: string, rule: DataValidation): void } }).dataValidations.add(
        `${letter}2:${letter}${templateRows + 1}`,
        {
          type: 'list',
          allowBlank: true,
          formulae: [`选项!$${listLetter}$1:$${listLetter}$${c.choices.length}`],
          showErrorMessage: true,
          errorStyle: 'warning',
          errorTitle: c.header,
          error: `请从下拉列表中选择${c.header}`,
        },
      );
    }
    if (c.text) {
      // Cells formatted as text before anything is typed keep all 18 digits of an ID number.
      for (let row = 2; row <= templateRows + 1; row++) sheet.getCell(`${letter}${row}`).numFmt = '@';
    }
  });

  const notes = book.addWorksheet('填写说明');
  notes.getColumn(1).width = 100;
  const lines = [
    '会员名册导入说明',
    '1. 请在“会员名册”工作表中填写，第一行是表头，不要修改列名；列的顺序可以调整，不需要的非必填列可以删除。',
    '2. 红色列名为必填：姓名、身份证号。第二行是示例，导入前请删除或改成真实信息。',
    '3. 身份证号、手机号码、统一社会信用代码三列已设置为“文本”格式。从其他表格粘贴时请使用“选择性粘贴 → 数值”，' +
      '否则 18 位身份证号会变成 3.20614E+17 这样的科学计数法，末几位会丢失，无法导入。',
    '4. 日期可以写成 2019-03-01、2019/3/1、2019.03.01 或 2019年3月1日。入会日期不填时按导入当天计。',
    '5. 性别、出生日期可以不填，系统按身份证号推算；填写了则必须与身份证号一致。',
    '6. “所属工会”不填时，会员导入到上传时选择的工会；填写时须与系统中的工会全称一致。',
    '7. 一个文件最多 200,000 行。上传后先显示校验结果，可下载带“错误原因”列的错误报告，改正后重新上传；确认无误再提交。',
  ];
  lines.forEach((line, i) => {
    const cell = notes.getCell(`A${i + 1}`);
    cell.value = line;
    cell.alignment = { wrapText: true, vertical: 'top' };
    if (i === 0) cell.font = { bold: true, size: 14 };
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

/**
 * The error report: the file's own header row plus 错误原因, then each rejected row with its cells as
 * uploaded (written as text, neutralised against formulas) and every reason — ready to fix and upload
 * again. Streamed in keyset batches, so a report of 200,000 rows does not sit in memory.
 */
export function errorReport(ctx: Ctx, record: typeof memberImports.$inferSelect) {
  const stream = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  const sheet = book.addWorksheet('错误行', { views: [{ state: 'frozen', ySplit: 1 }] });
  const width = record.headers.length;
  sheet.columns = [
    ...record.headers.map((h) => ({
      header: h,
      width: Math.max(10, Math.min(30, h.length * 2 + 6)),
      style: { numFmt: '@' },
    })),
    { header: '错误原因', width: 60, style: { alignment: { wrapText: true } } },
  ];
  const head = sheet.getRow(1);
  head.font = { bold: true };
  head.getCell(width + 1).font = { bold: true, color: { argb: 'FFC00000' } };

  const write = async () => {
    let lastRow = 0;
    for (;;) {
      const batch = await ctx.db
        .select({ rowNo: memberImportRows.rowNo, rawEnc: memberImportRows.rawEnc, errors: memberImportRows.errors })
        .from(memberImportRows)
        .where(
          and(
            eq(memberImportRows.importId, record.id),
            eq(memberImportRows.valid, false),
            gt(memberImportRows.rowNo, lastRow),
          ),
        )
        .orderBy(asc(memberImportRows.rowNo))
        .limit(2000);
      for (const row of batch) {
        const cells = row.rawEnc ? (JSON.parse(decryptField(ctx.pii, row.rawEnc)) as string[]) : [];
        const values = Array.from({ length: width }, (_, i) => safeCellText(cells[i] ?? ''));
        const reasons = (row.errors ?? []).map((e) => `${e.column}：${e.reason}`).join('；\n');
        sheet.addRow([...values, `第 ${row.rowNo} 行 — ${reasons}`]).commit();
      }
      const last = batch.at(-1);
      if (!last) break;
      lastRow = last.rowNo;
    }
    sheet.commit();
    await book.commit();
  };
  const done = write().catch((err: unknown) => {
    stream.destroy(err instanceof Error ? err : new Error(String(err)));
    throw err;
  });
  return { stream, done };
}
