import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BURDEN_SECONDS_CAP, burdenWeeks, clampBurden, perProjectWeek } from './burden.js';

describe('clampBurden', () => {
  it('keeps an honest measurement', () => {
    expect(clampBurden({ fieldsTyped: 3, seconds: 42.4 })).toEqual({ fieldsTyped: 3, seconds: 42 });
  });
  it('counts a form left open for hours as one hour', () => {
    expect(clampBurden({ fieldsTyped: 0, seconds: 5 * 3600 }).seconds).toBe(BURDEN_SECONDS_CAP);
  });
  it('always lands in range', () => {
    fc.assert(
      fc.property(fc.double(), fc.double(), (f, s) => {
        const c = clampBurden({ fieldsTyped: f, seconds: s });
        return Number.isInteger(c.fieldsTyped) && c.fieldsTyped >= 0 && c.seconds >= 0 && c.seconds <= BURDEN_SECONDS_CAP;
      }),
    );
  });
});

describe('burdenWeeks', () => {
  it('lists the weeks of a span across the new year (2026 has 53)', () => {
    expect(burdenWeeks('2026-12-21', '2027-01-05')).toEqual(['2026-W52', '2026-W53', '2027-W01']);
  });
  it('is one week for one day', () => {
    expect(burdenWeeks('2026-12-04', '2026-12-04')).toEqual(['2026-W49']);
  });
});

describe('perProjectWeek', () => {
  it('divides by project-weeks, minutes from seconds', () => {
    expect(perProjectWeek({ fieldsTyped: 20, seconds: 600, projectWeeks: 2 })).toEqual({ fields: 10, minutes: 5 });
    expect(perProjectWeek({ fieldsTyped: 0, seconds: 0, projectWeeks: 0 })).toBeNull();
  });
});
