import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoWeek } from '@kpc/contracts';
import {
  addWeeks,
  canReadCompliance,
  complianceRate,
  isIsoWeek,
  isoWeekOf,
  isoWeekOfDate,
  isoWeeksInYear,
  weekBounds,
  weeklyCompliance,
  weeksEndingWith,
  type QuotaPerson,
} from './compliance.js';
import { addDays } from './dates.js';

const at = (s: string) => new Date(s);
const quota = { siteChecks: 2, solvedOnSite: 1 };
const liu: QuotaPerson = { personType: 'leader', personId: 1, name: '刘' };
const head: QuotaPerson = { personType: 'task_force_head', personId: 50, name: '专班长' };

describe('ISO weeks in Asia/Shanghai', () => {
  it('puts 23:59 Sunday Shanghai in that week and 00:00 Monday in the next', () => {
    // 2026-12-06 is a Sunday; 23:59 there is 15:59 UTC
    expect(isoWeekOf(at('2026-12-06T23:59:00+08:00'))).toBe('2026-W49');
    expect(isoWeekOf(at('2026-12-07T00:00:00+08:00'))).toBe('2026-W50');
    // Sunday 20:00 UTC is already Monday in Shanghai
    expect(isoWeekOf(at('2026-12-06T20:00:00Z'))).toBe('2026-W50');
  });
  it('knows week 53 and week 1 across the turn of the year', () => {
    expect(isoWeeksInYear(2026)).toBe(53);
    expect(isoWeeksInYear(2025)).toBe(52);
    expect(isoWeeksInYear(2020)).toBe(53);
    expect(isoWeekOfDate('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOfDate('2027-01-03')).toBe('2026-W53');
    expect(isoWeekOfDate('2027-01-04')).toBe('2027-W01');
    expect(isoWeekOfDate('2024-12-30')).toBe('2025-W01');
    expect(isoWeekOfDate('2026-01-01')).toBe('2026-W01');
    expect(isoWeekOfDate('2025-12-29')).toBe('2026-W01');
    expect(weekBounds('2026-W53')).toMatchObject({ monday: '2026-12-28', sunday: '2027-01-03' });
    expect(weekBounds('2026-W53').start.toISOString()).toBe('2026-12-27T16:00:00.000Z');
    expect(weekBounds('2026-W53').end.toISOString()).toBe('2027-01-03T16:00:00.000Z');
    expect(weekBounds('2027-W01').monday).toBe('2027-01-04');
    expect(addWeeks('2026-W53', 1)).toBe('2027-W01');
    expect(addWeeks('2027-W01', -1)).toBe('2026-W53');
    expect(addWeeks('2026-W01', -1)).toBe('2025-W52');
    expect(weeksEndingWith('2027-W02', 3)).toEqual(['2026-W53', '2027-W01', '2027-W02']);
  });
  it('refuses what is no ISO week', () => {
    expect(isIsoWeek('2026-W53')).toBe(true);
    for (const w of ['2025-W53', '2026-W00', '2026-W54', '2026-53', '2026W01', '2026-w01', '', '2026-W1'])
      expect(isIsoWeek(w), w).toBe(false);
    expect(() => weekBounds('2025-W53')).toThrow(RangeError);
  });
  it('the contract’s week schema accepts exactly the ISO weeks (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2999 }), fc.integer({ min: 0, max: 54 }), (y, n) => {
        const w = `${y}-W${String(n).padStart(2, '0')}`;
        return isoWeek.safeParse(w).success === isIsoWeek(w);
      }),
    );
  });
  it('every day lies in the week whose bounds contain it (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 30 }), (n) => {
        const d = addDays('2010-01-01', n);
        const b = weekBounds(isoWeekOfDate(d));
        return b.monday <= d && d <= b.sunday && isoWeekOfDate(b.monday) === isoWeekOfDate(b.sunday);
      }),
    );
  });
  it('instants at the bounds fall on the right side (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 30 }), (n) => {
        const w = isoWeekOfDate(addDays('2010-01-01', n));
        const { start, end } = weekBounds(w);
        return isoWeekOf(start) === w && isoWeekOf(new Date(end.getTime() - 1)) === w && isoWeekOf(end) === addWeeks(w, 1);
      }),
    );
  });
});

