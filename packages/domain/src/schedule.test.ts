import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  backwardSchedule,
  forwardForecast,
  isOverdue,
  isWorkingDay,
  projectSlipDays,
  ScheduleError,
  shiftDays,
  slipDays,
  trackMilestones,
  type ScheduleDependency,
} from './schedule.js';
import { addDays } from './dates.js';

const fs = (p: string, s: string, lag = 0): ScheduleDependency => ({ predecessorKey: p, successorKey: s, lagDays: lag });
const byKey = (r: ReturnType<typeof backwardSchedule>) => Object.fromEntries(r.nodes.map((n) => [n.key, n]));
const calendar = { mode: 'calendar' as const, asOf: '2026-01-01' };

describe('backwardSchedule by hand', () => {
  it('schedules a chain backwards; the final node finishes on the target', () => {
    const r = backwardSchedule(
      [
        { key: 'A', durationDays: 10 },
        { key: 'B', durationDays: 5 },
        { key: 'C', durationDays: 3 },
      ],
      [fs('A', 'B'), fs('B', 'C')],
      '2026-12-31',
      calendar,
    );
    const n = byKey(r);
    expect(n.C).toMatchObject({ latestFinish: '2026-12-31', latestStart: '2026-12-29' });
    expect(n.B).toMatchObject({ latestFinish: '2026-12-28', latestStart: '2026-12-24' });
    expect(n.A).toMatchObject({ latestFinish: '2026-12-23', latestStart: '2026-12-14' });
    expect(r.feasible).toBe(true);
    expect(r.infeasibility).toBeNull();
  });

  it('takes the earliest successor start for parallel branches and names the binding one', () => {
    const r = backwardSchedule(
      [
        { key: 'D', durationDays: 3 },
        { key: 'A', durationDays: 10 },
        { key: 'B', durationDays: 20 },
        { key: 'C', durationDays: 5 },
      ],
      [fs('D', 'A'), fs('D', 'B'), fs('A', 'C'), fs('B', 'C')],
      '2026-06-30',
      calendar,
    );
    const n = byKey(r);
    expect(n.C).toMatchObject({ latestStart: '2026-06-26', latestFinish: '2026-06-30' });
    expect(n.A).toMatchObject({ latestFinish: '2026-06-25', latestStart: '2026-06-16' });
    expect(n.B).toMatchObject({ latestFinish: '2026-06-25', latestStart: '2026-06-06' });
    expect(n.D).toMatchObject({ latestFinish: '2026-06-05', latestStart: '2026-06-03', bindingSuccessor: 'B' });
  });

  it('leaves the lag between a predecessor finish and its successor start', () => {
    const r = backwardSchedule(
      [
        { key: 'A', durationDays: 4 },
        { key: 'B', durationDays: 5 },
      ],
      [fs('A', 'B', 7)],
      '2026-03-31',
      calendar,
    );
    expect(byKey(r).B!.latestStart).toBe('2026-03-27');
    // 7 clear days (03-20 … 03-26) between A's finish and B's start
    expect(byKey(r).A).toMatchObject({ latestFinish: '2026-03-19', latestStart: '2026-03-16' });
  });

  it('skips weekends in working-day mode and moves a Saturday target to the Friday', () => {
    const r = backwardSchedule(
      [
        { key: 'A', durationDays: 2 },
        { key: 'B', durationDays: 5 },
        { key: 'C', durationDays: 3 },
      ],
      [fs('A', 'B', 2), fs('B', 'C')],
      '2026-07-18', // a Saturday
      { mode: 'working', asOf: '2026-01-01' },
    );
    const n = byKey(r);
    expect(r.finishDate).toBe('2026-07-17');
    expect(n.C).toMatchObject({ latestFinish: '2026-07-17', latestStart: '2026-07-15' });
    expect(n.B).toMatchObject({ latestFinish: '2026-07-14', latestStart: '2026-07-08' });
    // lag of 2 working days: Mon 07-06 and Tue 07-07 lie between A and B
    expect(n.A).toMatchObject({ latestFinish: '2026-07-03', latestStart: '2026-07-02' });
  });

  it('treats a zero-duration node as a point event', () => {
    const r = backwardSchedule([{ key: 'M', durationDays: 0 }], [], '2026-05-05', calendar);
    expect(byKey(r).M).toMatchObject({ latestStart: '2026-05-05', latestFinish: '2026-05-05' });
  });

  it('reports infeasibility with the chain that causes it', () => {
    const r = backwardSchedule(
      [
        { key: 'land', durationDays: 60 },
        { key: 'permit', durationDays: 60 },
        { key: 'side', durationDays: 5 },
        { key: 'build', durationDays: 100 },
      ],
      [fs('land', 'permit'), fs('permit', 'build'), fs('side', 'build')],
      '2026-09-30',
      { mode: 'calendar', asOf: '2026-05-01' },
    );
    expect(r.feasible).toBe(false);
    expect(r.infeasibleKeys.sort()).toEqual(['land', 'permit']);
    expect(r.infeasibility).toMatchObject({ key: 'land', chain: ['land', 'permit', 'build'] });
    expect(r.infeasibility!.shortByDays).toBeGreaterThan(0);
  });

  it('does not call a started node infeasible', () => {
    const r = backwardSchedule([{ key: 'A', durationDays: 30, actualStart: '2026-01-10' }], [], '2026-02-01', {
      mode: 'calendar',
      asOf: '2026-01-20',
    });
    expect(r.feasible).toBe(true);
  });

  it('refuses cycles, naming them', () => {
    const nodes = ['A', 'B', 'C'].map((key) => ({ key, durationDays: 1 }));
    expect(() => backwardSchedule(nodes, [fs('A', 'B'), fs('B', 'C'), fs('C', 'B')], '2026-01-01', calendar)).toThrow(
      ScheduleError,
    );
    try {
      backwardSchedule(nodes, [fs('A', 'B'), fs('B', 'C'), fs('C', 'B')], '2026-01-01', calendar);
    } catch (e) {
      expect((e as ScheduleError).kind).toBe('cycle');
      expect((e as ScheduleError).keys).toEqual(['B', 'C', 'B']);
    }
  });

  it('refuses unknown nodes and negative lags', () => {
    const nodes = [{ key: 'A', durationDays: 1 }];
    expect(() => backwardSchedule(nodes, [fs('A', 'X')], '2026-01-01', calendar)).toThrow(/unknown_node/);
    expect(() => backwardSchedule([...nodes, { key: 'B', durationDays: 1 }], [fs('A', 'B', -1)], '2026-01-01', calendar)).toThrow(
      /bad_lag/,
    );
  });
});

