import type { DocumentType, DraftAttachment } from '../../../shared/schemas/workplans.draft';
import { parseChineseNumber } from './workplans.parse.numbers';
import { ATTACHMENT_LINE, DATE_LINE, SECTION_LINE, splitTopLevel, TASK_LINE, tidy } from './workplans.parse.text';

/** What the lines above the body say: 文号, title, masthead and 主送. */
export interface Header {
  docNumber: string | null;
  title: string | null;
  masthead: string | null;
  recipients: string[];
  /** Index of the first line after the header. */
  bodyStart: number;
}

/** What the lines below the body say: the signing union and the date. */
export interface Footer {
  signature: string | null;
  issuedDate: string | null;
  /** Index of the first line after the body (the signature, or the end). */
  bodyEnd: number;
}

const DOC_NUMBER = /[\u4e00-\u9fff]{1,12}\s*[〔[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*\d+\s*号/;
// A title ends in the kind of document it is, or at least reads "关于…".
const TITLE = /关于|(通知|意见|要点|方案|决定|通报|办法|规定|计划|安排|报告)$/;
const ORG_NAME = /^[\u4e00-\u9fff（）()]{2,30}(总工会|工会|委员会|工会联合会|办公室)$/;

/** Reads the header: the recipients line is the first line ending in a colon above the first section. */
export function readHeader(lines: string[]): Header {
  const firstSection = lines.findIndex((line) => SECTION_LINE.test(line));
  const headEnd = firstSection < 0 ? lines.length : firstSection;
  const recipientsAt = lines.slice(0, headEnd).findIndex(isRecipientsLine);
  const titleAt = lines.slice(0, recipientsAt < 0 ? headEnd : recipientsAt).findIndex(isTitleLine);
  const headerLines = lines.slice(0, recipientsAt >= 0 ? recipientsAt : titleAt + 1);
  const docNumber = headerLines.map((line) => DOC_NUMBER.exec(line)?.[0]).find(Boolean);
  const title = titleAt >= 0 ? tidy(lines[titleAt] as string) : null;
  return {
    docNumber: docNumber ? tidy(docNumber) : null,
    title,
    masthead: mastheadOf(headerLines, title),
    recipients: recipientsAt >= 0 ? splitRecipients(lines[recipientsAt] as string) : [],
    bodyStart: recipientsAt >= 0 ? recipientsAt + 1 : titleAt + 1,
  };
}

// A title is one short line without a full stop; a paragraph that merely mentions 《关于…》 is not one.
function isTitleLine(line: string): boolean {
  return TITLE.test(line) && !/[。，,]/.test(line) && [...line].length <= 80;
}

function isRecipientsLine(line: string): boolean {
  return /[:：]$/.test(line) && !line.includes('。') && [...line].length <= 150 && !TITLE.test(line);
}

// The recipients are separated by commas; 、 inside one of them abbreviates ("各县（市）区、产业、集团公司工会").
function splitRecipients(line: string): string[] {
  const names = line.replace(/^主送[:：]?/, '').replace(/[:：]$/, '');
  return splitTopLevel(names, '，,；;')
    .map(tidy)
    .filter((name) => name !== '');
}

// The union's name printed above the title ("南通市总工会" or "南通市总工会文件"), else the name the title
// starts with ("南通市总工会关于…").
function mastheadOf(headerLines: string[], title: string | null): string | null {
  const printed = headerLines.map((line) => tidy(line).replace(/文件$/, '')).find((line) => ORG_NAME.test(line));
  if (printed) return printed;
  const prefix = title?.split('关于')[0] ?? '';
  return ORG_NAME.test(prefix) ? prefix : null;
}

/** Reads the signature and date after the body: the first date line, with the union's name above it. */
export function readFooter(lines: string[], bodyStart: number): Footer {
  const dateAt = lines.findIndex((line, i) => i >= bodyStart && DATE_LINE.test(line));
  if (dateAt < 0) return { signature: null, issuedDate: null, bodyEnd: lines.length };
  const above = lines[dateAt - 1] ?? '';
  const signed = dateAt - 1 >= bodyStart && ORG_NAME.test(tidy(above));
  return {
    signature: signed ? tidy(above) : null,
    issuedDate: isoDateOf(lines[dateAt] as string),
    bodyEnd: signed ? dateAt - 1 : dateAt,
  };
}

function isoDateOf(line: string): string | null {
  const m = DATE_LINE.exec(line);
  const [year, month, day] = [m?.[1], m?.[2], m?.[3]].map((part) => parseChineseNumber(part ?? ''));
  if (!year || !month || !day) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return null;
  return date.toISOString().slice(0, 10);
}

/** Index of the first 附件/附 line of the body, or `bodyEnd` when there is none. */
export function attachmentsStart(lines: string[], bodyStart: number, bodyEnd: number): number {
  const at = lines.findIndex((line, i) => i >= bodyStart && i < bodyEnd && ATTACHMENT_LINE.test(line));
  return at < 0 ? bodyEnd : at;
}

/**
 * Reads the 附件 lines: "附件1：报名表", a list under "附件：" ("1. 报名表", "2. 统计表"), or an appendix such as
 * "附有关名词解释：" followed by its text.
 */
export function readAttachments(lines: string[]): DraftAttachment[] {
  const attachments: DraftAttachment[] = [];
  let listing = false;
  for (const line of lines) {
    const heading = /^附(?:件|表|录)?\s*\d*\s*[:：]?\s*(.*)$/.exec(line);
    const listed = listing ? TASK_LINE.exec(line) : null;
    if (heading && ATTACHMENT_LINE.test(line)) {
      const title = (heading[1] ?? '').replace(/^\d+\s*[.．、]\s*/, '').replace(/[:：]$/, '');
      listing = title === '' || TASK_LINE.test(heading[1] ?? '');
      if (title !== '') attachments.push({ title: tidy(title), text: '' });
    } else if (listed) {
      attachments.push({ title: tidy(listed[2] ?? ''), text: '' });
    } else {
      const last = attachments.at(-1);
      if (last) last.text = last.text === '' ? line : `${last.text}\n${line}`;
      listing = false;
    }
  }
  return attachments;
}

/** The kind of document, from the words of its title (a notice that 印发 a 工作要点 is a work plan). */
export function documentTypeOf(title: string | null): DocumentType {
  if (!title) return 'other';
  if (title.includes('工作要点')) return 'work_plan';
  if (title.includes('实施意见')) return 'implementation_opinion';
  if (/活动|竞赛/.test(title) && title.endsWith('通知')) return 'campaign';
  return 'other';
}