describe('the weekly quota', () => {
  const week = '2026-W49'; // Monday 2026-11-30 … Sunday 2026-12-06
  it('is not met with 2 checks and nothing solved', () => {
    const checks = [
      { leaderId: 1, userId: null, checkedAt: at('2026-11-30T10:00:00+08:00') },
      { leaderId: 1, userId: null, checkedAt: at('2026-12-02T10:00:00+08:00') },
    ];
    const [row] = weeklyCompliance(week, [liu], checks, [], quota);
    expect(row).toEqual({ ...liu, siteChecks: 2, solvedOnSite: 0, met: false });
  });
  it('counts a problem solved at an on-site office meeting as one solved in a check', () => {
    const checks = [
      { leaderId: 1, userId: 9, checkedAt: at('2026-11-30T10:00:00+08:00') },
      { leaderId: 1, userId: 9, checkedAt: at('2026-12-06T23:59:00+08:00') },
    ];
    // solved at a meeting: no check behind it, still the leader's
    const inMeeting = [{ solvedByLeaderId: 1, solvedByUserId: null, solvedAt: at('2026-12-03T15:00:00+08:00') }];
    const inCheck = [{ solvedByLeaderId: 1, solvedByUserId: 9, solvedAt: at('2026-11-30T10:00:00+08:00') }];
    expect(weeklyCompliance(week, [liu], checks, inMeeting, quota)[0]).toMatchObject({ solvedOnSite: 1, met: true });
    expect(weeklyCompliance(week, [liu], checks, inCheck, quota)[0]).toMatchObject({ solvedOnSite: 1, met: true });
  });
  it('counts the 23:59 Sunday check in its week, the 00:00 Monday one in the next', () => {
    const checks = [
      { leaderId: 1, userId: null, checkedAt: at('2026-12-06T23:59:00+08:00') },
      { leaderId: 1, userId: null, checkedAt: at('2026-12-07T00:00:00+08:00') },
    ];
    expect(weeklyCompliance(week, [liu], checks, [], quota)[0]!.siteChecks).toBe(1);
    expect(weeklyCompliance('2026-W50', [liu], checks, [], quota)[0]!.siteChecks).toBe(1);
  });
  it('counts week 53 and week 1 apart', () => {
    const checks = [
      { leaderId: 1, userId: null, checkedAt: at('2026-12-31T09:00:00+08:00') },
      { leaderId: 1, userId: null, checkedAt: at('2027-01-03T23:59:00+08:00') },
      { leaderId: 1, userId: null, checkedAt: at('2027-01-04T00:00:00+08:00') },
    ];
    const solved = [{ solvedByLeaderId: 1, solvedByUserId: null, solvedAt: at('2027-01-01T11:00:00+08:00') }];
    expect(weeklyCompliance('2026-W53', [liu], checks, solved, quota)[0]).toMatchObject({
      siteChecks: 2,
      solvedOnSite: 1,
      met: true,
    });
    expect(weeklyCompliance('2027-W01', [liu], checks, solved, quota)[0]).toMatchObject({
      siteChecks: 1,
      solvedOnSite: 0,
      met: false,
    });
  });
  it('counts a task-force head by account, not a leader’s check logged from that account', () => {
    const checks = [
      { leaderId: null, userId: 50, checkedAt: at('2026-12-01T09:00:00+08:00') },
      { leaderId: 1, userId: 50, checkedAt: at('2026-12-01T10:00:00+08:00') },
    ];
    const rows = weeklyCompliance(week, [liu, head], checks, [], quota);
    expect(rows.find((r) => r.personType === 'task_force_head')!.siteChecks).toBe(1);
    expect(rows.find((r) => r.personType === 'leader')!.siteChecks).toBe(1);
  });
  it('lists people with nothing, ranks those meeting the quota first, follows the quota given', () => {
    const checks = [1, 2].map((d) => ({ leaderId: 2, userId: null, checkedAt: at(`2026-12-0${d}T09:00:00+08:00`) }));
    const solved = [{ solvedByLeaderId: 2, solvedByUserId: null, solvedAt: at('2026-12-01T09:00:00+08:00') }];
    const wang: QuotaPerson = { personType: 'leader', personId: 2, name: '王' };
    const rows = weeklyCompliance(week, [liu, wang], checks, solved, quota);
    expect(rows.map((r) => [r.personId, r.met])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(weeklyCompliance(week, [wang], checks, solved, { siteChecks: 3, solvedOnSite: 1 })[0]!.met).toBe(false);
    expect(weeklyCompliance(week, [liu], [], [], { siteChecks: 0, solvedOnSite: 0 })[0]!.met).toBe(true);
  });
  it('counts only what happened by a cut-off', () => {
    const checks = [1, 4].map((d) => ({ leaderId: 1, userId: null, checkedAt: at(`2026-12-0${d}T09:00:00+08:00`) }));
    expect(weeklyCompliance(week, [liu], checks, [], quota, at('2026-12-03T00:00:00+08:00'))[0]!.siteChecks).toBe(1);
  });
  it('the rate is met / total, null for nobody', () => {
    expect(complianceRate(3, 4)).toBe(0.75);
    expect(complianceRate(0, 0)).toBeNull();
  });
  it('is read by the region readers and leaders, not units or enterprises', () => {
    for (const r of ['office', 'supervisor', 'viewer', 'admin', 'leader'] as const)
      expect(canReadCompliance({ roles: [r] })).toBe(true);
    for (const r of ['unit', 'enterprise'] as const) expect(canReadCompliance({ roles: [r] })).toBe(false);
  });
});
