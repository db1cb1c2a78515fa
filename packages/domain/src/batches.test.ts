import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stages, type Stage } from '@kpc/contracts';
import { batchRates, cohortRate, periodsOverlap, type CohortProject } from './batches.js';

/** A project that moved one stage per listed date, starting from 'signed'. */
const walked = (projectId: number, dates: string[]): CohortProject => ({
  projectId,
  transitions: dates.map((onDate, i) => ({ toStage: stages[i + 1]!, onDate })),
});

describe('three-batches rates', () => {
  // signed 01-10, started 02-10, building 03-10, completed 04-10, producing 05-10, at_target 06-10
  const full = walked(1, ['2026-01-10', '2026-02-10', '2026-03-10', '2026-04-10', '2026-05-10', '2026-06-10']);
  const startedOnly = walked(2, ['2026-01-05', '2026-03-01']);
  const signedOnly = walked(3, ['2026-01-07']);
  const producing = walked(4, ['2025-01-01', '2025-02-01', '2025-03-01', '2025-04-01', '2026-04-20']);

  it('computes hand-checked rates of a cohort as of a date', () => {
    const r = batchRates(
      { signing: [full, startedOnly, signedOnly], starting: [full, startedOnly, producing], commissioning: [full, producing] },
      '2026-07-16',
    );
    expect(r.fulfilment).toEqual({ rate: 2 / 3, numerator: 2, denominator: 3, listProjectIds: [1, 2, 3], metProjectIds: [1, 2] });
    expect(r.commissioning).toMatchObject({ numerator: 2, denominator: 3, metProjectIds: [1, 4] });
    expect(r.targetAttainment).toMatchObject({ rate: 0.5, metProjectIds: [1] });
    expect(r.fulfilmentRate).toBe(2 / 3);
  });

  it('looks only at transitions dated on or before asOf', () => {
    expect(cohortRate([full, startedOnly, signedOnly], 'started', '2026-02-28').metProjectIds).toEqual([1]);
    expect(cohortRate([full, startedOnly, signedOnly], 'started', '2026-03-01').metProjectIds).toEqual([1, 2]);
    expect(cohortRate([full], 'at_target', '2026-06-09').rate).toBe(0);
  });

  it('follows a rollback: a project moved back is no longer counted', () => {
    const rolledBack: CohortProject = {
      projectId: 9,
      transitions: [
        { toStage: 'signed', onDate: '2026-01-01' },
        { toStage: 'started', onDate: '2026-02-01' },
        { toStage: 'signed', onDate: '2026-02-15' },
      ],
    };
    expect(cohortRate([rolledBack], 'started', '2026-02-10').rate).toBe(1);
    expect(cohortRate([rolledBack], 'started', '2026-03-01').rate).toBe(0);
  });

  it('takes a project without recorded transitions at its current stage', () => {
    expect(cohortRate([{ projectId: 5, transitions: [], currentStage: 'producing' }], 'producing', '2026-01-01').rate).toBe(1);
  });

  it('gives null, not NaN, for an empty list and counts a duplicate once', () => {
    expect(batchRates({ signing: [], starting: [], commissioning: [] }, '2026-07-16')).toMatchObject({
      fulfilmentRate: null,
      commissioningRate: null,
      targetAttainmentRate: null,
    });
    expect(cohortRate([full, full], 'started', '2026-07-16')).toMatchObject({ numerator: 1, denominator: 1 });
  });

  it('property: every rate is in [0, 1] or null, never NaN', () => {
    const date = fc
      .integer({ min: 0, max: 800 })
      .map((d) => new Date(Date.UTC(2025, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
    const project = fc.record({
      projectId: fc.integer({ min: 1, max: 50 }),
      transitions: fc.array(fc.record({ toStage: fc.constantFrom<Stage>(...stages), onDate: date }), { maxLength: 8 }),
      currentStage: fc.option(fc.constantFrom<Stage>(...stages), { nil: undefined }),
    });
    const list = fc.array(project, { maxLength: 20 });
    fc.assert(
      fc.property(list, list, list, date, (signing, starting, commissioning, asOf) => {
        const r = batchRates({ signing, starting, commissioning }, asOf);
        for (const c of [r.fulfilment, r.commissioning, r.targetAttainment]) {
          if (c.denominator === 0) expect(c.rate).toBeNull();
          else {
            expect(Number.isNaN(c.rate)).toBe(false);
            expect(c.rate).toBeGreaterThanOrEqual(0);
            expect(c.rate).toBeLessThanOrEqual(1);
            expect(c.rate).toBe(c.numerator / c.denominator);
          }
          expect(c.metProjectIds.every((id) => c.listProjectIds.includes(id))).toBe(true);
        }
      }),
    );
  });
});

describe('periodsOverlap', () => {
  it('treats shared end days as overlap and adjacent ranges as not', () => {
    const a = { startDate: '2026-01-01', endDate: '2026-03-31' };
    expect(periodsOverlap(a, { startDate: '2026-03-31', endDate: '2026-06-30' })).toBe(true);
    expect(periodsOverlap(a, { startDate: '2026-04-01', endDate: '2026-06-30' })).toBe(false);
  });
});
