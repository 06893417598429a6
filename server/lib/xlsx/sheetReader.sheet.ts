/**
 * Turns worksheet XML, arriving in chunks of any size, into rows of cell values. Only complete rows are parsed: an element cut by a chunk boundary is kept and
 * parsed again with the next chunk, so no state machine has to survive the middle of a tag.
 */
import {
  INCOMPLETE,
  Scan,
  TAG_C,
  TAG_F,
  TAG_IS,
  TAG_ROW,
  TAG_SHEET_DATA,
  TAG_SPECIAL,
  TAG_V,
} from './sheetReader.scan';
import {
  cellType,
  cellValue,
  columnOf,
  parseIndex,
  type SheetContext,
  type SheetRow,
  type SheetValue,
  TYPE_NUMBER,
  TYPE_SHARED,
} from './sheetReader.values';

/** A row bigger than this is refused: carrying it from chunk to chunk would not stay in bounded memory. */
const MAX_ROW_BYTES = 32 * 1024 * 1024;
/** Excel's last column is XFD, the 16,384th. */
const MAX_COLUMNS = 16_384;
const BEFORE_DATA = 0;
const IN_DATA = 1;
const DONE = 2;

/** Parses one worksheet's XML pushed chunk by chunk; rows come back from each push. */
export class SheetParser {
  private readonly scan = new Scan();
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** After a push that completed nothing, wait for twice the bytes: a huge row is not re-parsed per chunk. */
  private retryAt = 0;
  private stage = BEFORE_DATA;
  private lastRowNo = 0;
  private rows: SheetRow[] = [];

  constructor(private readonly context: SheetContext) {}

  /** Whether `</sheetData>` has been seen: what follows (merges, validations, print setup) is not read. */
  get done(): boolean {
    return this.stage === DONE;
  }

