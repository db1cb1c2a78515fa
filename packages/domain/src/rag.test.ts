import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './dates.js';
import { defaultRagRules, ragFor, ragRank, type RagFacts } from './rag.js';
import { completeRuleSet } from './rag-rule-sets.js';

const ASOF = '2026-07-02'; // 183 / 365 of the year gone: time progress ≈ 50.1 %
const R = defaultRagRules;

const base = (): RagFacts => ({
  project: {
    id: 1,
    code: 'P1',
    name: '示范项目',
    stage: 'building',
    contractDate: '2025-10-01',
    plannedStartDate: '2026-01-10',
    actualStartDate: '2026-01-10',
    plannedCompletionDate: '2027-06-30',
    actualCompletionDate: null,
  },
  milestones: [],
  investment: null,
  ledgerItems: [],
  decisions: [],
  problems: [],
  leaderShortfall: null,
});
const withFacts = (o: Partial<RagFacts>): RagFacts => ({ ...base(), ...o });
const node = (slipDays: number | null, durationDays = 365, id = 11) => ({ id, name: `节点${id}`, durationDays, slipDays });
const overdueBy = (days: number) => addDays(ASOF, -days);

describe('ragFor', () => {
  it('is green without reasons when nothing is late', () => {
    expect(ragFor(base(), R, ASOF)).toEqual({ rag: 'green', reasons: [] });
  });

  describe('milestone_slip', () => {
    it.each([
      [0, 'green'],
      [1, 'yellow'],
      [30, 'yellow'],
      [31, 'red'],
    ] as const)('a long node slipping %i days is %s', (slip, rag) => {
      const r = ragFor(withFacts({ milestones: [node(slip)] }), R, ASOF);
      expect(r.rag).toBe(rag);
      if (rag !== 'green') {
        expect(r.reasons[0]).toMatchObject({
          rule: 'milestone_slip',
          rag,
          value: slip,
          records: [{ entity: 'milestone', id: 11 }],
        });
      }
    });
    it('turns red past 20 % of the node’s duration once over two weeks', () => {
      expect(ragFor(withFacts({ milestones: [node(15, 80)] }), R, ASOF).rag).toBe('yellow'); // 18.75 %
      expect(ragFor(withFacts({ milestones: [node(17, 80)] }), R, ASOF).rag).toBe('red'); // 21 %
      expect(ragFor(withFacts({ milestones: [node(14, 20)] }), R, ASOF).rag).toBe('yellow'); // 70 %, but two weeks
      expect(ragFor(withFacts({ milestones: [node(15, 20)] }), R, ASOF).rag).toBe('red');
    });
    it('ignores a finished node, however late it finished', () => {
      expect(ragFor(withFacts({ milestones: [{ ...node(40), finished: true }] }), R, ASOF).rag).toBe('green');
    });
    it('ignores nodes without a baseline and names every late node, worst first', () => {
      const r = ragFor(withFacts({ milestones: [node(null, 10, 1), node(3, 100, 2), node(40, 100, 3)] }), R, ASOF);
      expect(r.reasons[0]!.records.map((x) => x.id)).toEqual([3, 2]);
      expect(r.reasons[0]!.message['zh-CN']).toContain('节点3');
      expect(r.reasons[0]!.message.en).toContain('40 days late');
    });
  });

  describe('investment_behind', () => {
    const plan = 1_000_000;
    // time progress on ASOF: 183 / 365 = 50.14 %
    it.each([
      [0.41, 'green'], // 9.1 points
      [0.4, 'yellow'], // 10.1
      [0.26, 'yellow'], // 24.1
      [0.25, 'red'], // 25.1
    ] as const)('%f of the plan done is %s', (share, rag) => {
      const r = ragFor(withFacts({ investment: { annualPlan: plan, completed: share * plan } }), R, ASOF);
      expect(r.rag).toBe(rag);
      if (rag !== 'green') expect(r.reasons[0]!.records).toEqual([{ entity: 'project', id: 1, label: '示范项目' }]);
    });
    it('needs an annual plan', () => {
      expect(ragFor(withFacts({ investment: { annualPlan: 0, completed: 0 } }), R, ASOF).rag).toBe('green');
    });
  });

  describe('supervision_overdue', () => {
    const items = (days: number[]) => days.map((d, i) => ({ id: i + 1, label: `督办${i + 1}`, deadline: overdueBy(d) }));
    it.each([
      [[0], 'green'], // due today: not overdue yet
      [[1], 'yellow'],
      [[2, 2], 'yellow'],
      [[2, 2, 2], 'red'],
      [[30], 'yellow'],
      [[31], 'red'],
    ] as const)('supervision items overdue by %j days: %s', (days, rag) => {
      expect(ragFor(withFacts({ supervisionItems: items([...days]) }), R, ASOF).rag).toBe(rag);
    });
    it('names the overdue items, and reads the default when a stored rule set lacks the rule', () => {
      const { supervision_overdue: _s, ...older } = R;
      expect(
        ragFor(
          withFacts({ supervisionItems: items([4]) }),
          completeRuleSet(older as unknown as Record<string, Record<string, unknown>>),
          ASOF,
        ).reasons[0],
      ).toMatchObject({
        rule: 'supervision_overdue',
        rag: 'yellow',
        value: 1,
        threshold: 1,
        records: [{ entity: 'supervision_item', id: 1, label: '督办1' }],
      });
    });
  });

  describe('ledger_overdue and decision_overdue', () => {
    const items = (days: number[]) =>
      days.map((d, i) => ({ id: i + 1, label: `事项${i + 1}`, status: 'in_progress' as const, deadline: overdueBy(d) }));
    it.each([
      [[0], 'green'], // due today: not overdue yet
      [[1], 'yellow'],
      [[5, 5], 'yellow'],
      [[5, 5, 5], 'red'],
      [[30], 'yellow'],
      [[31], 'red'],
    ] as const)('ledger items overdue by %j days: %s', (days, rag) => {
      expect(ragFor(withFacts({ ledgerItems: items([...days]) }), R, ASOF).rag).toBe(rag);
    });
    it('never counts a recurring or done item', () => {
      const r = ragFor(
        withFacts({
          ledgerItems: [
            { id: 1, label: '长期', status: 'in_progress', deadline: null },
            { id: 2, label: '已完成', status: 'done', deadline: overdueBy(50) },
          ],
        }),
        R,
        ASOF,
      );
      expect(r.rag).toBe('green');
    });
    it('decisions: open past the deadline', () => {
      const d = (id: number, days: number, status: 'open' | 'done' = 'open') => ({
        id,
        label: `议定${id}`,
        status,
        deadline: overdueBy(days),
      });
      expect(ragFor(withFacts({ decisions: [d(1, 2)] }), R, ASOF).reasons[0]).toMatchObject({
        rule: 'decision_overdue',
        rag: 'yellow',
        value: 1,
        threshold: 1,
        records: [{ entity: 'decision', id: 1 }],
      });
      expect(ragFor(withFacts({ decisions: [d(1, 2), d(2, 3), d(3, 4)] }), R, ASOF).rag).toBe('red');
      expect(ragFor(withFacts({ decisions: [d(1, 31)] }), R, ASOF).reasons[0]).toMatchObject({
        rag: 'red',
        value: 31,
        threshold: 30,
      });
      expect(ragFor(withFacts({ decisions: [d(1, 40, 'done')] }), R, ASOF).rag).toBe('green');
    });
  });

  describe('stage_deadline_missed', () => {
    it('signed but not started by the planned start date is red', () => {
      const p = { ...base().project, stage: 'signed' as const, actualStartDate: null, plannedStartDate: ASOF };
      expect(ragFor(withFacts({ project: p }), R, ASOF).rag).toBe('green');
      const late = ragFor(withFacts({ project: { ...p, plannedStartDate: overdueBy(1) } }), R, ASOF);
      expect(late.reasons[0]).toMatchObject({
        rule: 'stage_deadline_missed',
        rag: 'red',
        value: 1,
        records: [{ entity: 'project', id: 1 }],
      });
      expect(late.reasons[0]!.message['zh-CN']).toContain('已签约未开工');
    });
    it('started but not completed by the planned completion date is red', () => {
      const p = { ...base().project, plannedCompletionDate: overdueBy(3) };
      expect(ragFor(withFacts({ project: p }), R, ASOF).reasons[0]!.message.en).toContain('Started but not completed');
      expect(ragFor(withFacts({ project: { ...p, stage: 'completed', actualCompletionDate: overdueBy(4) } }), R, ASOF).rag).toBe(
        'green',
      );
    });
  });

  describe('problem_overdue', () => {
    const p = (days: number) => [{ id: 7, label: '征地', status: 'open' as const, deadline: overdueBy(days) }];
    it.each([
      [0, 'green'],
      [1, 'yellow'],
      [30, 'yellow'],
      [31, 'red'],
    ] as const)('an open problem %i days past its deadline: %s', (days, rag) => {
      expect(ragFor(withFacts({ problems: p(days) }), R, ASOF).rag).toBe(rag);
    });
    it('a resolved one does not count', () => {
      expect(
        ragFor(withFacts({ problems: [{ id: 7, label: '征地', status: 'resolved', deadline: overdueBy(90) }] }), R, ASOF).rag,
      ).toBe('green');
    });
  });

  it('leader_quota_shortfall: yellow, naming the leader', () => {
    const r = ragFor(
      withFacts({
        leaderShortfall: {
          leaderId: 4,
          name: '王副区长',
          week: '2026-W26',
          siteChecks: 0,
          solvedOnSite: 0,
          quota: { siteChecks: 1, solvedOnSite: 1 },
        },
      }),
      R,
      ASOF,
    );
    expect(r.rag).toBe('yellow');
    expect(r.reasons[0]).toMatchObject({
      rule: 'leader_quota_shortfall',
      value: 0,
      threshold: 1,
      records: [{ entity: 'leader', id: 4 }],
    });
    expect(r.reasons[0]!.message['zh-CN']).toContain('王副区长');
  });

  it('takes the worst reason, worst first', () => {
    const r = ragFor(
      withFacts({ milestones: [node(5)], problems: [{ id: 1, label: 'x', status: 'open', deadline: overdueBy(40) }] }),
      R,
      ASOF,
    );
    expect(r.rag).toBe('red');
    expect(r.reasons.map((x) => [x.rule, x.rag])).toEqual([
      ['problem_overdue', 'red'],
      ['milestone_slip', 'yellow'],
    ]);
  });
});

