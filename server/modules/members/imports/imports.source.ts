import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { readFirstSheetBatches, type SheetValue } from '../../../lib/xlsx/sheetReader';
import { readZipDirectory } from '../../../lib/zip';
import { AppError } from '../../../plugins/errors';

/** A cell as the import sees it: what kind of cell the spreadsheet stored matters (IDs as numbers). */
export type ImportCell =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'date'; date: Date };

export interface SourceRow {
  /** The row number the spreadsheet program shows (1-based, header included). */
  rowNo: number;
  cells: ImportCell[];
}

export type FileKind = 'xlsx' | 'csv';

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** Decompressed size allowed for a whole workbook: 200,000 rows of a wide roster fit well inside. */
const MAX_UNCOMPRESSED = 800 * 1024 * 1024;
/** Real sheet XML compresses 5–30×; a bomb compresses hundreds or thousands of times. */
const MAX_RATIO = 200;

const empty: ImportCell = { kind: 'empty' };

/**
 * Decides what an uploaded file really is from its bytes (never from its name alone) and refuses what
 * cannot be read: renamed files, legacy .xls, password-protected workbooks (an encrypted OOXML file is
 * an OLE container holding an "EncryptedPackage" stream), zip bombs (declared sizes checked before
 * anything is inflated).
 */
export async function sniffFile(path: string, fileName: string): Promise<FileKind> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    if (size === 0) throw new AppError('imports/empty_file');
    const head = Buffer.alloc(Math.min(size, 8192));
    await file.read(head, 0, head.length, 0);
    if (head.subarray(0, 4).equals(ZIP_MAGIC)) {
      const entries = await readZipDirectory(file, size);
      if (entries === 'zip64') throw new AppError('imports/zip_bomb');
      if (!entries?.some((e) => e.name === 'xl/workbook.xml')) throw new AppError('imports/not_spreadsheet');
      let total = 0;
      for (const e of entries) {
        total += e.uncompressedSize;
        const ratio = e.uncompressedSize / Math.max(e.compressedSize, 1);
        if (e.uncompressedSize > 1024 * 1024 && ratio > MAX_RATIO) throw new AppError('imports/zip_bomb');
      }
      if (total > MAX_UNCOMPRESSED) throw new AppError('imports/zip_bomb');
      return 'xlsx';
    }
    if (head.subarray(0, 8).equals(CFB_MAGIC)) {
      const whole = Buffer.alloc(Math.min(size, 64 * 1024 * 1024));
      await file.read(whole, 0, whole.length, 0);
      if (whole.includes(Buffer.from('EncryptedPackage', 'utf16le'))) throw new AppError('imports/password_protected');
      throw new AppError('imports/legacy_xls');
    }
    // A CSV is text: no NUL bytes, and it says so by its name (a renamed binary has NULs or odd bytes).
    if (/\.(csv|txt)$/i.test(fileName) && !head.includes(0)) return 'csv';
    throw new AppError('imports/not_spreadsheet');
  } finally {
    await file.close();
  }
}

const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;

/**
 * A text cell, without control characters (other than tab and line breaks): they are invisible, no
 * field may hold them, and the staged rows use three of them as separators (server/db/bulk.ts).
 */
function textCell(raw: string): ImportCell {
  CONTROL.lastIndex = 0;
  const text = CONTROL.test(raw) ? raw.replace(CONTROL, '') : raw;
  return text.trim() === '' ? empty : { kind: 'text', text };
}

/** Converts one cell value of the sheet reader (exceljs' conventions) to an ImportCell. */
function toCell(value: SheetValue): ImportCell {
  if (value === null) return empty;
  if (typeof value === 'string') return textCell(value);
  if (typeof value === 'number') return Number.isFinite(value) ? { kind: 'number', value } : empty;
  if (typeof value === 'boolean') return { kind: 'text', text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? empty : { kind: 'date', date: value };
  return empty; // an error cell (#N/A, #REF! …) holds nothing to import
}

/**
 * Reads the first worksheet of an .xlsx with the project's lean streaming reader (lib/xlsx/sheetReader):
 * memory stays flat, and a 100,000-row roster reads several times faster than through exceljs.
 */
async function* xlsxRows(path: string): AsyncGenerator<SourceRow> {
  // The first worksheet is the roster; later sheets (notes, code lists) are not read.
  for await (const batch of readFirstSheetBatches(path)) {
    for (const { rowNo, values } of batch) {
      const cells: ImportCell[] = new Array(values.length);
      for (let i = 0; i < values.length; i++) cells[i] = toCell(values[i] ?? null);
      yield { rowNo, cells };
    }
  }
}

/** Splits one CSV record (RFC 4180 quoting). */
function splitCsvRecord(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

/** Whether a CSV starts as UTF-8; Excel and WPS in China save CSV as GB18030 (GBK) unless told otherwise. */
async function csvEncoding(path: string): Promise<'utf-8' | 'gb18030'> {
  const file = await open(path, 'r');
  try {
    const head = Buffer.alloc(65_536);
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, bytesRead), { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  } finally {
    await file.close();
  }
}

/** Reads a CSV line by line (UTF-8 with or without BOM, or GB18030), joining quoted multi-line fields. */
async function* csvRows(path: string): AsyncGenerator<SourceRow> {
  const decoder = new TextDecoder(await csvEncoding(path));
  const decoded = Readable.from(
    (async function* () {
      for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
        yield decoder.decode(chunk as Buffer, { stream: true });
      }
      yield decoder.decode();
    })(),
  );
  let rowNo = 0;
  let pending = '';
  for await (const line of createInterface({ input: decoded, crlfDelay: Number.POSITIVE_INFINITY })) {
    pending = pending ? `${pending}\n${line}` : line;
    // An odd number of quotes means a quoted field goes on in the next line.
    if ((pending.match(/"/g)?.length ?? 0) % 2 === 1) continue;
    rowNo++;
    const text = rowNo === 1 ? pending.replace(/^\uFEFF/, '') : pending;
    pending = '';
    yield {
      rowNo,
      cells: splitCsvRecord(text).map(textCell),
    };
  }
  if (pending) yield { rowNo: rowNo + 1, cells: splitCsvRecord(pending).map(textCell) };
}

/** The rows of a sniffed file; a file the reader chokes on becomes `imports/unreadable`. */
export async function* readRows(path: string, kind: FileKind): AsyncGenerator<SourceRow> {
  try {
    yield* kind === 'xlsx' ? xlsxRows(path) : csvRows(path);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('imports/unreadable', undefined, undefined);
  }
}

/** The text of a cell as a person would read it (numbers without exponent where exact). */
export function cellText(cell: ImportCell | undefined): string {
  if (!cell) return '';
  switch (cell.kind) {
    case 'empty':
      return '';
    case 'text':
      return cell.text.trim();
    case 'number':
      return Number.isInteger(cell.value) && Math.abs(cell.value) < 1e21 ? cell.value.toFixed(0) : String(cell.value);
    case 'date':
      return cell.date.toISOString().slice(0, 10);
  }
}
