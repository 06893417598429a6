import { toHalfWidth } from './text.ts';

/** Why a unified social credit code was rejected. */
export type CreditCodeProblem = 'format' | 'check_character';

/** Result of {@link parseCreditCode}. */
export type CreditCodeResult = { ok: true; value: string } | { ok: false; problem: CreditCodeProblem; message: string };

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

const fail = (problem: CreditCodeProblem, message: string): CreditCodeResult => ({
  ok: false,
  problem,
  message,
});

/** Computes the GB 32100-2015 check character for the first 17 characters. */
export function creditCodeCheckCharacter(first17: string): string {
  if (first17.length !== 17) throw new RangeError('统一社会信用代码本体应为17位');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17[i] as string);
    if (v < 0) throw new RangeError(`统一社会信用代码含有无效字符：${first17[i]}`);
    sum += v * (WEIGHTS[i] as number);
  }
  return ALPHABET[(31 - (sum % 31)) % 31] as string;
}

/** GB 11714 organisation code check character for 8 digits. */
function organisationCheckCharacter(first8: string): string {
  const sum = ORG_WEIGHTS.reduce((acc, w, i) => acc + w * Number(first8[i]), 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** Parses and validates an 18-character unified social credit code (GB 32100-2015). */
export function parseCreditCode(raw: string): CreditCodeResult {
  const value = toHalfWidth(raw).replace(/\s+/g, '').toUpperCase();
  if (value === '') return fail('format', '请输入统一社会信用代码');
  if (value.length !== 18) return fail('format', `统一社会信用代码应为18位（当前为 ${value.length} 位）`);
  const bad = [...value].find((ch) => !ALPHABET.includes(ch));
  if (bad !== undefined) {
    return fail('format', `统一社会信用代码含有无效字符“${bad}”（只能使用数字和除 I、O、Z、S、V 以外的大写字母）`);
  }
  if (!/^\d{6}$/.test(value.slice(2, 8))) {
    return fail('format', '统一社会信用代码第3至8位应为6位数字的行政区划码');
  }
  const expected = creditCodeCheckCharacter(value.slice(0, 17));
  if (value[17] !== expected) return fail('check_character', `统一社会信用代码校验位错误，应为 ${expected}`);
  return { ok: true, value };
}

/** Returns whether the input is a valid unified social credit code. */
export function isCreditCode(raw: string): boolean {
  return parseCreditCode(raw).ok;
}

/** Builds a valid credit code whose organisation code (positions 9–17) is derived from the sequence. */
export function makeCreditCode(prefix2: string, areaCode: string, sequence: number): string {
  if (!/^.{2}$/.test(prefix2) || ![...prefix2].every((ch) => ALPHABET.includes(ch))) {
    throw new RangeError(`登记管理部门码和机构类别码无效：${prefix2}`);
  }
  if (!/^\d{6}$/.test(areaCode)) throw new RangeError(`行政区划码应为6位数字：${areaCode}`);
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 99_999_999) {
    throw new RangeError(`顺序号应为 0–99999999 的整数：${sequence}`);
  }
  const org8 = String(sequence).padStart(8, '0');
  const first17 = `${prefix2}${areaCode}${org8}${organisationCheckCharacter(org8)}`;
  return first17 + creditCodeCheckCharacter(first17);
}