// ---- properties ------------------------------------------------------------------------------------

const days = fc.integer({ min: -60, max: 120 });
const factsArb: fc.Arbitrary<RagFacts> = fc.record({
  project: fc.record({
    id: fc.constant(1),
    code: fc.constant('P1'),
    name: fc.constant('项目'),
    stage: fc.constantFrom('planned', 'signed', 'started', 'building', 'completed'),
    contractDate: fc.option(fc.constant('2025-12-01')),
    plannedStartDate: fc.option(days.map(overdueBy)),
    actualStartDate: fc.option(fc.constant('2026-02-01')),
    plannedCompletionDate: fc.option(days.map(overdueBy)),
    actualCompletionDate: fc.constant(null),
  }),
  milestones: fc.array(
    fc.record({
      id: fc.nat(1000),
      name: fc.constant('n'),
      durationDays: fc.integer({ min: 0, max: 400 }),
      slipDays: fc.option(days),
    }),
    { maxLength: 5 },
  ),
  investment: fc.option(
    fc.record({ annualPlan: fc.integer({ min: 0, max: 10_000 }), completed: fc.integer({ min: 0, max: 12_000 }) }),
  ),
  ledgerItems: fc.array(
    fc.record({
      id: fc.nat(1000),
      label: fc.constant('l'),
      status: fc.constantFrom('not_started', 'in_progress', 'done'),
      deadline: fc.option(days.map(overdueBy)),
    }),
    { maxLength: 5 },
  ),
  decisions: fc.array(
    fc.record({
      id: fc.nat(1000),
      label: fc.constant('d'),
      status: fc.constantFrom('open', 'done', 'verified'),
      deadline: days.map(overdueBy),
    }),
    { maxLength: 5 },
  ),
  problems: fc.array(
    fc.record({
      id: fc.nat(1000),
      label: fc.constant('p'),
      status: fc.constantFrom('open', 'in_progress', 'escalated', 'resolved'),
      deadline: fc.option(days.map(overdueBy)),
    }),
    { maxLength: 5 },
  ),
  leaderShortfall: fc.option(
    fc.record({
      leaderId: fc.constant(4),
      name: fc.constant('L'),
      week: fc.constant('2026-W26'),
      siteChecks: fc.nat(3),
      solvedOnSite: fc.nat(3),
      quota: fc.constant({ siteChecks: 1, solvedOnSite: 1 }),
    }),
  ),
}) as fc.Arbitrary<RagFacts>;

