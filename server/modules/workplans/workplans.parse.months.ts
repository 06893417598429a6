import { parseChineseNumber, toHalfWidth } from './workplans.parse.numbers';

/** When a task runs, as far as the notice says; `warning` (Chinese) when the parser had to guess or give up. */
export interface MonthSpan {
  startMonth: string | null;
  endMonth: string | null;
  warning: string | null;
}

const YEAR = '(\\d{4}|[〇零一二三四五六七八九]{4})年';
const MONTH = '(\\d{1,2}|[一二三四五六七八九十]{1,3})月份?';
const DASH = '\\s*(?:[-—–~～－]+|至|到)\\s*';
const START_WORDS = '(起|开始|启动|以后|后)';
const END_WORDS = '(?:底|末|中旬|上旬|下旬)?(?:前|之前|以前|完成)';

const SINGLE = new RegExp(`^(?:${YEAR})?${MONTH}${START_WORDS}?$`);
const RANGE = new RegExp(`^(?:${YEAR})?${MONTH}${DASH}(?:${YEAR})?${MONTH}(?:止|结束|底|末)?$`);
const RANGE_SHARED_MONTH_WORD = new RegExp(
  `^(?:${YEAR})?(\\d{1,2}|[一二三四五六七八九十]{1,3})${DASH}(\\d{1,2}|[一二三四五六七八九十]{1,3})月份?$`,
);
const DEADLINE = new RegExp(`^(?:${YEAR})?${MONTH}${END_WORDS}$`);
const PART_OF_YEAR = new RegExp(`^(?:${YEAR})?(上半年|下半年|第?[一二三四1-4]季度)$`);
const WHOLE_YEAR = new RegExp(`^(?:${YEAR})?(全年|年内|年底前|年底|长期|常态化|持续开展|全年开展)$`);

const PART_MONTHS: Record<string, [number, number]> = {
  上半年: [1, 6],
  下半年: [7, 12],
  一季度: [1, 3],
  二季度: [4, 6],
  三季度: [7, 9],
  四季度: [10, 12],
};

/** Anything that looks like a time phrase, so a parenthesis like （试点） is left in the title. */
export const TIME_WORDS = /\d{4}年|[\d一二三四五六七八九十]月|季度|全年|年内|年底|上半年|下半年|常态化/;

/**
 * Reads the months of a phrase such as （2018年9月起）, 2018年9月—12月, 9月底前, 下半年 or 全年.
 * A phrase without a year takes `defaultYear` (with a warning); 全年/年内 give no months and a warning.
 */
export function parseMonthPhrase(raw: string, defaultYear: number | null = null): MonthSpan {
  const phrase = toHalfWidth(raw)
    .replace(/^[（(]|[）)]$/g, '')
    .replace(/\s+/g, '');
  const ctx: PhraseContext = { phrase, defaultYear, year: (written) => yearOf(written, defaultYear) };
  for (const [pattern, read] of RULES) {
    const m = pattern.exec(phrase);
    if (m) return read(m, ctx);
  }
  return none(`无法识别时间表述“${phrase}”，起止月份留空`);
}

interface PhraseContext {
  phrase: string;
  defaultYear: number | null;
  year: (written: string | undefined) => number | null;
}
type Rule = [RegExp, (m: RegExpExecArray, ctx: PhraseContext) => MonthSpan];

// Tried in order; the first pattern that matches the whole phrase decides.
const RULES: Rule[] = [
  [WHOLE_YEAR, (_m, { phrase }) => none(`“${phrase}”未写明具体月份，起止月份留空`)],
  [
    SINGLE,
    (m, ctx) => {
      const start = monthOf(ctx.year(m[1]), m[2]);
      // "2018年9月起" opens a task; a bare "2018年9月" is the month it happens in.
      return span(ctx, start, m[3] ? null : start, !m[1]);
    },
  ],
  [
    RANGE,
    (m, ctx) => {
      const startYear = ctx.year(m[1]);
      const endYearValue = m[3] ? ctx.year(m[3]) : endYear(startYear, m[2], m[4]);
      return span(ctx, monthOf(startYear, m[2]), monthOf(endYearValue, m[4]), !m[1]);
    },
  ],
  [
    RANGE_SHARED_MONTH_WORD,
    (m, ctx) => {
      const startYear = ctx.year(m[1]);
      return span(ctx, monthOf(startYear, m[2]), monthOf(endYear(startYear, m[2], m[3]), m[3]), !m[1]);
    },
  ],
  [DEADLINE, (m, ctx) => span(ctx, null, monthOf(ctx.year(m[1]), m[2]), !m[1])],
  [
    PART_OF_YEAR,
    (m, ctx) => {
      const [from, to] = PART_MONTHS[toChineseQuarter(m[2] ?? '')] ?? [1, 12];
      const y = ctx.year(m[1]);
      return span(ctx, monthOf(y, String(from)), monthOf(y, String(to)), !m[1]);
    },
  ],
];

function none(warning: string): MonthSpan {
  return { startMonth: null, endMonth: null, warning };
}

// Invalid means a month outside 1–12 or no year at all; a guessed year still yields months, with a warning.
function span(
  { phrase, defaultYear }: PhraseContext,
  start: string | null | undefined,
  end: string | null | undefined,
  yearGuessed: boolean,
): MonthSpan {
  if (yearGuessed && defaultYear === null) return none(`“${phrase}”未写明年份，起止月份留空`);
  if (start === undefined || end === undefined) return none(`“${phrase}”中的年份或月份无效，起止月份留空`);
  return {
    startMonth: start,
    endMonth: end,
    warning: yearGuessed ? `“${phrase}”未写明年份，按${defaultYear}年计` : null,
  };
}

function yearOf(written: string | undefined, defaultYear: number | null): number | null {
  if (written === undefined) return defaultYear;
  return parseChineseNumber(written);
}

// "2018年9月—3月" can only mean March of the next year.
function endYear(startYear: number | null, startMonth: string | undefined, endMonth: string | undefined) {
  if (startYear === null) return null;
  const from = parseChineseNumber(startMonth ?? '');
  const to = parseChineseNumber(endMonth ?? '');
  return from !== null && to !== null && to < from ? startYear + 1 : startYear;
}

/** `YYYY-MM`, or undefined when the year is unknown or the month impossible. */
function monthOf(year: number | null, month: string | undefined): string | undefined {
  const n = parseChineseNumber(month ?? '');
  if (year === null || n === null || !Number.isInteger(n) || n < 1 || n > 12) return undefined;
  return `${year}-${String(n).padStart(2, '0')}`;
}

function toChineseQuarter(part: string): string {
  return part.replace(/^第/, '').replace(/[1-4]/, (d) => '一二三四'[Number(d) - 1] ?? d);
}
