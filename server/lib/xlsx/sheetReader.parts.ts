/**
 * The parts of an .xlsx package the sheet reader needs before the sheet itself: which part is the first
 * worksheet (xl/workbook.xml and its relationships), the date system, which cell styles format numbers
 * as dates (xl/styles.xml), and the shared-string table. All are read whole. The first three are a few
 * kB, so regular expressions over their text are plenty fast; the string table can run to megabytes and
 * goes through the byte scanner.
 */
import type { FileHandle } from 'node:fs/promises';
import { promisify } from 'node:util';
import { inflateRaw } from 'node:zlib';
import type { ZipEntry } from '../zip';
import { INCOMPLETE, Scan, TAG_SI, TAG_SPECIAL } from './sheetReader.scan';
import { decodeEntities } from './sheetReader.values';

const inflateRawAsync = promisify(inflateRaw);
const LOCAL_SIGNATURE = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

/** Where an entry's data starts: after its local header, whose name and extra field lengths vary. */
export async function entryDataOffset(file: FileHandle, entry: ZipEntry): Promise<number> {
  if (entry.flags & 1) throw new Error(`zip entry ${entry.name} is encrypted`);
  if (entry.method !== STORED && entry.method !== DEFLATED) throw new Error(`zip method ${entry.method}`);
  const header = Buffer.alloc(30);
  const { bytesRead } = await file.read(header, 0, 30, entry.localOffset);
  if (bytesRead < 30 || header.readUInt32LE(0) !== LOCAL_SIGNATURE) throw new Error(`bad local header: ${entry.name}`);
  return entry.localOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
}

/**
 * Reads and inflates a whole entry. The inflater stops at the size the central directory declared (which
 * the upload check has already weighed), so an entry that lies about its size cannot balloon.
 */
export async function readEntry(file: FileHandle, entry: ZipEntry, maxBytes: number): Promise<Buffer> {
  if (entry.uncompressedSize > maxBytes) throw new Error(`${entry.name} is over ${maxBytes} bytes`);
  const start = await entryDataOffset(file, entry);
  const packed = Buffer.alloc(entry.compressedSize);
  const { bytesRead } = await file.read(packed, 0, packed.length, start);
  if (bytesRead < packed.length) throw new Error(`${entry.name} is cut short`);
  if (entry.method === STORED) return packed;
  return inflateRawAsync(packed, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
}

const ATTRIBUTE_RE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The attributes of one tag's text, entities decoded. */
function attributesOf(tag: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const m of tag.matchAll(ATTRIBUTE_RE)) attributes.set(m[1] as string, decodeEntities(m[2] ?? m[3] ?? ''));
  return attributes;
}

/** Every `<name …>` tag (with any namespace prefix) in `xml`, as attribute maps, in document order. */
function tagsNamed(xml: string, name: string): Map<string, string>[] {
  const re = new RegExp(`<(?:[\\w.-]+:)?${name}(?=[\\s/>])([^>]*)>`, 'g');
  return [...xml.matchAll(re)].map((m) => attributesOf(m[1] ?? ''));
}

export interface WorkbookInfo {
  /** Dates count from 1904-01-01 (old Mac Excel) rather than 1900-01-00. */
  date1904: boolean;
  /** Relationship ids of the sheets, in tab order. */
  sheetRelIds: string[];
}

/** Reads xl/workbook.xml: the sheets in tab order and the date system. */
export function parseWorkbook(xml: string): WorkbookInfo {
  const flag = tagsNamed(xml, 'workbookPr')[0]?.get('date1904');
  const sheetRelIds = tagsNamed(xml, 'sheet').flatMap((a) => {
    // The relationship id's attribute is r:id by convention, but the prefix is whatever the file declares.
    const id = [...a].find(([key]) => key.endsWith(':id'))?.[1];
    return id ? [id] : [];
  });
  return { date1904: flag === '1' || flag === 'true', sheetRelIds };
}

export interface Relationship {
  type: string;
  /** The target resolved to a zip entry name. */
  path: string;
}

