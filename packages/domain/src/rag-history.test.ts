import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Rag } from '@kpc/contracts';
import { ragRank } from './rag.js';
import { rateDay, rateDays, recoveryEnds } from './rag-history.js';

const DAY = '2026-07-01';
const rags = (s: string): Rag[] => [...s].map((c) => ({ g: 'green', y: 'yellow', r: 'red' })[c] as Rag);
const shown = (s: string, recoveryDays = 3) =>
  rateDays(rags(s), DAY, recoveryDays)
    .map((r) => (r.held ? 'h' : r.rag[0]))
    .join('');

describe('rateDay (hysteresis)', () => {
  it('takes the computed colour without a spell, and red always', () => {
    expect(rateDay(null, 'green', DAY, 7)).toEqual({ rag: 'green', held: false });
    expect(rateDay(null, 'yellow', DAY, 7)).toEqual({ rag: 'yellow', held: false });
    expect(rateDay({ rag: 'yellow', held: true, fromDate: DAY }, 'red', DAY, 7)).toEqual({ rag: 'red', held: false });
  });

  it('holds a computed green after red as yellow', () => {
    expect(rateDay({ rag: 'red', held: false, fromDate: '2026-06-01' }, 'green', DAY, 7)).toEqual({
      rag: 'yellow',
      held: true,
    });
  });

  it('turns a held yellow green once it has lasted the recovery days', () => {
    const held = { rag: 'yellow' as const, held: true, fromDate: DAY };
    expect(rateDay(held, 'green', '2026-07-07', 7).rag).toBe('yellow');
    expect(rateDay(held, 'green', '2026-07-08', 7).rag).toBe('green');
    expect(recoveryEnds(DAY, 7)).toBe('2026-07-07');
  });

  it('goes from a plain yellow to green at once', () => {
    expect(rateDay({ rag: 'yellow', held: false, fromDate: DAY }, 'green', '2026-07-02', 7).rag).toBe('green');
  });

  it('reads whole histories', () => {
    // red, then green: three held days, then green
    expect(shown('rrggggg')).toBe('rrhhhgg');
    // a computed yellow inside the observation keeps it held; red again restarts it
    expect(shown('rgygrgggg')).toBe('rhhhrhhhg');
    expect(shown('ygyg')).toBe('ygyg');
    expect(shown('ryyyyg')).toBe('rhhhhg');
  });
});

describe('rateDay properties', () => {
  const rag = fc.constantFrom<Rag>('green', 'yellow', 'red');
  const history = fc.array(rag, { minLength: 1, maxLength: 40 });
  const recovery = fc.integer({ min: 1, max: 10 });

  it('never goes from red to green in one day', () => {
    fc.assert(
      fc.property(history, recovery, (h, n) => {
        const out = rateDays(h, DAY, n);
        for (let i = 1; i < out.length; i++) if (out[i - 1]!.rag === 'red') expect(out[i]!.rag).not.toBe('green');
      }),
    );
  });

  it('is never greener for a history at least as late on every day', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(rag, rag), { minLength: 1, maxLength: 40 }), recovery, (pairs, n) => {
        const less = pairs.map(([a, b]) => (ragRank(a) <= ragRank(b) ? a : b));
        const more = pairs.map(([a, b]) => (ragRank(a) <= ragRank(b) ? b : a));
        const l = rateDays(less, DAY, n);
        const m = rateDays(more, DAY, n);
        l.forEach((x, i) => expect(ragRank(m[i]!.rag)).toBeGreaterThanOrEqual(ragRank(x.rag)));
      }),
    );
  });

  it('is never greener than the computed colour', () => {
    fc.assert(
      fc.property(history, recovery, (h, n) => {
        rateDays(h, DAY, n).forEach((x, i) => expect(ragRank(x.rag)).toBeGreaterThanOrEqual(ragRank(h[i]!)));
      }),
    );
  });
});
