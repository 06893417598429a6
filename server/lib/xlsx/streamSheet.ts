import { PassThrough } from 'node:stream';
import ExcelJS from './exceljs';

/** A column of an exported sheet; `text` columns (ID, phone, card numbers) are text cells, never numbers. */
export interface SheetColumn {
  header: string;
  key: string;
  width: number;
  text?: boolean;
}

/**
 * Streams one sheet of rows as .xlsx through exceljs's streaming writer: `batches` yields the rows a
 * page at a time (modules read their records in keyset batches), so memory stays flat at any size.
 * The header row is bold and frozen. `done` settles when the workbook is written; an error after the
 * headers went out can only abort the download (the stream is destroyed), and the caller logs it.
 */
export function streamSheet(
  sheetName: string,
  columns: readonly SheetColumn[],
  batches: AsyncIterable<Record<string, unknown>[]>,
): { stream: PassThrough; done: Promise<void> } {
  const stream = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  const sheet = book.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map(({ header, key, width, text }) => ({
    header,
    key,
    width,
    style: text ? { numFmt: '@' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  const write = async () => {
    for await (const rows of batches) for (const row of rows) sheet.addRow(row).commit();
    sheet.commit();
    await book.commit();
  };
  const done = write().catch((err: unknown) => {
    stream.destroy(err instanceof Error ? err : new Error(String(err)));
    throw err;
  });
  return { stream, done };
}
