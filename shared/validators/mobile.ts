import { toHalfWidth } from './text.ts';

/** Result of {@link parseMobile}. */
export type MobileResult = { ok: true; value: string } | { ok: false; message: string };

const MOBILE_RE = /^1[3-9]\d{9}$/;

/** Normalises a mainland mobile number to 11 ASCII digits (strips spaces, hyphens, +86/86/0086), or null. */
export function normaliseMobile(raw: string): string | null {
  const s = toHalfWidth(raw).replace(/[\s-]+/g, '');
  const digits = /^(?:\+86|0086|86)(\d{11})$/.exec(s)?.[1] ?? s;
  return MOBILE_RE.test(digits) ? digits : null;
}

/** Returns whether the input is a mainland mobile number. */
export function isMobile(raw: string): boolean {
  return normaliseMobile(raw) !== null;
}

/** Masks a mobile number, keeping the first 3 and last 4 digits (e.g. 138****5678). */
export function maskMobile(v: string): string {
  const s = normaliseMobile(v) ?? toHalfWidth(v).replace(/[\s-]+/g, '');
  if (s.length <= 7) return '*'.repeat(s.length);
  return `${s.slice(0, 3)}${'*'.repeat(s.length - 7)}${s.slice(-4)}`;
}

/** Parses a mainland mobile number, with a Chinese message on failure. */
export function parseMobile(raw: string): MobileResult {
  const value = normaliseMobile(raw);
  if (value !== null) return { ok: true, value };
  if (raw.trim() === '') return { ok: false, message: '请输入手机号码' };
  return { ok: false, message: '手机号码格式不正确，应为 11 位数字，以 1 开头且第二位为 3–9' };
}
