import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, shanghaiDate, yearElapsedShare } from './dates.js';

describe('dates', () => {
  it('takes the calendar date in Asia/Shanghai, not UTC', () => {
    expect(shanghaiDate(new Date('2026-07-15T16:30:00Z'))).toBe('2026-07-16');
    expect(shanghaiDate(new Date('2026-07-15T15:59:00Z'))).toBe('2026-07-15');
  });
  it('adds days across months and leap years', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364);
  });
  it('gives the share of the year gone by at the end of the as-of day', () => {
    expect(yearElapsedShare('2026-12-02')).toBeCloseTo(336 / 365, 10);
    expect(Math.round(yearElapsedShare('2026-12-02') * 100)).toBe(92);
    expect(yearElapsedShare('2026-01-01')).toBeCloseTo(1 / 365, 10);
    expect(yearElapsedShare('2026-12-31')).toBe(1);
    expect(yearElapsedShare('2028-12-31')).toBe(1);
    expect(yearElapsedShare('2028-03-01')).toBeCloseTo(61 / 366, 10);
  });
  it('counts a past year as over and a future year as not begun', () => {
    expect(yearElapsedShare('2026-06-30', 2025)).toBe(1);
    expect(yearElapsedShare('2026-06-30', 2027)).toBe(0);
    expect(yearElapsedShare('2026-06-30', 2026)).toBe(yearElapsedShare('2026-06-30'));
  });
});
