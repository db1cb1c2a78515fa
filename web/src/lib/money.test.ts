import { describe, expect, it } from 'vitest';
import { formatMoney, wanInputToYuan, yuanToWanInput } from './money';

describe('money', () => {
  it('shows amounts from 1 亿 up in 亿元 and smaller ones in 万元', () => {
    expect(formatMoney(7_655_000_000)).toBe('76.55 亿元');
    expect(formatMoney(100_000_000)).toBe('1.00 亿元');
    expect(formatMoney(99_995_000)).toBe('9,999.50 万元');
    expect(formatMoney(1_234_500)).toBe('123.45 万元');
    expect(formatMoney(null)).toBe('—');
  });

  it('shows millions and billions of yuan in English', () => {
    expect(formatMoney(3_500_000_000, 'en')).toBe('¥3.50 bn');
    expect(formatMoney(12_345_678, 'en')).toBe('¥12.35 m');
  });

  it('converts typed 万元 to integer yuan exactly, without float rounding', () => {
    expect(wanInputToYuan('0.29')).toBe(2_900);
    expect(wanInputToYuan('1234.5678')).toBe(12_345_678);
    expect(wanInputToYuan('0.0001')).toBe(1);
    expect(wanInputToYuan('350000')).toBe(3_500_000_000);
    expect(wanInputToYuan('99999999999.9999')).toBe(999_999_999_999_999);
  });

  it('refuses malformed amounts and treats blank as no value', () => {
    expect(wanInputToYuan('')).toBeNull();
    expect(wanInputToYuan('  ')).toBeNull();
    expect(wanInputToYuan('1.23456')).toBeNaN();
    expect(wanInputToYuan('-1')).toBeNaN();
    expect(wanInputToYuan('1e5')).toBeNaN();
    expect(wanInputToYuan('100000000000')).toBeNaN();
  });

  it('round-trips yuan through the 万元 input', () => {
    for (const yuan of [0, 1, 9_999, 10_000, 12_345_678, 3_500_000_000, 999_999_999_999_999])
      expect(wanInputToYuan(yuanToWanInput(yuan))).toBe(yuan);
    expect(yuanToWanInput(50_000)).toBe('5');
    expect(yuanToWanInput(12_345_678)).toBe('1234.5678');
  });
});
