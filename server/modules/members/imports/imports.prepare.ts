import { maskIdNumber } from '../../../../shared/validators/idNumber';
import { maskMobile } from '../../../../shared/validators/mobile';
import { ColumnBatch, joinFields } from '../../../db/bulk';
import { blindIndex, blindIndexBytes, blindIndexUuid, encryptFields, type KeyRing } from '../../../lib/pii';
import { personNamePinyin } from '../../../lib/pinyin';
import { AppError } from '../../../plugins/errors';
import { memberProfileColumns, memberSealedColumns } from '../members.tables';
import { type HeaderMap, importColumns, isTemplateExample, matchHeaderRow } from './imports.columns';
import { checkRow } from './imports.rows';
import { cellText, type FileKind, readRows, type SourceRow } from './imports.source';
import { type CellError, memberImportRows } from './imports.tables';

/**
 * The part of an import's preview that needs no database, batch by batch: reading the file, the
 * checks, the pinyin, the blind indexes and the encryption. It is most of the preview's work; the
 * service asks the database about one batch while the next is prepared here.
 */

/**
 * A row after the checks that need no database: its errors (cells sealed for the report), or the
 * member as the staging table will hold it, personal numbers sealed, as the field texts of its columns
 * (the service adds the import, the row and the union, and sends it on as it is).
 */
export type PreparedRow =
  | { rowNo: number; ok: false; errors: CellError[]; rawEnc: string }
  | {
      rowNo: number;
      ok: true;
      unionName: string | null;
      idNumberIndex: string;
      /** The blind index's 16 bytes as a 16-character string: the key the file's duplicates are found by. */
      idKey: string;
      /** The staged texts of preparedColumns (ColumnBatch.fields): the service adds its own before them. */
      fields: string;
      /** The row as read, its cells sealed by the service only if the database refuses the row. */
      source: SourceRow;
    };

/** The staged columns a row's own cells decide (the union is the service's to decide), in two parts. */
const profileFields = new ColumnBatch(memberImportRows, memberProfileColumns);
const sealedFields = new ColumnBatch(memberImportRows, memberSealedColumns);
/** The staged columns of a prepared row's fields, in their order. */
export const preparedColumns = [...memberProfileColumns, ...memberSealedColumns] as const;

interface PrepareJob {
  rows: SourceRow[];
  headers: HeaderMap;
  /** The China date the checks measure ages and join dates against. */
  today: string;
  keys: KeyRing;
}

/** Names repeat across a roster (and across files): their pinyin is kept, up to a bound. */
const pinyinCache = new Map<string, { full: string; initials: string }>();
const pinyinCacheSize = 50_000;

function namePinyin(name: string) {
  let found = pinyinCache.get(name);
  if (!found) {
    found = personNamePinyin(name);
    if (pinyinCache.size < pinyinCacheSize) pinyinCache.set(name, found);
  }
  return found;
}

/** A row's cells as the error report shows them: texts, as JSON. */
export const rawCells = (row: SourceRow) => JSON.stringify(row.cells.map((c) => cellText(c)));

/** Checks and seals a batch of rows (one SM4 call per block position for the whole batch). */
function prepareRows({ rows, headers, today, keys }: PrepareJob): PreparedRow[] {
  const checked = rows.map((row) => ({ row, result: checkRow(row.cells, headers, today) }));
  const members = checked.flatMap(({ result }) => (result.ok ? [result.member] : []));
  const failed = checked.flatMap(({ row, result }) => (result.ok ? [] : [row]));
  const ids = members.map((m) => m.idNumber);
  const sealed = encryptFields(keys, [...ids, ...members.flatMap((m) => (m.mobile ? [m.mobile] : []))]);
  const raw = encryptFields(keys, failed.map(rawCells));
  let nextId = 0;
  let nextMobile = ids.length;
  let nextRaw = 0;
  return checked.map(({ row, result }): PreparedRow => {
    if (!result.ok) return { rowNo: row.rowNo, ok: false, errors: result.errors, rawEnc: raw[nextRaw++] as string };
    const { profile, idNumber, mobile, unionName } = result.member;
    const pinyin = namePinyin(profile.name);
    const idBytes = blindIndexBytes(keys, 'id_number', idNumber);
    const idNumberIndex = blindIndexUuid(idBytes);
    const sealedNumbers = {
      namePinyin: pinyin.full,
      nameInitials: pinyin.initials,
      idNumberEnc: sealed[nextId++] as string,
      idNumberIndex,
      idNumberMasked: maskIdNumber(idNumber),
      mobileEnc: mobile ? (sealed[nextMobile++] as string) : null,
      mobileIndex: mobile ? blindIndex(keys, 'mobile', mobile) : null,
      mobileMasked: mobile ? maskMobile(mobile) : null,
    };
    return {
      rowNo: row.rowNo,
      ok: true,
      unionName,
      idNumberIndex,
      idKey: idBytes.toString('latin1'),
      fields: joinFields(profileFields.fields(profile), sealedFields.fields(sealedNumbers)),
      source: row,
    };
  });
}