/** The same facts, every one later by `more` days (or with less investment done). */
function later(f: RagFacts, more: number, less: number): RagFacts {
  const earlier = (d: string | null) => (d === null ? null : addDays(d, -more));
  return {
    ...f,
    project: {
      ...f.project,
      plannedStartDate: earlier(f.project.plannedStartDate),
      plannedCompletionDate: earlier(f.project.plannedCompletionDate),
    },
    milestones: f.milestones.map((m) => ({ ...m, slipDays: m.slipDays === null ? null : m.slipDays + more })),
    investment: f.investment && { ...f.investment, completed: Math.max(0, f.investment.completed - less) },
    ledgerItems: f.ledgerItems.map((i) => ({ ...i, deadline: earlier(i.deadline) })),
    decisions: f.decisions.map((d) => ({ ...d, deadline: earlier(d.deadline)! })),
    problems: f.problems.map((p) => ({ ...p, deadline: earlier(p.deadline) })),
  };
}

describe('ragFor properties', () => {
  it('more lateness is never greener', () => {
    fc.assert(
      fc.property(factsArb, fc.nat(90), fc.nat(5_000), (f, more, less) => {
        expect(ragRank(ragFor(later(f, more, less), R, ASOF).rag)).toBeGreaterThanOrEqual(ragRank(ragFor(f, R, ASOF).rag));
      }),
    );
  });
  it('more overdue records are never greener', () => {
    fc.assert(
      fc.property(factsArb, days, (f, d) => {
        const more = {
          ...f,
          ledgerItems: [...f.ledgerItems, { id: 9999, label: 'x', status: 'in_progress' as const, deadline: overdueBy(d) }],
        };
        expect(ragRank(ragFor(more, R, ASOF).rag)).toBeGreaterThanOrEqual(ragRank(ragFor(f, R, ASOF).rag));
      }),
    );
  });
  it('every yellow or red names at least one record; a green has no reasons', () => {
    fc.assert(
      fc.property(factsArb, (f) => {
        const r = ragFor(f, R, ASOF);
        if (r.rag === 'green') expect(r.reasons).toEqual([]);
        else expect(r.reasons.length).toBeGreaterThan(0);
        for (const x of r.reasons) {
          expect(x.records.length).toBeGreaterThan(0);
          expect(x.message['zh-CN']).not.toBe('');
          expect(x.message.en).not.toBe('');
        }
        expect(r.reasons[0]?.rag ?? 'green').toBe(r.rag);
      }),
    );
  });
});
