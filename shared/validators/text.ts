const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/;

/** Converts full-width ASCII forms (U+FF01–U+FF5E, e.g. ０–９, Ｘ, ＋, －) and the ideographic space to ASCII. */
export function toHalfWidth(raw: string): string {
  // Most cells have none: a test is cheaper than a replace that finds nothing.
  if (!FULL_WIDTH.test(raw)) return raw;
  return raw.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

/** Returns whether year/month/day form a real Gregorian calendar date. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/** Today's local date as YYYY-MM-DD. */
export function localToday(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