/** Whether a row is the template's example, left in by the cadre who filled the template. */
function isExampleRow(row: SourceRow, headers: HeaderMap): boolean {
  const at = (field: 'name' | 'idNumber') => cellText(row.cells[headers.get(field)?.index ?? -1]);
  return isTemplateExample(at('name'), at('idNumber'));
}

/** Reads up to the header row (title rows above it are allowed) and hands back the rows after it. */
async function findHeader(rows: AsyncIterator<SourceRow>): Promise<{ headers: HeaderMap; texts: string[] }> {
  for (let i = 0; i < headerSearchRows; i++) {
    const next = await rows.next();
    if (next.done) break;
    const texts = next.value.cells.map((c) => cellText(c));
    const headers = matchHeaderRow(texts);
    if (headers) {
      const missing = importColumns.filter((c) => c.required && !headers.has(c.field)).map((c) => `“${c.header}”`);
      if (missing.length)
        throw new AppError('imports/missing_column', { missing }, `表格缺少必需的列：${missing.join('、')}`);
      return { headers, texts };
    }
  }
  throw new AppError('imports/no_header');
}

/** A file to read and prepare. */
export interface ReadJob {
  path: string;
  kind: FileKind;
  today: string;
  keys: KeyRing;
  maxRows: number;
}

/** What reading a file gives, in this order: the header row, batches of prepared rows, the end. */
export type ReadEvent =
  | { type: 'header'; headers: HeaderMap; texts: string[] }
  | { type: 'rows'; rows: PreparedRow[] }
  | { type: 'end' };

/** Rows per batch: the unit of checking, looking up and staging. */
const batchSize = 2000;
const headerSearchRows = 10;

/** Reads a roster file and prepares its rows batch by batch; a file it cannot take throws an AppError. */
export async function* readPrepared({ path, kind, today, keys, maxRows }: ReadJob): AsyncGenerator<ReadEvent> {
  const rows = readRows(path, kind)[Symbol.asyncIterator]();
  try {
    const { headers, texts } = await findHeader(rows);
    yield { type: 'header', headers, texts };
    let batch: SourceRow[] = [];
    let total = 0;
    for (let next = await rows.next(); !next.done; next = await rows.next()) {
      const row = next.value;
      if (row.cells.every((c) => c.kind === 'empty') || isExampleRow(row, headers)) continue;
      if (++total > maxRows) {
        throw new AppError(
          'imports/too_many_rows',
          { maxRows },
          `文件超过 ${maxRows.toLocaleString('en-US')} 行数据，请拆分成多个文件分批导入`,
        );
      }
      batch.push(row);
      if (batch.length === batchSize) {
        yield { type: 'rows', rows: prepareRows({ rows: batch, headers, today, keys }) };
        batch = [];
      }
    }
    if (batch.length > 0) yield { type: 'rows', rows: prepareRows({ rows: batch, headers, today, keys }) };
    yield { type: 'end' };
  } finally {
    // A file refused or left before its last row closes its reader (and the file) now.
    await rows.return?.(undefined).catch(() => undefined);
  }
}
