/**
 * Money as the platform keeps it: integer fen everywhere, yuan only on screen and in forms. Conversions
 * work on the digits of the text (never `yuan * 100` in floating point: 0.29 * 100 is 28.999999999999996),
 * so what a cadre types is exactly what is stored. No dependencies: the portal bundles it too.
 */

const fenPerYuan = 100;
const fenPerWan = 1_000_000;

/** Digits with thousands separators (no locale data needed, identical in every browser and in Node). */
function groupDigits(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Splits integer fen into its sign and whole-yuan / fen parts; non-integers are refused loudly. */
function parts(fen: number): { sign: string; yuan: number; cents: number } {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`amount in fen must be a safe integer, got ${fen}`);
  const abs = Math.abs(fen);
  return { sign: fen < 0 ? '-' : '', yuan: Math.floor(abs / fenPerYuan), cents: abs % fenPerYuan };
}

/**
 * Integer fen as yuan text with two decimals: 123456 → "1,234.56" (grouping on by default; pass
 * `{ grouping: false }` for a form field's value: "1234.56").
 */
export function fenToYuanText(fen: number, { grouping = true }: { grouping?: boolean } = {}): string {
  const { sign, yuan, cents } = parts(fen);
  const whole = grouping ? groupDigits(String(yuan)) : String(yuan);
  return `${sign}${whole}.${String(cents).padStart(2, '0')}`;
}

/**
 * Yuan text as typed (e.g. "1,234.5", "¥800", "0.29", " 12 元") to integer fen by reading its digits;
 * null when it is not a non-negative amount with at most two decimals or it is too large to be exact.
 * Bounds (positive, a maximum) are the caller's rule, not this parser's.
 */
export function yuanToFen(text: string): number | null {
  const cleaned = text
    .trim()
    .replace(/^[¥￥]\s*/, '')
    .replace(/\s*元$/, '')
    .replace(/[,，\s]/g, '');
  const match = /^(\d+)(?:\.(\d{0,2}))?$/.exec(cleaned) ?? /^()\.(\d{1,2})$/.exec(cleaned);
  if (!match) return null;
  const whole = match[1] || '0';
  const cents = (match[2] ?? '').padEnd(2, '0');
  const fen = Number(whole) * fenPerYuan + Number(cents);
  // Number(whole) is exact below 2^53; beyond that the digits could not be kept.
  return Number.isSafeInteger(fen) && Number.isSafeInteger(Number(whole)) ? fen : null;
}

/** Integer fen as 万元 with two decimals, rounded half up on 0.01 万元 (100 yuan): 220350000 → "220.35". */
export function wanYuan(fen: number): string {
  const { sign } = parts(fen);
  const hundredths = Math.floor((Math.abs(fen) + fenPerWan / 200) / (fenPerWan / 100));
  const text = `${groupDigits(String(Math.floor(hundredths / 100)))}.${String(hundredths % 100).padStart(2, '0')}`;
  return hundredths === 0 ? text : `${sign}${text}`;
}

/** Integer fen as yuan with the unit: "1,234.56 元". */
export function yuanText(fen: number): string {
  return `${fenToYuanText(fen)} 元`;
}

/**
 * A total as people read it: 万元 from 10 万元 up ("220.35 万元"), else yuan to the fen ("8,500.00 元").
 * Use `yuanText` where every fen must show (a payment, a fund balance in a form).
 */
export function moneyText(fen: number): string {
  return Math.abs(fen) >= 10 * fenPerWan ? `${wanYuan(fen)} 万元` : yuanText(fen);
}

/** Sums amounts in fen, refusing a total that could no longer be exact. */
export function sumFen(amounts: readonly number[]): number {
  let total = 0;
  for (const fen of amounts) total += fen;
  if (!Number.isSafeInteger(total)) throw new RangeError('total in fen is beyond exact integers');
  return total;
}