describe('forwardForecast and slip', () => {
  const nodes = [
    { key: 'A', durationDays: 10, plannedStart: '2026-03-01' },
    { key: 'B', durationDays: 5, plannedStart: '2026-03-20' },
    { key: 'C', durationDays: 3, plannedStart: '2026-04-01' },
  ];
  const deps = [fs('A', 'B'), fs('B', 'C', 2)];

  it('keeps the plan when nothing is late', () => {
    const f = forwardForecast(nodes, deps, { mode: 'calendar', asOf: '2026-02-01' });
    expect(f.get('C')).toEqual({ forecastStart: '2026-04-01', forecastFinish: '2026-04-03' });
  });

  it('pushes successors out from late actual dates', () => {
    const f = forwardForecast(
      [{ ...nodes[0]!, actualStart: '2026-03-05', actualFinish: '2026-03-25' }, nodes[1]!, nodes[2]!],
      deps,
      { mode: 'calendar', asOf: '2026-03-26' },
    );
    expect(f.get('A')).toEqual({ forecastStart: '2026-03-05', forecastFinish: '2026-03-25' });
    expect(f.get('B')).toEqual({ forecastStart: '2026-03-26', forecastFinish: '2026-03-30' });
    // 2 days lag after B's finish
    expect(f.get('C')).toEqual({ forecastStart: '2026-04-02', forecastFinish: '2026-04-04' });
    expect(slipDays(f.get('C')!.forecastFinish, '2026-04-03')).toBe(1);
  });

  it('does not forecast a started node to finish before today', () => {
    const f = forwardForecast([{ key: 'A', durationDays: 5, actualStart: '2026-03-01' }], [], {
      mode: 'calendar',
      asOf: '2026-03-20',
    });
    expect(f.get('A')!.forecastFinish).toBe('2026-03-20');
  });

  it('project slip is the largest node slip; overdue means unfinished past its latest finish', () => {
    expect(projectSlipDays([null, -3, 4, 0])).toBe(4);
    expect(projectSlipDays([null])).toBeNull();
    expect(isOverdue({ latestFinish: '2026-03-01' }, '2026-03-02')).toBe(true);
    expect(isOverdue({ latestFinish: '2026-03-01', actualFinish: '2026-03-05' }, '2026-03-10')).toBe(false);
    expect(isOverdue({ latestFinish: '2026-03-02' }, '2026-03-02')).toBe(false);
  });
});

// ---- properties ------------------------------------------------------------------------------

/** Random DAGs: edges only from a lower to a higher index, so acyclic by construction. */
const dag = fc
  .integer({ min: 1, max: 12 })
  .chain((n) =>
    fc.record({
      durations: fc.array(fc.integer({ min: 0, max: 60 }), { minLength: n, maxLength: n }),
      edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.integer({ min: 0, max: 10 })), { maxLength: 3 * n }),
    }),
  )
  .map(({ durations, edges }) => {
    const nodes = durations.map((d, i) => ({ key: `n${i}`, durationDays: d }));
    const seen = new Set<string>();
    const deps: ScheduleDependency[] = [];
    for (const [a, b, lag] of edges) {
      if (a === b) continue;
      const [p, s] = a < b ? [a, b] : [b, a];
      if (seen.has(`${p}-${s}`)) continue;
      seen.add(`${p}-${s}`);
      deps.push(fs(`n${p}`, `n${s}`, lag));
    }
    return { nodes, deps };
  });

