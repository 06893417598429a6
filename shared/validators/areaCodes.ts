import { countyCodes, prefectureCodes, retiredAreaCodes } from './areaCodes.data.ts';

/**
 * How an area code stands against GB/T 2260: a current county, a retired code still valid inside old ID
 * numbers, a code inside a known prefecture (older county codes we do not list), or unknown.
 */
export type AreaCodeStatus = 'current' | 'retired' | 'in_known_prefecture' | 'unknown';

/** Classifies a 6-digit area code. */
export function areaCodeStatus(code: string): AreaCodeStatus {
  if (countyCodes.has(code)) return 'current';
  if (code in retiredAreaCodes) return 'retired';
  // County codes retired elsewhere (not listed) keep their prefecture's first four digits; rejecting
  // them would refuse real people, so a known prefecture is enough. Typos are caught by the check digit.
  if (prefectureCodes.has(code.slice(0, 4)) && code.slice(4) !== '00') return 'in_known_prefecture';
  return 'unknown';
}

/** Whether an area code may appear in a resident ID number. */
export function isKnownAreaCode(code: string): boolean {
  return areaCodeStatus(code) !== 'unknown';
}

/** Every current county code (for generators of test and demo data). */
export const currentCountyCodes: readonly string[] = [...countyCodes];
