import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './dates.js';
import { canSendWeeklyUpdate, ledgerItemDue, weeklyUpdateAsOf, weeklyUpdatePrefill, weekReportable } from './weekly-update.js';

const asOf = '2026-12-04';

/** A hand-built project: every kind of item, node, report and problem, with what the form must list. */
const project = {
  ledgerItems: [
    { id: 1, status: 'in_progress', deadline: '2026-12-01' }, // overdue → shown
    { id: 2, status: 'not_started', deadline: '2026-12-18' }, // due in exactly 14 days → shown
    { id: 3, status: 'blocked', deadline: '2026-12-19' }, // 15 days → not yet
    { id: 4, status: 'done', deadline: '2026-12-02' }, // done → not shown
    { id: 5, status: 'in_progress', deadline: null }, // recurring → routine, not shown
    { id: 6, status: 'not_started', deadline: '2026-12-04' }, // due today → shown
  ],
  nodes: [
    { id: 10, actualStart: '2026-11-01', actualFinish: null, latestStart: null, latestFinish: null }, // in progress
    { id: 11, actualStart: '2026-10-01', actualFinish: '2026-11-20', latestStart: null, latestFinish: null }, // done
    { id: 12, actualStart: null, actualFinish: null, latestStart: '2026-12-10', latestFinish: '2027-02-01' }, // due to start
    { id: 13, actualStart: null, actualFinish: null, latestStart: '2027-03-01', latestFinish: '2027-06-01' }, // far off
    { id: 14, actualStart: null, actualFinish: null, latestStart: null, latestFinish: null }, // no baseline
  ],
  reports: [
    { year: 2026, month: 11, status: 'approved' },
    { year: 2025, month: 12, status: 'approved' },
  ],
  problems: [
    { id: 20, status: 'open' },
    { id: 21, status: 'resolved' },
    { id: 22, status: 'escalated' },
    { id: 23, status: 'verified' },
    { id: 24, status: 'in_progress' },
  ],
} as const;

describe('weekly update pre-fill', () => {
  it('lists exactly the open items due within 14 days or overdue, the nodes in progress or due, and the open problems', () => {
    const f = weeklyUpdatePrefill(
      {
        ...project,
        ledgerItems: [...project.ledgerItems],
        nodes: [...project.nodes],
        reports: [...project.reports],
        problems: [...project.problems],
      },
      asOf,
    );
    expect(f.ledgerItems.map((i) => i.id)).toEqual([1, 2, 6]);
    expect(f.nodes.map((n) => n.id)).toEqual([10, 12]);
    expect(f.problems.map((p) => p.id)).toEqual([20, 22, 24]);
  });

  it('asks for the month’s investment only when the month has no current report', () => {
    const base = { ledgerItems: [], nodes: [], problems: [] };
    expect(weeklyUpdatePrefill({ ...base, reports: [...project.reports] }, asOf).investmentMonth).toEqual({
      year: 2026,
      month: 12,
    });
    for (const status of ['draft', 'submitted', 'approved', 'returned'] as const)
      expect(weeklyUpdatePrefill({ ...base, reports: [{ year: 2026, month: 12, status }] }, asOf).investmentMonth).toBeNull();
    // a superseded report is history: the month is still reported by its approved correction, not by it
    expect(
      weeklyUpdatePrefill({ ...base, reports: [{ year: 2026, month: 12, status: 'superseded' }] }, asOf).investmentMonth,
    ).toEqual({
      year: 2026,
      month: 12,
    });
  });

  it('never shows a done item and always shows an open one past its deadline', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -400, max: 400 }),
        fc.constantFrom('not_started', 'in_progress', 'done', 'blocked' as const),
        (d, status) => {
          const shown = ledgerItemDue({ id: 1, status, deadline: addDays(asOf, d) }, asOf);
          expect(shown).toBe(status !== 'done' && d <= 14);
        },
      ),
    );
  });

  it('fills a past week as of its Sunday and refuses a week not yet begun', () => {
    expect(weeklyUpdateAsOf('2026-W45', asOf)).toBe('2026-11-08');
    expect(weeklyUpdateAsOf('2026-W49', asOf)).toBe(asOf);
    expect(weekReportable('2026-W49', asOf)).toBe(true);
    expect(weekReportable('2026-W50', asOf)).toBe(false);
  });
});

describe('who sends a weekly update', () => {
  const p = { regionCode: '411104', leadUnitId: 7, cooperatingUnitIds: [8], enterpriseId: 3, leaderId: 5 };
  const a = (roles: string[], more: Partial<{ unitId: number; enterpriseId: number; leaderId: number }> = {}) => ({
    id: 1,
    roles: roles as never,
    regionCode: '411104',
    unitId: more.unitId ?? null,
    enterpriseId: more.enterpriseId ?? null,
    leaderId: more.leaderId ?? null,
  });
  it('is the lead or a cooperating unit, or the project’s enterprise; not the office, a leader or another unit', () => {
    expect(canSendWeeklyUpdate(a(['unit'], { unitId: 7 }), p)).toBe(true);
    expect(canSendWeeklyUpdate(a(['unit'], { unitId: 8 }), p)).toBe(true);
    expect(canSendWeeklyUpdate(a(['enterprise'], { enterpriseId: 3 }), p)).toBe(true);
    expect(canSendWeeklyUpdate(a(['unit'], { unitId: 9 }), p)).toBe(false);
    expect(canSendWeeklyUpdate(a(['enterprise'], { enterpriseId: 4 }), p)).toBe(false);
    expect(canSendWeeklyUpdate(a(['office']), p)).toBe(false);
    expect(canSendWeeklyUpdate(a(['leader'], { leaderId: 5 }), p)).toBe(false);
  });
});
