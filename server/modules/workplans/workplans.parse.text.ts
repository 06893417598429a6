// Text helpers shared by the notice parser: line kinds, paragraph repair, bracket-aware splitting.

const OPENERS = '（(“‘《〈【「『〔[';
const CLOSERS = '）)”’》〉】」』〕]';

/** Chinese numerals used for 一、 section and （一） group numbers. */
const CN_ORDINAL = '[一二三四五六七八九十]+';

export const SECTION_LINE = new RegExp(`^(${CN_ORDINAL})[、.．]\\s*(.+)$`);
export const GROUP_LINE = new RegExp(`^[（(](${CN_ORDINAL})[）)]\\s*(.+)$`);
// "1.5万名职工…" at the start of a line is a number, not task 1: the digit after the dot rules it out.
export const TASK_LINE = /^(\d{1,3})\s*[.．、](?!\d)\s*(.+)$/;
export const DATE_LINE =
  /^(\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日$/;
export const ATTACHMENT_LINE = /^附(?:件|表|录|有关|[:：\s])/;

// "“五小”：小发明、…" — a term and its definition, one per line in a glossary.
const GLOSSARY_LINE = /^“[^”]{1,20}”[^，。：:]{0,10}[：:]/;

/** Labels of the department lines: who leads a task and who cooperates. */
export const LEAD_LABELS = ['牵头部门', '牵头单位', '责任部门', '责任单位', '主办部门', '主办单位'];
const COOPERATING_LABELS = ['协同单位', '协同部门', '配合单位', '配合部门', '协办单位', '协办部门', '参与单位'];
export const DEPARTMENT_LABEL = new RegExp(`(${[...LEAD_LABELS, ...COOPERATING_LABELS].join('|')})\\s*[:：]`, 'g');
/** A line that is a department block ("牵头部门：…"); without the global flag, so `test` keeps no state. */
export const DEPARTMENT_LINE = new RegExp(`^(?:${DEPARTMENT_LABEL.source})`);

/** Lines that start a new structural element, which a broken paragraph never continues into. */
function startsStructure(line: string): boolean {
  return (
    SECTION_LINE.test(line) ||
    GROUP_LINE.test(line) ||
    TASK_LINE.test(line) ||
    DATE_LINE.test(line) ||
    ATTACHMENT_LINE.test(line) ||
    line.startsWith('——') ||
    GLOSSARY_LINE.test(line) ||
    DEPARTMENT_LINE.test(line)
  );
}

const SENTENCE_END = /[。！？；：!?;:]$/;

/**
 * A paragraph cut by a page break ("…充分发挥工" / "会“大学校”作用…"): the line does not end a sentence
 * and reads as prose (it holds a full stop, or is longer than any heading), and the next line starts
 * nothing new. Headings never hold a full stop and are short, so they are never glued to their text.
 */
function isCutParagraph(line: string, next: string): boolean {
  if (SENTENCE_END.test(line) || startsStructure(next)) return false;
  return line.includes('。') || [...line].length >= 40;
}

/**
 * Splits pasted text into trimmed, non-empty lines: strips Markdown heading marks left by converters and
 * joins paragraphs a page break cut in two.
 */
export function normalizeLines(text: string): string[] {
  const raw = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/^#{1,6}\s+/, '').trim())
    .filter((line) => line !== '');
  const lines: string[] = [];
  for (const line of raw) {
    const previous = lines.at(-1);
    if (previous !== undefined && isCutParagraph(previous, line)) lines[lines.length - 1] = previous + line;
    else lines.push(line);
  }
  return lines;
}

/** Removes spaces a converter put between Chinese characters and digits ("印发 2024年", "” 主题"). */
export function tidy(text: string): string {
  const cjk = '[\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef“”‘’]';
  return text
    .trim()
    .replace(new RegExp(`(${cjk})\\s+(?=[\\w${cjk.slice(1, -1)}])`, 'g'), '$1')
    .replace(new RegExp(`(\\w)\\s+(?=${cjk})`, 'g'), '$1');
}

// Code-unit indices: the callers index strings with regex match indices, which are code units too.
function topLevelMask(text: string): boolean[] {
  const mask: boolean[] = [];
  let depth = 0;
  for (const c of text) {
    if (OPENERS.includes(c)) depth++;
    for (let k = 0; k < c.length; k++) mask.push(depth === 0);
    if (CLOSERS.includes(c) && depth > 0) depth--;
  }
  return mask;
}

/** Splits at the separator characters that stand outside brackets and quotes ("各县（市、区）工会" stays whole). */
export function splitTopLevel(text: string, separators: string): string[] {
  const mask = topLevelMask(text);
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (mask[i] && separators.includes(text[i] as string)) {
      parts.push(text.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(text.slice(from));
  return parts;
}

/** The first sentence (up to a top-level 。 or ：) and the rest, both trimmed. */
export function firstSentence(text: string): [string, string] {
  const mask = topLevelMask(text);
  for (let i = 0; i < text.length; i++) {
    if (mask[i] && '。：:'.includes(text[i] as string)) return [text.slice(0, i).trim(), text.slice(i + 1).trim()];
  }
  return [text.trim(), ''];
}

/**
 * Whether position `index` lies inside Chinese quotation marks (a slogan or a named activity) or title
 * marks (《…十条措施》 names a document).
 */
export function insideQuotes(text: string, index: number): boolean {
  const before = text.slice(0, index);
  const count = (mark: RegExp) => before.match(mark)?.length ?? 0;
  return count(/“/g) > count(/”/g) || count(/《/g) > count(/》/g);
}

/**
 * Splits "A和B" / "A及B" / "A与B" only where both sides end like a complete word of the kind `ending`
 * describes: "权益保障部和法律工作部" is two names, "劳动和经济工作部" is one.
 */
export function splitConjunction(text: string, ending: RegExp): string[] {
  const trimmed = text.trim();
  for (let i = 1; i < trimmed.length - 1; i++) {
    if (!'和及与'.includes(trimmed[i] as string)) continue;
    const left = trimmed.slice(0, i);
    const right = trimmed.slice(i + 1);
    if (ending.test(left) && ending.test(right.replace(/等$/, ''))) return [left, ...splitConjunction(right, ending)];
  }
  return [trimmed];
}