/** Reads a .rels part; targets are resolved against `baseDir` (the folder of the part they belong to). */
export function parseRelationships(xml: string, baseDir: string): Map<string, Relationship> {
  const relationships = new Map<string, Relationship>();
  for (const a of tagsNamed(xml, 'Relationship')) {
    const id = a.get('Id');
    const target = a.get('Target');
    if (!id || !target || a.get('TargetMode') === 'External') continue;
    relationships.set(id, { type: a.get('Type') ?? '', path: resolvePartPath(baseDir, target) });
  }
  return relationships;
}

/** A relationship target as a zip entry name: "/xl/x.xml" is from the root, "../x.xml" climbs. */
export function resolvePartPath(baseDir: string, target: string): string {
  const parts = target.startsWith('/') ? [] : baseDir.split('/').filter(Boolean);
  for (const segment of target.split('/')) {
    if (segment === '..') parts.pop();
    else if (segment && segment !== '.') parts.push(segment);
  }
  return parts.join('/');
}

/**
 * Built-in number formats that show dates or times: 14–22 everywhere, 45–47 (minutes and seconds), and
 * 27–36 and 50–58, which Chinese (and other East Asian) Excel fills with 年/月/日 and 时/分 formats.
 */
function isBuiltInDateFormat(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/**
 * Whether a custom format code shows a date or time: it has a y, m, d, h or s that is a format token,
 * i.e. not inside "quoted text", not escaped (\x), not the character after _ (space of its width) or *
 * (fill), and not in a [bracket] other than the elapsed-time ones ([h], [mm], [ss]). "General" names
 * the general format, whose letters are not tokens.
 */
export function isDateFormatCode(code: string): boolean {
  const text = code.replace(/general/gi, '');
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '"') {
      const close = text.indexOf('"', i + 1);
      i = close < 0 ? text.length : close;
    } else if (ch === '\\' || ch === '_' || ch === '*') i++;
    else if (ch === '[') {
      const close = text.indexOf(']', i + 1);
      const inside = text.slice(i + 1, close < 0 ? text.length : close);
      if (/^(?:h+|m+|s+)$/i.test(inside)) return true;
      i = close < 0 ? text.length : close;
    } else if ('ymdhsYMDHS'.includes(ch)) return true;
  }
  return false;
}

/** Reads xl/styles.xml: for each cell style (cellXfs index), whether it formats numbers as dates. */
export function parseDateStyles(xml: string): boolean[] {
  const customFormats = new Map<number, string>();
  for (const a of tagsNamed(xml, 'numFmt')) customFormats.set(Number(a.get('numFmtId')), a.get('formatCode') ?? '');
  // Only the cellXfs list is indexed by a cell's s attribute (cellStyleXfs holds the named styles).
  const section = /<(?:[\w.-]+:)?cellXfs[\s>][\s\S]*?<\/(?:[\w.-]+:)?cellXfs>/.exec(xml)?.[0] ?? '';
  return tagsNamed(section, 'xf').map((a) => {
    const id = Number(a.get('numFmtId') ?? 0);
    const custom = customFormats.get(id);
    return custom !== undefined ? isDateFormatCode(custom) : isBuiltInDateFormat(id);
  });
}

/** Reads a whole shared-string table (xl/sharedStrings.xml): one string per `<si>`, in order. */
export function parseSharedStrings(buf: Buffer): string[] {
  const s = new Scan();
  s.reset(buf);
  const strings: string[] = [];
  let p = 0;
  for (;;) {
    const lt = s.nextLt(p);
    if (lt === INCOMPLETE) return strings;
    const tag = s.tagAt(lt);
    p = tag === INCOMPLETE ? INCOMPLETE : tag === TAG_SPECIAL ? s.skipSpecial(lt) : s.skipTag(s.nameEnd);
    if (p !== INCOMPLETE && tag === TAG_SI && !s.closing) {
      if (s.selfClosing) strings.push('');
      else {
        p = s.readRichText(p, TAG_SI);
        strings.push(s.text);
      }
    }
    if (p === INCOMPLETE) throw new Error('shared strings XML ends early');
  }
}
