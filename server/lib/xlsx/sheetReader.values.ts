/**
 * Cell values: what a worksheet cell's bytes mean once the scanner has found them — text with its
 * XML and OOXML escapes undone, numbers, Excel serial dates, and the value types this reader returns.
 */

/** An error cell (`#N/A`, `#DIV/0!` …), as exceljs gives it. */
export interface SheetError {
  error: string;
}

/**
 * A cell: text (shared, inline, rich text joined, or a formula's text result), a number, a Date for a
 * date-formatted number, a boolean, an error; null for a gap or a formula without a cached result.
 */
export type SheetValue = string | number | boolean | Date | SheetError | null;

export interface SheetRow {
  /** The row number the spreadsheet program shows (1-based). */
  rowNo: number;
  /** Column A first; missing cells are null, so a value always sits at its column's index. */
  values: SheetValue[];
}

/** What cell values need from the rest of the workbook. */
export interface SheetContext {
  sharedStrings: readonly string[];
  /** Per cell style (cellXfs index): whether a number in that style is a date. */
  dateStyles: readonly boolean[];
  date1904: boolean;
}

export const TYPE_NUMBER = 0;
export const TYPE_SHARED = 1;
export const TYPE_STRING = 2; // t="str" (formula text) and t="inlineStr" with a <v>
export const TYPE_BOOLEAN = 3;
export const TYPE_ERROR = 4;
export const TYPE_ISO_DATE = 5;

/** The cell type named by a `t` attribute's bytes. */
export function cellType(buf: Buffer, start: number, end: number): number {
  const first = buf[start];
  if (end - start === 1) {
    if (first === 0x73) return TYPE_SHARED; // s
    if (first === 0x62) return TYPE_BOOLEAN; // b
    if (first === 0x65) return TYPE_ERROR; // e
    if (first === 0x64) return TYPE_ISO_DATE; // d
    return TYPE_NUMBER; // n
  }
  return first === 0x73 || first === 0x69 ? TYPE_STRING : TYPE_NUMBER; // str, inlineStr
}

const MS_PER_DAY = 86_400_000;
/** Days from 1899-12-30 (Excel's day 0, counting its fictitious 1900-02-29) to 1970-01-01. */
const UNIX_EPOCH_SERIAL = 25_569;
/** The 1904 date system counts from 1904-01-01, 1,462 days later. */
const DAYS_1904 = 1_462;

/** An Excel serial date as exceljs converts it: the wall-clock time, read as UTC. */
export function excelSerialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - UNIX_EPOCH_SERIAL + (date1904 ? DAYS_1904 : 0)) * MS_PER_DAY));
}

/** The value of a cell's `<v>` text, by the cell's type (`t`) and style (`s`). */
export function cellValue(
  buf: Buffer,
  start: number,
  end: number,
  escaped: boolean,
  ascii: boolean,
  type: number,
  style: number,
  context: SheetContext,
): SheetValue {
  switch (type) {
    case TYPE_SHARED:
      return context.sharedStrings[parseIndex(buf, start, end)] ?? null;
    case TYPE_STRING:
      return decodeText(buf, start, end, escaped, ascii);
    case TYPE_BOOLEAN:
      return buf[start] === 0x31 || buf[start] === 0x74; // "1" or "true"
    case TYPE_ERROR:
      return { error: decodeText(buf, start, end, escaped, ascii) };
    case TYPE_ISO_DATE: {
      // ISO 8601 text; a time without a zone is read as UTC, like every other date this reader returns.
      const text = buf.toString('latin1', start, end).trim();
      return new Date(text.includes('T') && !/(?:[zZ]|[+-]\d\d:?\d\d)$/.test(text) ? `${text}Z` : text);
    }
    default: {
      const number = parseNumber(buf, start, end);
      return context.dateStyles[style] ? excelSerialToDate(number, context.date1904) : number;
    }
  }
}

/** Decodes a UTF-8 text range, unescaping it only when the scan saw a `&` or `_`. */
export function decodeText(buf: Buffer, start: number, end: number, escaped: boolean, ascii: boolean): string {
  // ASCII is the same bytes in latin1, which skips UTF-8 validation (about twice as fast per string).
  const raw = buf.toString(ascii ? 'latin1' : 'utf8', start, end);
  return escaped ? unescapeText(raw) : raw;
}

const ENTITY_RE = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** OOXML's escape for characters XML cannot carry (`_x000D_` is a carriage return, `_x005F_` an underscore). */
const OOXML_ESCAPE_RE = /_x([0-9a-fA-F]{4})_/g;

/** Undoes XML entities (the five named ones and numeric references). */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    ENTITY_RE,
    (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
      if (name) return NAMED[name] ?? whole;
      const code = hex ? Number.parseInt(hex, 16) : Number(dec);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    },
  );
}

/** Undoes XML entities, then OOXML `_xHHHH_` escapes (in that order: the XML layer is the outer one). */
export function unescapeText(raw: string): string {
  const text = decodeEntities(raw);
  if (!text.includes('_x')) return text;
  return text.replace(OOXML_ESCAPE_RE, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/**
 * A decimal number from bytes: plain integers of up to 15 digits (every serial date, index, most
 * numbers) without making a string; anything else (fractions, exponents, spaces) through parseFloat,
 * so the result is always what parseFloat gives, as exceljs reads numbers.
 */
export function parseNumber(buf: Buffer, start: number, end: number): number {
  let p = start;
  const negative = buf[p] === 0x2d;
  if (negative) p++;
  if (end - p > 0 && end - p <= 15) {
    let n = 0;
    for (; p < end; p++) {
      const digit = (buf[p] as number) - 0x30;
      if (digit < 0 || digit > 9) break;
      n = n * 10 + digit;
    }
    if (p === end) return negative ? -n : n;
  }
  return Number.parseFloat(buf.toString('latin1', start, end));
}

/** An unsigned integer attribute value (row number, style or shared-string index); NaN if not one. */
export function parseIndex(buf: Buffer, start: number, end: number): number {
  if (start === end) return Number.NaN;
  let n = 0;
  for (let p = start; p < end; p++) {
    const digit = (buf[p] as number) - 0x30;
    if (digit < 0 || digit > 9) return Number.NaN;
    n = n * 10 + digit;
  }
  return n;
}

/** The zero-based column of a cell reference such as "AB12" (its letters); -1 without letters. */
export function columnOf(buf: Buffer, start: number, end: number): number {
  let col = 0;
  for (let p = start; p < end; p++) {
    const b = buf[p] as number;
    if (b >= 0x41 && b <= 0x5a) col = col * 26 + (b - 0x40);
    else if (b >= 0x61 && b <= 0x7a) col = col * 26 + (b - 0x60);
    else if (b !== 0x24) break; // `$` of an absolute reference
  }
  return col - 1;
}
