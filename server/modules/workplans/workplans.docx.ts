import { crc32, inflateRawSync } from 'node:zlib';
import { type ZipEntry, zipDirectoryOf } from '../../lib/zip';

/** A file that cannot be read as a .docx; the message is Chinese and meant for the user. */
export class DocxError extends Error {
  override name = 'DocxError';
}

// A notice is a few hundred kB of XML at most; the cap keeps a zip bomb from filling memory.
const MAX_XML_BYTES = 20 * 1024 * 1024;
const LOCAL_SIGNATURE = 0x04034b50;
const CFB_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const NOT_DOCX = '文件不是有效的 Word 文档（.docx），请检查后重新上传';
const DAMAGED = '文档已损坏，无法读取，请在 Word 中重新保存后再上传';

/**
 * The text of a .docx, one paragraph per line (empty paragraphs give empty lines). Throws a DocxError
 * with a Chinese message for anything else: a .doc, an encrypted document, another zip, a damaged file.
 */
export function docxText(buffer: Buffer): string {
  // Old .doc files and password-protected .docx files are both OLE compound files.
  if (buffer.subarray(0, 8).equals(CFB_SIGNATURE)) {
    throw new DocxError('这是旧版 Word（.doc）文件或加了密码的文档，请在 Word 中另存为 .docx（不设密码）后再上传');
  }
  const entries = zipDirectoryOf(buffer);
  if (entries === 'zip64') throw new DocxError('文档内容过大，请直接粘贴通知正文');
  const entry = entries?.find((e) => e.name === 'word/document.xml');
  if (!entry) throw new DocxError(NOT_DOCX);
  return paragraphsOf(readEntry(buffer, entry).toString('utf8')).join('\n');
}

function readEntry(zip: Buffer, entry: ZipEntry): Buffer {
  if (entry.flags & 1) throw new DocxError('文档已加密，请取消密码后再上传');
  if (entry.uncompressedSize > MAX_XML_BYTES || entry.compressedSize === 0xffffffff) {
    throw new DocxError('文档内容过大，请直接粘贴通知正文');
  }
  const local = entry.localOffset;
  if (local + 30 > zip.length || zip.readUInt32LE(local) !== LOCAL_SIGNATURE) throw new DocxError(NOT_DOCX);
  const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize) throw new DocxError(NOT_DOCX);
  if (entry.method !== 0 && entry.method !== 8) throw new DocxError(NOT_DOCX);
  const content = entry.method === 0 ? data : inflate(data);
  // A damaged deflate stream can still inflate, to garbage; the checksum tells.
  if (crc32(content) !== entry.crc) throw new DocxError(DAMAGED);
  return content;
}

function inflate(data: Buffer): Buffer {
  try {
    return inflateRawSync(data, { maxOutputLength: MAX_XML_BYTES });
  } catch {
    throw new DocxError(DAMAGED);
  }
}

// Paragraphs, runs' text, tabs and breaks; tab stops (<w:tabs>) and deleted text (<w:delText>) are not text.
const TOKEN = /<(\/?)w:(p|t|tab|tabs|br|cr)(?=[\s>/])[^>]*?(\/?)>/g;

/** The paragraphs of word/document.xml in document order; a paragraph inside a text box ends before its host. */
export function paragraphsOf(xml: string): string[] {
  // Text boxes are stored twice (DrawingML and a VML fallback); keep one copy.
  const source = xml.replace(/<mc:Fallback>[\s\S]*?<\/mc:Fallback>/g, '');
  const paragraphs: string[] = [];
  const open: string[] = [];
  let textFrom = -1;
  let inTabStops = false;
  for (const m of source.matchAll(TOKEN)) {
    const [whole, closing, tag, selfClosing] = m;
    const append = (text: string) => {
      if (open.length > 0) open[open.length - 1] += text;
    };
    if (tag === 'tabs') inTabStops = !closing && !selfClosing;
    else if (tag === 'p' && !closing) {
      if (selfClosing) paragraphs.push('');
      else open.push('');
    } else if (tag === 'p') paragraphs.push(open.pop() ?? '');
    else if (tag === 't' && !closing && !selfClosing) textFrom = m.index + whole.length;
    else if (tag === 't' && closing && textFrom >= 0) {
      append(decodeXml(source.slice(textFrom, m.index)));
      textFrom = -1;
    } else if (tag === 'tab' && !inTabStops) append('\t');
    else if (tag === 'br' || tag === 'cr') append('\n');
  }
  return paragraphs;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (whole, code: string) => {
    if (code.startsWith('#x')) return String.fromCodePoint(Number.parseInt(code.slice(2), 16));
    if (code.startsWith('#')) return String.fromCodePoint(Number(code.slice(1)));
    return ENTITIES[code] ?? whole;
  });
}