  /** Adds a chunk; returns the rows it completed. */
  push(chunk: Buffer | string): SheetRow[] {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.stage === DONE || this.pendingBytes < this.retryAt) return [];
    const buf = this.pending.length === 1 ? bytes : Buffer.concat(this.pending, this.pendingBytes);
    const used = this.parse(buf);
    const rest = buf.length - used;
    if (rest > MAX_ROW_BYTES) throw new Error(`worksheet row over ${MAX_ROW_BYTES} bytes`);
    this.pending = rest > 0 ? [buf.subarray(used)] : [];
    this.pendingBytes = rest;
    this.retryAt = used === 0 ? buf.length * 2 : 0;
    return this.takeRows();
  }

  /** Ends the input: whatever is still unparsed must complete the sheet, or the XML was cut short. */
  end(): SheetRow[] {
    this.retryAt = 0;
    const rows = this.stage !== DONE && this.pendingBytes > 0 ? this.push(Buffer.alloc(0)) : this.takeRows();
    if (this.stage !== DONE) throw new Error('worksheet XML ends before </sheetData>');
    return rows;
  }

  private takeRows(): SheetRow[] {
    const rows = this.rows;
    this.rows = [];
    return rows;
  }

  /** Parses as many whole elements as `buf` holds; returns how many bytes were used. */
  private parse(buf: Buffer): number {
    const s = this.scan;
    s.reset(buf);
    let p = 0;
    while (this.stage !== DONE) {
      const lt = s.nextLt(p);
      if (lt === INCOMPLETE) return buf.length; // text between elements (whitespace) is of no use
      const tag = s.tagAt(lt);
      if (tag === INCOMPLETE) return lt;
      let next: number;
      if (tag === TAG_SPECIAL) next = s.skipSpecial(lt);
      else if (tag === TAG_ROW && !s.closing && this.stage === IN_DATA) next = this.parseRow(s.nameEnd);
      else {
        next = s.skipTag(s.nameEnd);
        if (next !== INCOMPLETE && tag === TAG_SHEET_DATA) {
          this.stage = s.closing || s.selfClosing ? DONE : IN_DATA;
        }
      }
      if (next === INCOMPLETE) return lt;
      p = next;
    }
    return p;
  }

  /** Parses a row from after its tag name up to `</row>`; returns the position after it. */
  private parseRow(from: number): number {
    const s = this.scan;
    const buf = s.buf;
    let rowNo = this.lastRowNo + 1;
    let p = from;
    for (;;) {
      p = s.nextAttr(p);
      if (p === INCOMPLETE) return INCOMPLETE;
      if (s.attr === -1) break;
      if (s.attr === 0x72) rowNo = parseIndex(buf, s.valueStart, s.valueEnd); // r
    }
    // A row without its number is the one after the last (the attribute is optional in the schema).
    if (!(rowNo > 0)) rowNo = this.lastRowNo + 1;
    const values: SheetValue[] = [];
    if (!s.selfClosing) {
      let column = -1;
      for (;;) {
        const lt = s.nextLt(p);
        if (lt === INCOMPLETE) return INCOMPLETE;
        const tag = s.tagAt(lt);
        if (tag === INCOMPLETE) return INCOMPLETE;
        if (tag === TAG_C && !s.closing) {
          p = this.parseCell(s.nameEnd, column, values);
          if (p === INCOMPLETE) return INCOMPLETE;
          column = this.cellColumn;
          continue;
        }
        p = tag === TAG_SPECIAL ? s.skipSpecial(lt) : s.skipTag(s.nameEnd);
        if (p === INCOMPLETE) return INCOMPLETE;
        if (tag === TAG_ROW && s.closing) break;
        if (tag === TAG_SHEET_DATA) throw new Error('worksheet row not closed');
      }
    }
    this.lastRowNo = rowNo;
    this.rows.push({ rowNo, values });
    return p;
  }

  /** The column of the cell parseCell last read (the next cell without a reference follows it). */
  private cellColumn = -1;

  /** Parses a cell from after its tag name into `values`; returns the position after it. */
  private parseCell(from: number, previousColumn: number, values: SheetValue[]): number {
    const s = this.scan;
    const buf = s.buf;
    let column = previousColumn + 1;
    let type = TYPE_NUMBER;
    let style = 0;
    let p = from;
    for (;;) {
      p = s.nextAttr(p);
      if (p === INCOMPLETE) return INCOMPLETE;
      if (s.attr === -1) break;
      if (s.attr === 0x72) {
        const referenced = columnOf(buf, s.valueStart, s.valueEnd);
        if (referenced >= 0) column = referenced;
      } else if (s.attr === 0x74) type = cellType(buf, s.valueStart, s.valueEnd);
      else if (s.attr === 0x73) style = parseIndex(buf, s.valueStart, s.valueEnd);
    }
    // Rows are arrays as wide as their last cell: a forged "ZZZZZZ1" must not allocate millions of gaps.
    if (column >= MAX_COLUMNS) throw new Error('cell beyond column XFD');
    this.cellColumn = column;
    // A cell without content (`<c r="B2" s="3"/>`, formatting only) takes no place, as in exceljs.
    if (s.selfClosing) return p;
    let hasValue = false;
    let valueStart = 0;
    let valueEnd = 0;
    let escaped = false;
    let ascii = true;
    let inline: string | null = null;
    let formula = false;
    for (;;) {
      const lt = s.nextLt(p);
      if (lt === INCOMPLETE) return INCOMPLETE;
      const tag = s.tagAt(lt);
      if (tag === INCOMPLETE) return INCOMPLETE;
      p = tag === TAG_SPECIAL ? s.skipSpecial(lt) : s.skipTag(s.nameEnd);
      if (p === INCOMPLETE) return INCOMPLETE;
      if (s.closing) {
        if (tag === TAG_C) break;
        if (tag === TAG_ROW) throw new Error('worksheet cell not closed');
        continue;
      }
      if (tag === TAG_V) {
        hasValue = true;
        if (s.selfClosing) valueStart = valueEnd = p;
        else {
          p = s.textRange(p);
          if (p === INCOMPLETE) return INCOMPLETE;
          valueStart = s.textStart;
          valueEnd = s.textEnd;
          escaped = s.textEscaped;
          ascii = s.textAscii;
        }
      } else if (tag === TAG_F) formula = true;
      else if (tag === TAG_IS) {
        if (s.selfClosing) inline = '';
        else {
          p = s.readRichText(p, TAG_IS);
          if (p === INCOMPLETE) return INCOMPLETE;
          inline = s.text;
        }
      }
    }
    let value: SheetValue;
    if (inline !== null) value = inline;
    else if (hasValue) value = cellValue(buf, valueStart, valueEnd, escaped, ascii, type, style, this.context);
    else if (formula)
      value = null; // never calculated: no cached result, but the cell is there
    else return p;
    // exceljs reads an empty shared string as no value, and a row's width (the header row's decides the
    // error report's columns) should not change with the reader.
    if (value === '' && type === TYPE_SHARED) return p;
    while (values.length < column) values.push(null);
    values[column] = value;
    return p;
  }
}
