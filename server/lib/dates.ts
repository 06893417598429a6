/** Calendar dates as 'YYYY-MM-DD' strings in China Standard Time: no time-zone shifts, no Date parsing. */

/** Today's date in China (UTC+8, no daylight saving). */
export function chinaDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Whole years from `birth` to `on` (both YYYY-MM-DD). */
export function ageOn(birth: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  return on.slice(5) < birth.slice(5) ? years - 1 : years;
}

/** The date `years` years before `on` (Feb 29 becomes Feb 28 in a common year). */
export function yearsBefore(on: string, years: number): string {
  const year = String(Number(on.slice(0, 4)) - years).padStart(4, '0');
  const monthDay = on.slice(5);
  const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return monthDay === '02-29' && !leap(Number(year)) ? `${year}-02-28` : `${year}-${monthDay}`;
}
