// Numbers as Chinese notices write them: 10, 1,000, 1.5万, 一千, 两千, 二〇一八, 3000余, 220多万.

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 10_000, 亿: 100_000_000 };

/** Characters a Chinese numeral is made of (digits and magnitudes). */
export const CHINESE_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千万亿';

// 约 (about), 余/多 (more than), 以上 (at least) and 左右 (roughly) qualify a number without changing the
// figure the target is; 余/多 may sit before a magnitude (220多万).
const APPROXIMATION = /^约|[余多]|以上$|左右$/g;

/** Turns full-width digits and punctuation into ASCII so one pattern reads both. */
export function toHalfWidth(text: string): string {
  return text.replace(/[０-９．，％]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * Reads a number written in Arabic digits, Chinese numerals or a mix ('5万', '1.5万', '一千', '两千',
 * '二〇一八', '3000余'). Returns null when the text is not a number.
 */
export function parseChineseNumber(raw: string): number | null {
  const text = toHalfWidth(raw.trim())
    .replace(APPROXIMATION, '')
    .replace(/(\d),(?=\d{3}\b)/g, '$1');
  if (text === '') return null;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  if (!new RegExp(`^(\\d+(\\.\\d+)?|[${CHINESE_NUMERAL_CHARS}])+$`).test(text)) return null;
  // 二〇一八 (years, house numbers) is positional: digits only, no magnitude characters.
  if (/^[零〇一二两三四五六七八九]{2,}$/.test(text)) {
    return Number([...text].map((c) => DIGITS[c]).join(''));
  }
  return readWithMagnitudes(text);
}

function readWithMagnitudes(text: string): number | null {
  // 万一 (just in case) and 亿万 (countless) are words; no number opens with a big magnitude.
  if (/^[万亿]/.test(text)) return null;
  const tokens = text.match(/\d+(?:\.\d+)?|./g) ?? [];
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const token of tokens) {
    const small = SMALL_UNITS[token];
    const big = BIG_UNITS[token];
    if (small !== undefined) {
      // A bare 十 means ten (十二 = 12), so a missing digit before a small magnitude counts as one.
      section += (digit ?? 1) * small;
      digit = null;
    } else if (big === 100_000_000) {
      total = (total + section + (digit ?? 0)) * big;
      section = 0;
      digit = null;
    } else if (big !== undefined) {
      total += (section + (digit ?? (section === 0 ? 1 : 0))) * big;
      section = 0;
      digit = null;
    } else if (token === '零' || token === '〇') {
      if (digit !== null) return null;
    } else {
      if (digit !== null) return null;
      digit = /\d/.test(token) ? Number(token) : (DIGITS[token] ?? null);
      if (digit === null) return null;
    }
  }
  return roundFloat(total + section + (digit ?? 0));
}

// 2.2 × 10000 is 22000.000000000004 in binary floating point.
function roundFloat(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
