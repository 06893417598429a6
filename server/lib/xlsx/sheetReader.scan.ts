/**
 * The byte-level scanner under the sheet reader: finds tags, attributes and text in UTF-8 XML held in
 * a Buffer without decoding the whole document to a string. Working on bytes means only the values a
 * caller keeps become strings, each one freshly decoded (a slice of a big decoded chunk would keep the
 * whole chunk alive for as long as the value lives, e.g. in a duplicate-ID map over 200,000 rows).
 *
 * Every scanning function returns INCOMPLETE when it runs into the end of the buffer: the caller keeps
 * the unfinished element and tries again once more bytes have arrived.
 */

import { decodeText } from './sheetReader.values';

export const INCOMPLETE = -1;

export const TAG_OTHER = 0;
export const TAG_ROW = 1;
export const TAG_C = 2;
export const TAG_V = 3;
export const TAG_F = 4;
export const TAG_IS = 5;
export const TAG_T = 6;
export const TAG_RPH = 7;
export const TAG_SI = 8;
export const TAG_SHEET_DATA = 9;
/** `<?…?>`, `<!--…-->`, `<![CDATA[…]]>`, `<!DOCTYPE…>`: skipped with skipSpecial. */
export const TAG_SPECIAL = 10;

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const COLON = 0x3a;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const AMPERSAND = 0x26;
const UNDERSCORE = 0x5f;
const BANG = 0x21;
const QUESTION = 0x3f;

const ROW = Buffer.from('row');
const RPH = Buffer.from('rPh');
const SHEET_DATA = Buffer.from('sheetData');
const CDATA_OPEN = Buffer.from('<![CDATA[');

/** Whether the bytes at `at` spell `word`. */
function bytesAre(buf: Buffer, at: number, word: Buffer): boolean {
  for (let i = 0; i < word.length; i++) if (buf[at + i] !== word[i]) return false;
  return true;
}

/**
 * Scanner state. The results of the last call are left in fields rather than returned in objects, so
 * that the hot loop (a few calls per cell, two million cells in a big roster) allocates nothing.
 */
export class Scan {
  buf: Buffer = Buffer.alloc(0);
  end = 0;
  /** Set by tagAt: a closing tag (`</x>`), and where its name ends. */
  closing = false;
  nameEnd = 0;
  /** Set by skipTag and nextAttr: the element closed itself (`<x/>`). */
  selfClosing = false;
  /** Set by nextAttr: the attribute's one-letter unprefixed name (0 otherwise, -1 at the tag's end). */
  attr = 0;
  valueStart = 0;
  valueEnd = 0;
  /** Set by textRange: where the text runs, and whether it holds `&` or `_` (entity or _xHHHH_ escape). */
  textStart = 0;
  textEnd = 0;
  textEscaped = false;
  /** Set by textRange: only ASCII bytes (IDs, phones, codes), which decode faster as latin1. */
  textAscii = true;
  /** Set by readText and readRichText. */
  text = '';

  reset(buf: Buffer): void {
    this.buf = buf;
    this.end = buf.length;
  }

  /** The position of the next `<` from `p`. */
  nextLt(p: number): number {
    const { buf, end } = this;
    while (p < end && buf[p] !== LT) p++;
    return p < end ? p : INCOMPLETE;
  }

  /** Classifies the tag opening at `lt`; a namespace prefix (`x:row`) is ignored. */
  tagAt(lt: number): number {
    const { buf, end } = this;
    let p = lt + 1;
    if (p >= end) return INCOMPLETE;
    let b = buf[p] as number;
    if (b === BANG || b === QUESTION) {
      this.closing = false;
      this.nameEnd = p;
      return TAG_SPECIAL;
    }
    this.closing = b === SLASH;
    if (this.closing) p++;
    let start = p;
    for (; ; p++) {
      if (p >= end) return INCOMPLETE;
      b = buf[p] as number;
      if (b === GT || b === SLASH || b <= 0x20) break;
      if (b === COLON) start = p + 1;
    }
    this.nameEnd = p;
    const first = buf[start];
    switch (p - start) {
      case 1:
        if (first === 0x63) return TAG_C;
        if (first === 0x76) return TAG_V;
        if (first === 0x74) return TAG_T;
        if (first === 0x66) return TAG_F;
        return TAG_OTHER;
      case 2:
        if (first === 0x69 && buf[start + 1] === 0x73) return TAG_IS;
        if (first === 0x73 && buf[start + 1] === 0x69) return TAG_SI;
        return TAG_OTHER;
      case 3:
        if (bytesAre(buf, start, ROW)) return TAG_ROW;
        if (bytesAre(buf, start, RPH)) return TAG_RPH;
        return TAG_OTHER;
      case 9:
        return bytesAre(buf, start, SHEET_DATA) ? TAG_SHEET_DATA : TAG_OTHER;
      default:
        return TAG_OTHER;
    }
  }

  /** Skips the rest of a tag from `p` (quoted values may hold `>`); returns the position after `>`. */
  skipTag(p: number): number {
    const { buf, end } = this;
    for (; p < end; p++) {
      const b = buf[p];
      if (b === GT) {
        this.selfClosing = buf[p - 1] === SLASH;
        return p + 1;
      }
      if (b === QUOTE || b === APOSTROPHE) {
        p++;
        while (p < end && buf[p] !== b) p++;
      }
    }
    return INCOMPLETE;
  }

