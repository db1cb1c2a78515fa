import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stages, type Stage } from '@kpc/contracts';
import { checkTransition, reachedOn, stageAsOf, stageFocus, stageIndex } from './lifecycle.js';
import { addDays } from './dates.js';

const base = { lastDate: null, asOf: '2026-07-16', mayRollback: false, onDate: '2026-07-01' };

describe('checkTransition', () => {
  it('allows the next stage', () => {
    expect(checkTransition({ ...base, from: 'planned', to: 'signed' })).toEqual({ ok: true, isRollback: false });
    expect(checkTransition({ ...base, from: 'producing', to: 'at_target' })).toEqual({ ok: true, isRollback: false });
  });
  it('refuses skipping a stage', () => {
    expect(checkTransition({ ...base, from: 'signed', to: 'building' })).toEqual({ ok: false, refusal: 'skips_stage' });
  });
  it('refuses the same stage', () => {
    expect(checkTransition({ ...base, from: 'signed', to: 'signed' })).toEqual({ ok: false, refusal: 'same_stage' });
  });
  it('refuses a rollback without the right, then without a reason', () => {
    expect(checkTransition({ ...base, from: 'started', to: 'signed' })).toEqual({ ok: false, refusal: 'rollback_not_allowed' });
    expect(checkTransition({ ...base, from: 'started', to: 'signed', mayRollback: true, reason: '  ' })).toEqual({
      ok: false,
      refusal: 'rollback_needs_reason',
    });
    expect(checkTransition({ ...base, from: 'started', to: 'planned', mayRollback: true, reason: '误报' })).toEqual({
      ok: true,
      isRollback: true,
    });
  });
  it('refuses dates in the future or before the last change', () => {
    expect(checkTransition({ ...base, from: 'planned', to: 'signed', onDate: '2026-07-17' })).toEqual({
      ok: false,
      refusal: 'date_in_future',
    });
    expect(checkTransition({ ...base, from: 'planned', to: 'signed', lastDate: '2026-07-02' })).toEqual({
      ok: false,
      refusal: 'date_before_previous',
    });
  });
});

describe('lifecycle property', () => {
  const step = fc.record({
    to: fc.constantFrom(...stages),
    days: fc.integer({ min: 0, max: 30 }),
    mayRollback: fc.boolean(),
    reason: fc.option(fc.string()),
  });

  it('never reaches a stage without passing the ones before it, unless by an authorised rollback with a reason', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        let stage: Stage = 'planned';
        let date = '2026-01-01';
        let last: string | null = null;
        const visited = new Set<Stage>(['planned']);
        for (const s of steps) {
          const onDate = addDays(date, s.days);
          const v = checkTransition({
            from: stage,
            to: s.to,
            onDate,
            lastDate: last,
            asOf: '2030-01-01',
            mayRollback: s.mayRollback,
            reason: s.reason,
          });
          if (!v.ok) continue;
          if (v.isRollback) {
            expect(s.mayRollback).toBe(true);
            expect(s.reason?.trim()).toBeTruthy();
            expect(stageIndex(s.to)).toBeLessThan(stageIndex(stage));
          } else {
            // every stage before the new one was visited on the way
            for (const earlier of stages.slice(0, stageIndex(s.to))) expect(visited.has(earlier)).toBe(true);
            expect(stageIndex(s.to)).toBe(stageIndex(stage) + 1);
          }
          stage = s.to;
          visited.add(stage);
          date = onDate;
          last = onDate;
        }
      }),
    );
  });
});

describe('stageAsOf and reachedOn', () => {
  const ts = [
    { toStage: 'signed' as const, onDate: '2026-01-10' },
    { toStage: 'started' as const, onDate: '2026-03-01' },
    { toStage: 'building' as const, onDate: '2026-04-01' },
  ];
  it('gives the stage on a date', () => {
    expect(stageAsOf(ts, '2026-01-09')).toBe('planned');
    expect(stageAsOf(ts, '2026-03-01')).toBe('started');
    expect(stageAsOf(ts, '2026-12-31')).toBe('building');
  });
  it('gives when a stage (or later) was first reached', () => {
    expect(reachedOn(ts, 'started', '2026-12-31')).toBe('2026-03-01');
    expect(reachedOn(ts, 'started', '2026-02-01')).toBeNull();
    expect(reachedOn(ts, 'producing', '2026-12-31')).toBeNull();
  });
  it('names the focus the article gives each stage', () => {
    expect(stageFocus('signed')).toBe('landing');
    expect(stageFocus('started')).toBe('progress');
    expect(stageFocus('building')).toBe('completion');
    expect(stageFocus('producing')).toBe('target');
  });
});
