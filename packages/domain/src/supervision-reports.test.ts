import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Role } from '@kpc/contracts';
import { addDays } from './dates.js';
import {
  addMonths,
  bulletinMonthOn,
  bulletinOpening,
  canDraftSupervisionReports,
  colourChanges,
  dispatchWindows,
  docNumber,
  firstWorkingDayOfMonth,
  monthBounds,
  periodStart,
  readableReportStatuses,
} from './supervision-reports.js';

describe('report periods', () => {
  it('bounds a month, leap February and December included', () => {
    expect(monthBounds('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(monthBounds('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
  });

  it('takes the first Monday–Friday of the month as its first working day', () => {
    expect(firstWorkingDayOfMonth('2026-12')).toBe('2026-12-01'); // Tuesday
    expect(firstWorkingDayOfMonth('2026-08')).toBe('2026-08-03'); // 1 August is a Saturday
  });

  it('drafts last month’s bulletin from the first working day on, not on the weekend before it', () => {
    expect(bulletinMonthOn('2026-12-01')).toBe('2026-11');
    expect(bulletinMonthOn('2026-08-01')).toBe('2026-06'); // Saturday: July's is not due yet
    expect(bulletinMonthOn('2026-08-03')).toBe('2026-07');
  });

  it('gives each month exactly one first day on which its bulletin becomes due', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3650 }), (n) => {
        const d = addDays('2025-01-01', n);
        const prev = bulletinMonthOn(addDays(d, -1));
        const now = bulletinMonthOn(d);
        // the due month moves on by at most one, and only on a month's first working day
        expect(now === prev || (now === addMonths(prev, 1) && d === firstWorkingDayOfMonth(d.slice(0, 7)))).toBe(true);
      }),
    );
  });

  it('reviews the seven days before the dispatch week and lists decisions due within it', () => {
    expect(dispatchWindows('2026-W49')).toEqual({
      reviewed: { from: '2026-11-23', to: '2026-11-29' },
      dueWeek: { from: '2026-11-30', to: '2026-12-06' },
    });
    expect(periodStart('weekly_dispatch', '2026-W49')).toBe('2026-11-30');
    expect(periodStart('monthly_bulletin', '2026-12')).toBe('2026-12-01');
  });

  it('numbers a bulletin by its month and a dispatch by its week', () => {
    expect(docNumber('monthly_bulletin', '2026-12')).toBe('〔2026〕12号');
    expect(docNumber('weekly_dispatch', '2026-W09')).toBe('〔2026〕9号');
  });
});

describe('colour changes and the opening', () => {
  it('counts worse and better changes and ignores projects without history', () => {
    const r = colourChanges([
      { projectId: 1, name: '乙', before: 'green', now: 'red' },
      { projectId: 2, name: '甲', before: 'red', now: 'yellow' },
      { projectId: 3, name: '丙', before: 'yellow', now: 'yellow' },
      { projectId: 4, name: '丁', before: null, now: 'red' },
    ]);
    expect(r.worse).toBe(1);
    expect(r.better).toBe(1);
    expect(r.list.map((c) => c.projectId)).toEqual([1, 2]);
  });

  it('writes every figure into the opening paragraph', () => {
    const o = bulletinOpening({
      regionName: '召陵区',
      month: '2026-11',
      colours: { green: 20, yellow: 9, red: 5 },
      worse: 3,
      better: 2,
      overdueDecisions: 4,
      overdueProblems: 6,
    });
    expect(o['zh-CN']).toContain('2026年11月，召陵区纳入三色督办的重点项目共 34 个');
    expect(o['zh-CN']).toContain('红色 5 个');
    expect(o['zh-CN']).toContain('颜色转差 3 个、好转 2 个');
    expect(o['zh-CN']).toContain('议定事项 4 项、超期未解决的问题 6 个');
    expect(o.en).toContain('5 red');
  });
});

describe('who reads and drafts reports', () => {
  it('lets the bureau and the admin draft and read drafts, leaders and units read published ones, others none', () => {
    const as = (...roles: Role[]) => ({ roles });
    expect(canDraftSupervisionReports(as('supervisor'))).toBe(true);
    expect(canDraftSupervisionReports(as('office'))).toBe(false);
    expect(readableReportStatuses(as('admin'))).toEqual(['draft', 'published']);
    expect(readableReportStatuses(as('leader'))).toEqual(['published']);
    expect(readableReportStatuses(as('unit'))).toEqual(['published']);
    for (const r of ['office', 'viewer', 'enterprise', 'security_admin'] as const)
      expect(readableReportStatuses(as(r))).toEqual([]);
  });
});
