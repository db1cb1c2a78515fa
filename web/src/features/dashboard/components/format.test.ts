import { describe, expect, it } from 'vitest';
import { bigMoney, percent, yuanToYi } from './format';

describe('dashboard formats', () => {
  it('shows integer yuan as 亿元 with two decimals, rounding half up exactly', () => {
    expect(yuanToYi(7_655_000_000)).toBe('76.55');
    expect(yuanToYi(10_330_000_000)).toBe('103.30');
    expect(yuanToYi(500_000)).toBe('0.01');
    expect(yuanToYi(499_999)).toBe('0.00');
    expect(yuanToYi(0)).toBe('0.00');
    expect(bigMoney(7_655_000_000, 'zh-CN')).toBe('76.55');
    expect(bigMoney(7_655_000_000, 'en')).toBe('7.66');
  });
  it('shows a rate with one decimal and a dash for a rate over nothing', () => {
    expect(percent(0.7410454985479187)).toBe('74.1');
    expect(percent(1)).toBe('100.0');
    expect(percent(null)).toBe('—');
  });
});
