import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  areaCodeStatus,
  creditCodeCheckCharacter,
  currentCountyCodes,
  idNumberCheckCharacter,
  isCreditCode,
  isIdNumber,
  isMobile,
  makeCreditCode,
  makeIdNumber,
  maskIdNumber,
  maskMobile,
  normaliseMobile,
  parseCreditCode,
  parseIdNumber,
  parseMobile,
} from './index.ts';

const TODAY = '2024-06-01';
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const FULL_WIDTH_DIGITS = '０１２３４５６７８９';

/** Appends the right check character to 17 digits (for hand-built invalid examples). */
const withCheck = (first17: string) => first17 + idNumberCheckCharacter(first17);
const problemOf = (raw: string, today = TODAY) => {
  const r = parseIdNumber(raw, today);
  return r.ok ? 'ok' : r.problem;
};

const areaArb = fc.constantFrom(...currentCountyCodes, '320602', '320611', '320621', '320684');
const dateArb = fc
  .date({ min: new Date('1920-01-01T00:00:00Z'), max: new Date('2010-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const idArb = fc.tuple(areaArb, dateArb, fc.integer({ min: 0, max: 999 }));
const creditArb = fc.tuple(
  fc.constantFrom(...ALPHABET),
  fc.constantFrom(...ALPHABET),
  fc.integer({ min: 0, max: 999_999 }).map((n) => String(n).padStart(6, '0')),
  fc.integer({ min: 0, max: 99_999_999 }),
);

describe('parseIdNumber — public examples', () => {
  it('accepts the GB 11643 example 11010519491231002X', () => {
    expect(parseIdNumber('11010519491231002X', TODAY)).toEqual({
      ok: true,
      value: '11010519491231002X',
      birthDate: '1949-12-31',
      gender: 'female',
      areaCode: '110105',
    });
    expect(isIdNumber('11010519491231002X')).toBe(true);
    expect(idNumberCheckCharacter('11010519491231002')).toBe('X');
  });

  it('names the correct check character when it is wrong', () => {
    const r = parseIdNumber('110105194912310021', TODAY);
    expect(r).toEqual({ ok: false, problem: 'check_character', message: '身份证号码校验位错误，应为 X' });
  });

  it('accepts 320614 (海门区) and 320684 (old 海门市) area codes', () => {
    for (const area of ['320614', '320684']) {
      const r = parseIdNumber(makeIdNumber(area, '1985-03-07', 123), TODAY);
      expect(r).toMatchObject({ ok: true, areaCode: area, birthDate: '1985-03-07', gender: 'male' });
    }
  });

  it('rejects impossible, future and pre-1900 birth dates', () => {
    expect(problemOf(withCheck('11010520230230001'))).toBe('birth_date');
    expect(problemOf(withCheck('11010519001301001'))).toBe('birth_date');
    expect(problemOf(makeIdNumber('110105', '2024-06-02', 1))).toBe('birth_date');
    expect(problemOf(makeIdNumber('110105', '2024-06-01', 1))).toBe('ok');
    expect(problemOf(withCheck('11010518991231001'))).toBe('birth_date');
    expect(isIdNumber(makeIdNumber('110105', '2999-01-01', 1))).toBe(false);
    expect(problemOf(withCheck('11010520000229001'))).toBe('ok');
    expect(problemOf(withCheck('11010519000229001'))).toBe('birth_date');
    const r = parseIdNumber(withCheck('11010520230230001'), TODAY);
    expect(r.ok ? '' : r.message).toContain('2023-02-30');
  });

  it('classifies area codes: current, retired (still valid in old IDs), inside a known prefecture, unknown', () => {
    expect(areaCodeStatus('320614')).toBe('current');
    expect(areaCodeStatus('320684')).toBe('retired');
    expect(areaCodeStatus('320611')).toBe('retired');
    expect(areaCodeStatus('320699')).toBe('in_known_prefecture');
    expect(areaCodeStatus('329901')).toBe('unknown');
    expect(areaCodeStatus('320600')).toBe('unknown');
    expect(currentCountyCodes.length).toBeGreaterThan(2800);
  });

  it('rejects invalid area codes', () => {
    expect(problemOf(withCheck('99010119800101001'))).toBe('area_code');
    expect(problemOf(withCheck('83010119800101001'))).toBe('area_code');
    expect(problemOf(withCheck('32000019800101001'))).toBe('area_code');
  });

  it('rejects malformed input', () => {
    expect(problemOf('110105491231002')).toBe('format');
    expect(problemOf('')).toBe('format');
    expect(problemOf('11010519491231002Y')).toBe('format');
    expect(problemOf('1101051949123100X2')).toBe('format');
    expect(problemOf('11010519491231002X0')).toBe('format');
  });

  it('normalises lowercase x, spaces and full-width characters', () => {
    const fullWidth = [...'11010519491231002'].map((d) => FULL_WIDTH_DIGITS[Number(d)]).join('');
    for (const raw of ['11010519491231002x', ' 110105 19491231 002X ', `${fullWidth}Ｘ`, `${fullWidth}ｘ`]) {
      expect(parseIdNumber(raw, TODAY)).toMatchObject({ ok: true, value: '11010519491231002X' });
    }
  });

  it('masks the middle eight characters', () => {
    expect(maskIdNumber('32061419850307123X')).toBe('320614********123X');
  });

  it('refuses to build numbers from invalid parts', () => {
    expect(() => makeIdNumber('990101', '1980-01-01', 1)).toThrow(RangeError);
    expect(() => makeIdNumber('110105', '1980-02-30', 1)).toThrow(RangeError);
    expect(() => makeIdNumber('110105', '1980-01-01', 1000)).toThrow(RangeError);
  });
});

describe('parseIdNumber — properties', () => {
  it('every generated number parses with the same birth date and gender', () => {
    fc.assert(
      fc.property(idArb, ([area, date, seq]) => {
        const r = parseIdNumber(makeIdNumber(area, date, seq), TODAY);
        expect(r).toMatchObject({ ok: true, areaCode: area, birthDate: date });
        expect(r.ok && r.gender).toBe(seq % 2 === 1 ? 'male' : 'female');
      }),
    );
  });

  it('any single-digit change among the first 17 digits is detected', () => {
    fc.assert(
      fc.property(idArb, fc.nat(16), fc.integer({ min: 1, max: 9 }), ([area, date, seq], pos, delta) => {
        const id = makeIdNumber(area, date, seq);
        const digit = String((Number(id[pos]) + delta) % 10);
        const changed = id.slice(0, pos) + digit + id.slice(pos + 1);
        expect(problemOf(changed)).toBe('check_character');
      }),
    );
  });
});

describe('parseCreditCode', () => {
  it('accepts the GB 32100 example and lowercase input', () => {
    expect(parseCreditCode('91350100M000100Y43')).toEqual({ ok: true, value: '91350100M000100Y43' });
    expect(parseCreditCode(' 91350100m000100y43 ')).toEqual({ ok: true, value: '91350100M000100Y43' });
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
  });

  it('rejects a changed check character and names the right one', () => {
    expect(parseCreditCode('91350100M000100Y44')).toEqual({
      ok: false,
      problem: 'check_character',
      message: '统一社会信用代码校验位错误，应为 3',
    });
    expect(isCreditCode('91350100M000100Y44')).toBe(false);
  });

  it('rejects bad length, forbidden letters and a non-numeric area code', () => {
    for (const raw of ['', '91350100M000100Y4', '91350100M000100Y430', '91350100M000100I43', '913501O0M000100Y43']) {
      expect(parseCreditCode(raw)).toMatchObject({ ok: false, problem: 'format' });
    }
  });

  it('generated codes are valid and carry a valid GB 11714 organisation code', () => {
    fc.assert(
      fc.property(creditArb, ([a, b, area, seq]) => {
        const code = makeCreditCode(a + b, area, seq);
        expect(parseCreditCode(code)).toEqual({ ok: true, value: code });
        expect(code.slice(0, 8)).toBe(a + b + area);
        const org = code.slice(8, 17);
        const weights = [3, 7, 9, 10, 5, 8, 4, 2];
        const sum = weights.reduce((s, w, i) => s + w * Number(org[i]), 0);
        const c = 11 - (sum % 11);
        expect(org[8]).toBe(c === 10 ? 'X' : c === 11 ? '0' : String(c));
      }),
    );
    expect(makeCreditCode('81', '320684', 1).startsWith('81320684')).toBe(true);
  });

  it('any single-character substitution is detected', () => {
    fc.assert(
      fc.property(creditArb, fc.nat(17), fc.constantFrom(...ALPHABET), ([a, b, area, seq], pos, ch) => {
        const code = makeCreditCode(a + b, area, seq);
        fc.pre(code[pos] !== ch);
        const changed = code.slice(0, pos) + ch + code.slice(pos + 1);
        const r = parseCreditCode(changed);
        expect(r.ok).toBe(false);
        const formatBroken = pos >= 2 && pos <= 7 && !/\d/.test(ch);
        expect(r.ok ? 'ok' : r.problem).toBe(formatBroken ? 'format' : 'check_character');
      }),
    );
  });
});

describe('mobile', () => {
  it('normalises, parses and masks examples', () => {
    expect(normaliseMobile('+86 138-1234-5678')).toBe('13812345678');
    expect(normaliseMobile('0086 13812345678')).toBe('13812345678');
    expect(normaliseMobile('８６１３８１２３４５６７８')).toBe('13812345678');
    expect(parseMobile('13812345678')).toEqual({ ok: true, value: '13812345678' });
    expect(parseMobile('')).toEqual({ ok: false, message: '请输入手机号码' });
    expect(parseMobile('1381234567')).toMatchObject({ ok: false });
    expect(isMobile('19912345678')).toBe(true);
    expect(maskMobile('13812345678')).toBe('138****5678');
  });

  it('round-trips random valid numbers through random formatting', () => {
    const mobileArb = fc
      .tuple(fc.integer({ min: 3, max: 9 }), fc.integer({ min: 0, max: 999_999_999 }))
      .map(([second, rest]) => `1${second}${String(rest).padStart(9, '0')}`);
    const formatArb = fc.record({
      prefix: fc.constantFrom('', '+86', '+86 ', '86', '0086', '0086-', '＋８６'),
      sep: fc.constantFrom('', ' ', '-', '　'),
      fullWidth: fc.array(fc.boolean(), { minLength: 11, maxLength: 11 }),
      pad: fc.constantFrom('', ' ', '  '),
    });
    fc.assert(
      fc.property(mobileArb, formatArb, (mobile, f) => {
        const digits = [...mobile].map((d, i) => (f.fullWidth[i] ? FULL_WIDTH_DIGITS[Number(d)] : d)).join('');
        const raw = `${f.pad}${f.prefix}${digits.slice(0, 3)}${f.sep}${digits.slice(3, 7)}${f.sep}${digits.slice(7)}${f.pad}`;
        expect(normaliseMobile(raw)).toBe(mobile);
        expect(parseMobile(raw)).toEqual({ ok: true, value: mobile });
      }),
    );
  });

  it('rejects 10- or 12-digit strings and numbers starting with 10, 11 or 12', () => {
    const digitsArb = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
    fc.assert(
      fc.property(fc.oneof(digitsArb(10), digitsArb(12)), (s) => {
        expect(normaliseMobile(s)).toBeNull();
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 999_999_999 }), (second, rest) => {
        const mobile = `1${second}${String(rest).padStart(9, '0')}`;
        expect(normaliseMobile(mobile)).toBeNull();
        expect(normaliseMobile(`+86${mobile}`)).toBeNull();
        expect(isMobile(mobile)).toBe(false);
      }),
    );
  });
});