const date = fc.integer({ min: 0, max: 3000 }).map((d) => addDays('2024-01-01', d));
const mode = fc.constantFrom('calendar' as const, 'working' as const);

describe('backwardSchedule properties', () => {
  it('every predecessor finishes, plus its lag, before its successor starts', () => {
    fc.assert(
      fc.property(dag, date, mode, ({ nodes, deps }, target, m) => {
        const n = byKey(backwardSchedule(nodes, deps, target, { mode: m, asOf: '2020-01-01' }));
        for (const d of deps) {
          const pred = n[d.predecessorKey]!;
          const succ = n[d.successorKey]!;
          // counted in the mode's days: the successor starts 1 + lag days after the predecessor finishes, or later
          expect(shiftDays(pred.latestFinish, d.lagDays, m) < succ.latestStart).toBe(true);
          expect(addDays(pred.latestFinish, d.lagDays) < succ.latestStart).toBe(true);
        }
      }),
    );
  });

  it('every sink finishes on the target (working mode: the last working day on or before it)', () => {
    fc.assert(
      fc.property(dag, date, mode, ({ nodes, deps }, target, m) => {
        const r = backwardSchedule(nodes, deps, target, { mode: m, asOf: '2020-01-01' });
        const sources = new Set(deps.map((d) => d.predecessorKey));
        for (const node of r.nodes) if (!sources.has(node.key)) expect(node.latestFinish).toBe(r.finishDate);
        if (m === 'calendar') expect(r.finishDate).toBe(target);
        else expect(isWorkingDay(r.finishDate) && r.finishDate <= target && addDays(r.finishDate, 3) > target).toBe(true);
      }),
    );
  });

  it('durations are kept: latestFinish − latestStart spans duration days', () => {
    fc.assert(
      fc.property(dag, date, mode, ({ nodes, deps }, target, m) => {
        for (const node of backwardSchedule(nodes, deps, target, { mode: m, asOf: '2020-01-01' }).nodes) {
          if (node.durationDays <= 1) expect(node.latestStart).toBe(node.latestFinish);
          else expect(shiftDays(node.latestStart, node.durationDays - 1, m)).toBe(node.latestFinish);
          if (m === 'working') expect(isWorkingDay(node.latestStart) && isWorkingDay(node.latestFinish)).toBe(true);
        }
      }),
    );
  });

  it('is infeasible exactly when some latest start is before asOf', () => {
    fc.assert(
      fc.property(dag, date, date, mode, ({ nodes, deps }, target, asOf, m) => {
        const r = backwardSchedule(nodes, deps, target, { mode: m, asOf });
        const late = r.nodes.filter((n) => n.latestStart < asOf).map((n) => n.key);
        expect(r.feasible).toBe(late.length === 0);
        expect(r.infeasibleKeys).toEqual(late);
        if (!r.feasible) {
          const chain = r.infeasibility!.chain;
          expect(r.nodes.find((n) => n.key === chain.at(-1))!.latestFinish).toBe(r.finishDate);
          expect(r.infeasibility!.latestStart).toBe(r.nodes.map((n) => n.latestStart).sort()[0]);
        }
      }),
    );
  });

  it('never accepts a cycle', () => {
    fc.assert(
      fc.property(dag, fc.integer({ min: 2, max: 12 }), ({ nodes, deps }, len) => {
        // close a cycle through the first min(len, n) nodes
        const k = Math.min(len, nodes.length);
        if (k < 2) return;
        const ring = Array.from({ length: k }, (_, i) => fs(`n${i}`, `n${(i + 1) % k}`));
        expect(() => backwardSchedule(nodes, [...deps, ...ring], '2026-01-01', calendar)).toThrow(ScheduleError);
      }),
    );
  });
});

describe('trackMilestones', () => {
  it('marks a node late when its forecast finish passes the baseline, and overdue when unfinished past it', () => {
    const r = trackMilestones(
      [
        { key: 'A', durationDays: 10, latestStart: '2026-03-01', latestFinish: '2026-03-10', actualStart: '2026-03-01' },
        { key: 'B', durationDays: 5, latestStart: '2026-03-11', latestFinish: '2026-03-15' },
      ],
      [fs('A', 'B')],
      { mode: 'calendar', asOf: '2026-03-12' },
    );
    const [a, b] = r.nodes;
    expect(a).toMatchObject({ forecastFinish: '2026-03-12', slipDays: 2, overdue: true, late: true });
    expect(b).toMatchObject({ forecastStart: '2026-03-13', forecastFinish: '2026-03-17', slipDays: 2, overdue: false });
    expect(r).toMatchObject({ slipDays: 2, late: true });
  });

  it('a project on plan has zero slip and nothing late', () => {
    const r = trackMilestones([{ key: 'A', durationDays: 10, latestStart: '2026-03-01', latestFinish: '2026-03-10' }], [], {
      mode: 'calendar',
      asOf: '2026-02-01',
    });
    expect(r).toMatchObject({ slipDays: 0, late: false });
  });
});
