/**
 * A lean streaming reader for the first worksheet of an .xlsx file, written for the roster import.
 * exceljs' WorkbookReader builds a SAX event object per tag and a Row/Cell model with styles per cell;
 * reading a 100,000-row roster cost seconds and a lot of garbage. This reader locates the parts through
 * the zip's central directory, reads the small ones whole, inflates the sheet as a stream and scans its
 * bytes for just what a cell value needs. Cell values follow exceljs' conventions (see SheetValue), so
 * code written against exceljs' values reads the same files the same way.
 *
 * The upload check weighs the sizes the zip's central directory declares (zip bombs); this reader
 * holds every entry to its declared size, so that check cannot be outwitted by a directory that lies.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { readZipDirectory, type ZipEntry } from '../zip';
import {
  entryDataOffset,
  parseDateStyles,
  parseRelationships,
  parseSharedStrings,
  parseWorkbook,
  readEntry,
} from './sheetReader.parts';
import { SheetParser } from './sheetReader.sheet';
import type { SheetContext, SheetRow } from './sheetReader.values';

export type { SheetError, SheetRow, SheetValue } from './sheetReader.values';

/** The workbook, relationship and style parts: small in any real file. */
const MAX_META_BYTES = 16 * 1024 * 1024;
/** Shared strings are read whole: a 200,000-row roster of unique names, IDs and phones fits many times over. */
const MAX_SHARED_STRINGS_BYTES = 256 * 1024 * 1024;
const WORKBOOK = 'xl/workbook.xml';

export interface SheetReaderOptions {
  /** Bytes per read and per inflated chunk (tests make it tiny, to cut tags across chunk boundaries). */
  chunkSize?: number;
}

interface SheetSource {
  sheet: ZipEntry;
  dataOffset: number;
  context: SheetContext;
}

/** Finds an entry by name; zip names are case-sensitive, but some writers disagree with their own rels. */
function entryNamed(entries: Map<string, ZipEntry>, name: string): ZipEntry | undefined {
  const exact = entries.get(name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  for (const [key, entry] of entries) if (key.toLowerCase() === lower) return entry;
  return undefined;
}

/** Reads everything but the sheet's rows: which part is the first worksheet, strings, date styles. */
async function openSheet(path: string): Promise<SheetSource> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const directory = await readZipDirectory(file, size);
    if (!Array.isArray(directory)) throw new Error('not a readable zip');
    const entries = new Map(directory.map((e) => [e.name, e]));
    const text = async (entry: ZipEntry | undefined) =>
      entry ? (await readEntry(file, entry, MAX_META_BYTES)).toString('utf8') : '';

    const workbook = parseWorkbook(await text(entryNamed(entries, WORKBOOK)));
    const rels = parseRelationships(await text(entryNamed(entries, 'xl/_rels/workbook.xml.rels')), 'xl');
    // Types end the same in transitional and strict OOXML (whose namespace is purl.oclc.org/ooxml/…).
    const byType = (type: string) => [...rels.values()].find((r) => r.type.endsWith(`/${type}`))?.path;
    // The first tab that is a worksheet (a chart sheet has no cells). Files without relationships, as
    // some minimal writers make, fall back to the first worksheet part in the zip.
    const sheetPath =
      workbook.sheetRelIds.map((id) => rels.get(id)).find((r) => r?.type.endsWith('/worksheet'))?.path ??
      (rels.size === 0 && workbook.sheetRelIds.length > 0
        ? directory.find((e) => /^xl\/worksheets\/[^/]+\.xml$/i.test(e.name))?.name
        : undefined);
    const sheet = sheetPath ? entryNamed(entries, sheetPath) : undefined;
    if (!sheet) throw new Error('workbook names no worksheet');

    const stylesEntry = entryNamed(entries, byType('styles') ?? 'xl/styles.xml');
    const stringsEntry = entryNamed(entries, byType('sharedStrings') ?? 'xl/sharedStrings.xml');
    const context: SheetContext = {
      date1904: workbook.date1904,
      dateStyles: parseDateStyles(await text(stylesEntry)),
      sharedStrings: stringsEntry
        ? parseSharedStrings(await readEntry(file, stringsEntry, MAX_SHARED_STRINGS_BYTES))
        : [],
    };
    return { sheet, dataOffset: await entryDataOffset(file, sheet), context };
  } finally {
    await file.close();
  }
}

/**
 * The rows of the first worksheet (in tab order) of the .xlsx at `path`, as they appear in the file, a
 * batch per inflated chunk (thousands of rows): a consumer that loops over rows itself saves an async
 * step per row. Rows the file leaves out are skipped (row numbers say where each row is); an empty row
 * has no values. Throws on anything that is not a readable workbook.
 */
export async function* readFirstSheetBatches(
  path: string,
  options: SheetReaderOptions = {},
): AsyncGenerator<SheetRow[]> {
  const { sheet, dataOffset, context } = await openSheet(path);
  const chunkSize = options.chunkSize ?? 256 * 1024;
  const parser = new SheetParser(context);
  if (sheet.compressedSize === 0) {
    yield parser.end();
    return;
  }
  const raw = createReadStream(path, {
    start: dataOffset,
    end: dataOffset + sheet.compressedSize - 1,
    highWaterMark: chunkSize,
  });
  const source =
    sheet.method === 0
      ? raw
      : pipeline(raw, createInflateRaw({ chunkSize: Math.max(64, chunkSize) }), () => {
          // Errors surface through the iteration below; pipeline only has to tear both streams down.
        });
  let inflated = 0;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      inflated += chunk.length;
      // The sizes the upload check weighed are the central directory's: hold the entry to them.
      if (inflated > sheet.uncompressedSize) throw new Error('worksheet inflates past its declared size');
      const rows = parser.push(chunk);
      if (rows.length > 0) yield rows;
      if (parser.done) return;
    }
    yield parser.end();
  } finally {
    // Leaving early (the consumer stopped, or </sheetData> came) must not leave a file open.
    raw.destroy();
    source.destroy();
  }
}

/** The rows of the first worksheet one by one (see readFirstSheetBatches). */
export async function* readFirstSheet(path: string, options: SheetReaderOptions = {}): AsyncGenerator<SheetRow> {
  for await (const rows of readFirstSheetBatches(path, options)) yield* rows;
}
