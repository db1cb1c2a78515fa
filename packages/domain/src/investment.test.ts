import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  completionRate,
  monthReportable,
  monthlySeries,
  reportActionAllowed,
  sumYuan,
  throughMonth,
  toWan,
} from './investment.js';

describe('investment reports', () => {
  it('allows edits and submission only of drafts and returned reports, review only of submitted ones', () => {
    expect(reportActionAllowed('draft', 'submit')).toBe(true);
    expect(reportActionAllowed('returned', 'edit')).toBe(true);
    expect(reportActionAllowed('approved', 'edit')).toBe(false);
    expect(reportActionAllowed('submitted', 'edit')).toBe(false);
    expect(reportActionAllowed('submitted', 'approve')).toBe(true);
    expect(reportActionAllowed('draft', 'approve')).toBe(false);
    expect(reportActionAllowed('superseded', 'return')).toBe(false);
  });

  it('refuses months after the as-of month', () => {
    expect(monthReportable(2026, 7, '2026-07-16')).toBe(true);
    expect(monthReportable(2026, 8, '2026-07-16')).toBe(false);
    expect(monthReportable(2025, 12, '2026-01-01')).toBe(true);
    expect(monthReportable(2027, 1, '2026-12-31')).toBe(false);
  });

  it('counts months up to asOf in its year, the whole of a past year, none of a future one', () => {
    expect(throughMonth(2026, '2026-07-16')).toBe(7);
    expect(throughMonth(2025, '2026-07-16')).toBe(12);
    expect(throughMonth(2027, '2026-07-16')).toBe(0);
  });

  it('computes completion rates, null without a plan', () => {
    expect(completionRate(7_655_000_000, 10_330_000_000)).toBeCloseTo(0.741, 3);
    expect(completionRate(5, 0)).toBeNull();
    expect(completionRate(5, null)).toBeNull();
  });

  it('builds the monthly series with a running total', () => {
    const s = monthlySeries([
      { month: 1, amount: 100 },
      { month: 3, amount: 250 },
    ]);
    expect(s.slice(0, 4)).toEqual([
      { month: 1, amount: 100, cumulative: 100 },
      { month: 2, amount: 0, cumulative: 100 },
      { month: 3, amount: 250, cumulative: 350 },
      { month: 4, amount: 0, cumulative: 350 },
    ]);
    expect(s).toHaveLength(12);
  });

  it('converts yuan to 万元 with two decimals', () => {
    expect(toWan(3_500_000_000)).toBe(350_000);
    expect(toWan(123_456)).toBe(12.35);
  });

  it('property: money sums are exact (equal to the BigInt sum), never float-rounded', () => {
    const amount = fc.integer({ min: 0, max: 1_000_000_000_000 });
    fc.assert(
      fc.property(fc.array(amount, { maxLength: 200 }), (xs) => {
        const exact = xs.reduce((a, b) => a + BigInt(b), 0n);
        expect(BigInt(sumYuan(xs))).toBe(exact);
        expect(Number.isInteger(sumYuan(xs))).toBe(true);
      }),
    );
    expect(() => sumYuan([0.5])).toThrow(RangeError);
    expect(() => sumYuan([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
  });
});
