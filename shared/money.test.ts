import { describe, expect, test } from 'vitest';
import { fenToYuanText, moneyText, sumFen, wanYuan, yuanText, yuanToFen } from './money';

describe('money', () => {
  test('yuan text to fen reads the digits, never floating-point products', () => {
    expect(yuanToFen('0.29')).toBe(29);
    expect(yuanToFen('1.1')).toBe(110);
    expect(yuanToFen('19.99')).toBe(1999);
    expect(yuanToFen('1,234.56')).toBe(123456);
    expect(yuanToFen(' ¥800 ')).toBe(80000);
    expect(yuanToFen('12 元')).toBe(1200);
    expect(yuanToFen('.5')).toBe(50);
    expect(yuanToFen('3.')).toBe(300);
    expect(yuanToFen('100000000')).toBe(10_000_000_000);
    // Every cent value from 0.00 to 99.99 comes back exact.
    for (let fen = 0; fen < 10_000; fen++) expect(yuanToFen(fenToYuanText(fen))).toBe(fen);
  });

  test('refuses what is not an amount to the fen', () => {
    for (const bad of ['', ' ', '-1', '1.234', 'abc', '1e3', '1.2.3', '99999999999999999999', '0x10', '.']) {
      expect(yuanToFen(bad), bad).toBeNull();
    }
  });

  test('fen to yuan text', () => {
    expect(fenToYuanText(0)).toBe('0.00');
    expect(fenToYuanText(5)).toBe('0.05');
    expect(fenToYuanText(123456)).toBe('1,234.56');
    expect(fenToYuanText(123456, { grouping: false })).toBe('1234.56');
    expect(fenToYuanText(-250)).toBe('-2.50');
    expect(fenToYuanText(220_350_000_00)).toBe('220,350,000.00');
    expect(yuanText(80000)).toBe('800.00 元');
    expect(() => fenToYuanText(1.5)).toThrow(RangeError);
  });

  test('万元 rounds half up on 100 yuan', () => {
    expect(wanYuan(220_350_000)).toBe('220.35');
    expect(wanYuan(220_345_000)).toBe('220.35');
    expect(wanYuan(220_344_999)).toBe('220.34');
    expect(wanYuan(0)).toBe('0.00');
    expect(wanYuan(4_999)).toBe('0.00');
    expect(wanYuan(123_456_789_000)).toBe('123,456.79');
    expect(moneyText(850_000)).toBe('8,500.00 元');
    expect(moneyText(220_350_000)).toBe('220.35 万元');
  });

  test('sums stay exact', () => {
    expect(sumFen([10, 20, 30])).toBe(60);
    expect(sumFen([])).toBe(0);
  });
});
