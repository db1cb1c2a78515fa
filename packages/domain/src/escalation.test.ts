import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultSettings, escalationSteps, type EscalationStep } from '@kpc/contracts';
import { addDays } from './dates.js';
import { dueSteps, needsConfirmation, weeksRed } from './escalation.js';

const ladder = defaultSettings.escalationLadder; // 2, 4, 6, 8 weeks
const ASOF = '2026-07-16';
const redFor = (days: number) => ({ rag: 'red' as const, fromDate: addDays(ASOF, -days), toDate: null });
const steps = (r: { step: EscalationStep }[]) => r.map((s) => s.step);

describe('weeksRed', () => {
  it('counts whole weeks since the first red day', () => {
    expect(weeksRed({ fromDate: ASOF }, ASOF)).toBe(0);
    expect(weeksRed({ fromDate: addDays(ASOF, -13) }, ASOF)).toBe(1);
    expect(weeksRed({ fromDate: addDays(ASOF, -14) }, ASOF)).toBe(2);
    expect(weeksRed({ fromDate: addDays(ASOF, 3) }, ASOF)).toBe(0);
  });
});

describe('dueSteps', () => {
  it('proposes the warning at 2 weeks red, not a day before', () => {
    expect(steps(dueSteps(redFor(13), ladder, ASOF))).toEqual([]);
    expect(dueSteps(redFor(14), ladder, ASOF)).toEqual([{ step: 'warning', weeks: 2 }]);
  });

  it('proposes the bulletin at 4 weeks once the warning exists, and nothing again the next day', () => {
    expect(steps(dueSteps(redFor(28), ladder, ASOF, ['warning']))).toEqual(['bulletin']);
    expect(steps(dueSteps(redFor(29), ladder, addDays(ASOF, 0), ['warning', 'bulletin']))).toEqual([]);
  });

  it('gives a long spell seen late every step it earned, in ladder order', () => {
    expect(steps(dueSteps(redFor(8 * 7), ladder, ASOF))).toEqual(['warning', 'bulletin', 'accountability', 'statement']);
  });

  it('does not propose a dismissed step again', () => {
    expect(steps(dueSteps(redFor(30), ladder, ASOF, ['warning', 'bulletin']))).toEqual([]);
  });

  it('proposes nothing for a yellow or green spell, or a closed red one', () => {
    expect(dueSteps({ ...redFor(60), rag: 'yellow' }, ladder, ASOF)).toEqual([]);
    expect(dueSteps({ ...redFor(60), rag: 'green' }, ladder, ASOF)).toEqual([]);
    expect(dueSteps({ ...redFor(60), toDate: addDays(ASOF, -1) }, ladder, ASOF)).toEqual([]);
  });

  it('follows a region’s own ladder, and never proposes a step it leaves out', () => {
    const own = [
      { step: 'warning' as const, weeks: 1 },
      { step: 'statement' as const, weeks: 3 },
    ];
    expect(steps(dueSteps(redFor(7), own, ASOF))).toEqual(['warning']);
    expect(steps(dueSteps(redFor(60), own, ASOF))).toEqual(['warning', 'statement']);
  });

  it('asks the supervisor to confirm every step beyond a warning', () => {
    expect(escalationSteps.filter(needsConfirmation)).toEqual(['bulletin', 'accountability', 'statement']);
  });
});

describe('dueSteps properties', () => {
  const arbLadder = fc.uniqueArray(fc.integer({ min: 1, max: 20 }), { minLength: 0, maxLength: 4 }).chain((weeks) =>
    fc.subarray([...escalationSteps], { minLength: weeks.length, maxLength: weeks.length }).map((st) => {
      const w = [...weeks].sort((a, b) => a - b);
      return st.map((step, i) => ({ step, weeks: w[i]! }));
    }),
  );

  it('never proposes a step twice for one spell, however many days the job runs', () => {
    fc.assert(
      fc.property(arbLadder, fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 120 }), (l, redDays, runs) => {
        const spell = { rag: 'red' as const, fromDate: '2026-01-01', toDate: null };
        const recorded: EscalationStep[] = [];
        for (let d = 0; d < runs; d++) recorded.push(...steps(dueSteps(spell, l, addDays('2026-01-01', redDays + d), recorded)));
        expect(new Set(recorded).size).toBe(recorded.length);
      }),
    );
  });

  it('never proposes fewer steps for a longer red', () => {
    fc.assert(
      fc.property(arbLadder, fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 100 }), (l, days, more) => {
        expect(dueSteps(redFor(days + more), l, ASOF).length).toBeGreaterThanOrEqual(dueSteps(redFor(days), l, ASOF).length);
      }),
    );
  });
});
