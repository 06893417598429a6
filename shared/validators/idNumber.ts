import { isKnownAreaCode } from './areaCodes.ts';
import { isCalendarDate, localToday, toHalfWidth } from './text.ts';

/** Why a resident ID number was rejected. */
export type IdNumberProblem = 'format' | 'check_character' | 'birth_date' | 'area_code';

/** Result of {@link parseIdNumber}. */
export type IdNumberResult =
  | { ok: true; value: string; birthDate: string; gender: 'male' | 'female'; areaCode: string }
  | { ok: false; problem: IdNumberProblem; message: string };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

const fail = (problem: IdNumberProblem, message: string): IdNumberResult => ({ ok: false, problem, message });

/** Computes the ISO 7064 MOD 11-2 check character ('0'–'9' or 'X') for the first 17 digits. */
export function idNumberCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('身份证号码本体码应为17位数字');
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(first17[i]), 0);
  return CHECK_CHARS[sum % 11] as string;
}

/** Explains why a 6-digit area code is not acceptable, or returns null when it is. */
function areaCodeError(area: string): string | null {
  if (isKnownAreaCode(area)) return null;
  return `地址码 ${area} 不是已知的行政区划代码（GB/T 2260），请核对身份证号码前六位`;
}

/** Parses and validates an 18-character resident ID number (GB 11643-1999). */
export function parseIdNumber(raw: string, today: string = localToday()): IdNumberResult {
  const value = toHalfWidth(raw).replace(/\s+/g, '').toUpperCase();
  if (value === '') return fail('format', '请输入身份证号码');
  if (!/^\d{17}[\dX]$/.test(value)) {
    return fail('format', `身份证号码应为18位：前17位为数字，最后一位为数字或 X（当前为 ${value.length} 位）`);
  }
  const expected = idNumberCheckCharacter(value.slice(0, 17));
  if (value[17] !== expected) return fail('check_character', `身份证号码校验位错误，应为 ${expected}`);

  const [y, m, d] = [value.slice(6, 10), value.slice(10, 12), value.slice(12, 14)];
  const birthDate = `${y}-${m}-${d}`;
  const todayMatch = DATE_RE.exec(today);
  if (!todayMatch) throw new RangeError(`today 应为 YYYY-MM-DD 格式：${today}`);
  if (!isCalendarDate(Number(y), Number(m), Number(d))) {
    return fail('birth_date', `身份证号码中的出生日期 ${birthDate} 不是有效日期`);
  }
  if (birthDate < '1900-01-01') return fail('birth_date', `身份证号码中的出生日期 ${birthDate} 早于 1900-01-01`);
  if (birthDate > today) return fail('birth_date', `身份证号码中的出生日期 ${birthDate} 晚于今天（${today}）`);

  const areaCode = value.slice(0, 6);
  const areaError = areaCodeError(areaCode);
  if (areaError) return fail('area_code', `身份证号码${areaError}`);

  const gender = Number(value[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, value, birthDate, gender, areaCode };
}

/** Returns whether the input is a valid resident ID number (as of today's date). */
export function isIdNumber(raw: string): boolean {
  return parseIdNumber(raw).ok;
}

/** Builds a valid ID number; the last digit of the 3-digit sequence decides gender (odd = male). */
export function makeIdNumber(areaCode: string, birthDate: string, sequence: number): string {
  if (!/^\d{6}$/.test(areaCode)) throw new RangeError(`地址码应为6位数字：${areaCode}`);
  const areaError = areaCodeError(areaCode);
  if (areaError) throw new RangeError(areaError);
  const m = DATE_RE.exec(birthDate);
  if (!m || !isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])) || birthDate < '1900-01-01') {
    throw new RangeError(`出生日期无效：${birthDate}`);
  }
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) {
    throw new RangeError(`顺序码应为 0–999 的整数：${sequence}`);
  }
  const first17 = `${areaCode}${m[1]}${m[2]}${m[3]}${String(sequence).padStart(3, '0')}`;
  return first17 + idNumberCheckCharacter(first17);
}

/** Masks an ID number, keeping the first 6 and last 4 characters (e.g. 320614********123X). */
export function maskIdNumber(v: string): string {
  const s = toHalfWidth(v).replace(/\s+/g, '').toUpperCase();
  if (s.length <= 10) return '*'.repeat(s.length);
  return `${s.slice(0, 6)}${'*'.repeat(s.length - 10)}${s.slice(-4)}`;
}
