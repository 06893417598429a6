import { maskIdNumber } from '../../../../shared/validators/idNumber';
import { maskMobile } from '../../../../shared/validators/mobile';
import { ColumnBatch } from '../../../db/bulk';
import { blindIndex, encryptFields, type SealingKeys } from '../../../lib/pii';
import { personNamePinyin } from '../../../lib/pinyin';
import { memberRecordColumns } from '../members.tables';
import type { HeaderMap } from './imports.columns';
import { checkRow } from './imports.rows';
import { cellText, type SourceRow } from './imports.source';
import { type CellError, memberImportRows } from './imports.tables';

/**
 * The part of an import's preview that needs no database, row by row: the checks, the pinyin, the
 * blind indexes and the encryption. It is most of the preview's work, so it runs on a worker thread
 * (imports.prepare.thread.ts) while the main thread reads the file and asks the database; it is a
 * plain function of its job, and the tests call it directly as well.
 */

/**
 * A row after the checks that need no database: its errors (cells sealed for the report), or the
 * member as the staging table will hold it, personal numbers sealed, as the JSON text of its columns
 * (the main thread adds the import, the row and the union, and sends it on as it is).
 */
export type PreparedRow =
  | { rowNo: number; ok: false; errors: CellError[]; rawEnc: string }
  | { rowNo: number; ok: true; unionName: string | null; idNumberIndex: string; json: string };

/** The staged columns a row's own cells decide (the union is the main thread's to decide). */
const memberColumns = memberRecordColumns.filter((c) => c !== 'orgId' && c !== 'orgPath');
const memberJson = new ColumnBatch(memberImportRows, memberColumns);

export interface PrepareJob {
  rows: SourceRow[];
  headers: HeaderMap;
  /** The China date the checks measure ages and join dates against. */
  today: string;
  keys: SealingKeys;
}

/** Names repeat across a roster (and across files): their pinyin is kept, up to a bound, per thread. */
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

/** A row's cells as the error report shows them, sealed (they may hold ID and mobile numbers). */
export function sealRawRows(keys: SealingKeys, rows: readonly SourceRow[]): string[] {
  return encryptFields(
    keys,
    rows.map((row) => JSON.stringify(row.cells.map((c) => cellText(c)))),
  );
}

/** Checks and seals a batch of rows (one SM4 call per block position for the whole batch). */
export function prepareRows({ rows, headers, today, keys }: PrepareJob): PreparedRow[] {
  const checked = rows.map((row) => ({ row, result: checkRow(row.cells, headers, today) }));
  const members = checked.flatMap(({ result }) => (result.ok ? [result.member] : []));
  const failed = checked.flatMap(({ row, result }) => (result.ok ? [] : [row]));
  const ids = members.map((m) => m.idNumber);
  const sealed = encryptFields(keys, [...ids, ...members.flatMap((m) => (m.mobile ? [m.mobile] : []))]);
  const raw = sealRawRows(keys, failed);
  let nextId = 0;
  let nextMobile = ids.length;
  let nextRaw = 0;
  return checked.map(({ row, result }): PreparedRow => {
    if (!result.ok) return { rowNo: row.rowNo, ok: false, errors: result.errors, rawEnc: raw[nextRaw++] as string };
    const { profile, idNumber, mobile, unionName } = result.member;
    const pinyin = namePinyin(profile.name);
    const idNumberIndex = blindIndex(keys, 'id_number', idNumber);
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
    return { rowNo: row.rowNo, ok: true, unionName, idNumberIndex, json: memberJson.json(profile, sealedNumbers) };
  });
}
