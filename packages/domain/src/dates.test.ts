import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, shanghaiDate } from './dates.js';

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
});