  /** Skips a comment, CDATA section, processing instruction or declaration starting at `lt`. */
  skipSpecial(lt: number): number {
    const { buf } = this;
    if (lt + CDATA_OPEN.length > this.end) return INCOMPLETE; // too short to tell which kind it is
    const terminator =
      buf[lt + 1] === QUESTION ? '?>' : buf[lt + 2] === 0x2d ? '-->' : bytesAre(buf, lt, CDATA_OPEN) ? ']]>' : '>';
    const at = buf.indexOf(terminator, lt + 2);
    if (at < 0 || at + terminator.length > this.end) return INCOMPLETE;
    this.selfClosing = true;
    return at + terminator.length;
  }

  /**
   * Reads the next attribute from `p`: leaves its one-letter name in `attr` (0 for longer or prefixed
   * names, which the reader never needs; -1 at the tag's end, with selfClosing set) and its value's range.
   */
  nextAttr(p: number): number {
    const { buf, end } = this;
    while (p < end && (buf[p] as number) <= 0x20) p++;
    if (p >= end) return INCOMPLETE;
    const b = buf[p];
    if (b === GT || b === SLASH) {
      const close = b === SLASH ? p + 1 : p;
      if (close >= end) return INCOMPLETE;
      this.attr = -1;
      this.selfClosing = b === SLASH;
      return close + 1;
    }
    const nameStart = p;
    while (p < end && buf[p] !== EQUALS && (buf[p] as number) > 0x20) p++;
    this.attr = p - nameStart === 1 ? (b as number) : 0;
    while (p < end && buf[p] !== QUOTE && buf[p] !== APOSTROPHE) p++;
    if (p >= end) return INCOMPLETE;
    const quote = buf[p];
    this.valueStart = ++p;
    while (p < end && buf[p] !== quote) p++;
    if (p >= end) return INCOMPLETE;
    this.valueEnd = p;
    return p + 1;
  }

  /** Finds the end of the text starting at `p` (the next `<`), noting whether it needs unescaping. */
  textRange(p: number): number {
    const { buf, end } = this;
    let escaped = false;
    let ascii = true;
    this.textStart = p;
    for (; p < end; p++) {
      const b = buf[p] as number;
      if (b === LT) break;
      if (b >= 0x80) ascii = false;
      else if (b === AMPERSAND || b === UNDERSCORE) escaped = true;
    }
    if (p >= end) return INCOMPLETE;
    this.textEnd = p;
    this.textEscaped = escaped;
    this.textAscii = ascii;
    return p;
  }

  /** Reads element text from `p` into `text` (CDATA sections included); returns the position of the closing `<`. */
  readText(p: number): number {
    let at = this.textRange(p);
    if (at === INCOMPLETE) return INCOMPLETE;
    let text = decodeText(this.buf, this.textStart, this.textEnd, this.textEscaped, this.textAscii);
    // A `<![CDATA[` cut off by the end of the buffer cannot be told from a tag yet.
    while (at + CDATA_OPEN.length > this.end ? this.buf[at + 1] === BANG : bytesAre(this.buf, at, CDATA_OPEN)) {
      if (at + CDATA_OPEN.length > this.end) return INCOMPLETE;
      const close = this.buf.indexOf(']]>', at + CDATA_OPEN.length);
      if (close < 0) return INCOMPLETE;
      text += this.buf.toString('utf8', at + CDATA_OPEN.length, close);
      at = this.textRange(close + 3);
      if (at === INCOMPLETE) return INCOMPLETE;
      text += decodeText(this.buf, this.textStart, this.textEnd, this.textEscaped, this.textAscii);
    }
    this.text = text;
    return at;
  }

  /**
   * Reads the text of a string item (`<si>` or `<is>`) into `text`: plain `<t>`, or the `<t>` of each
   * rich-text run joined; phonetic guides (`<rPh>`, the pinyin or kana over a name) are not part of the
   * value. Returns the position after the container's closing tag.
   */
  readRichText(p: number, container: number): number {
    let text = '';
    let phonetic = false;
    for (;;) {
      const lt = this.nextLt(p);
      if (lt === INCOMPLETE) return INCOMPLETE;
      const tag = this.tagAt(lt);
      if (tag === INCOMPLETE) return INCOMPLETE;
      if (tag === TAG_SPECIAL) {
        p = this.skipSpecial(lt);
        if (p === INCOMPLETE) return INCOMPLETE;
        continue;
      }
      p = this.skipTag(this.nameEnd);
      if (p === INCOMPLETE) return INCOMPLETE;
      if (tag === container && this.closing) {
        this.text = text;
        return p;
      }
      if (tag === TAG_RPH) phonetic = !this.closing && !this.selfClosing;
      else if (tag === TAG_T && !this.closing && !this.selfClosing && !phonetic) {
        p = this.readText(p);
        if (p === INCOMPLETE) return INCOMPLETE;
        text += this.text;
      }
    }
  }
}
