import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldIssues, ragRuleSetSchema, ragRuleSpecs, ratedRules } from '@kpc/contracts';
import { addDays } from './dates.js';
import { defaultRagRules, ragFor, ragRank, type RagFacts, type RagRuleSet } from './rag.js';
import { completeRuleSet, ruleSetRegionFor } from './rag-rule-sets.js';

const clone = () => structuredClone(defaultRagRules) as unknown as Record<string, Record<string, unknown>>;
const issuesOf = (v: unknown, locale: 'zh-CN' | 'en' = 'zh-CN') => {
  const r = ragRuleSetSchema.safeParse(v);
  return r.success ? [] : fieldIssues(r.error.issues, locale);
};

describe('the rule-set schema and the domain rule set', () => {
  it('has the same rules and fields as defaultRagRules, and accepts the defaults', () => {
    expect(Object.keys(defaultRagRules).sort()).toEqual([...ratedRules].sort());
    for (const rule of ratedRules)
      expect(Object.keys(ragRuleSpecs[rule].fields).sort(), rule).toEqual(Object.keys(defaultRagRules[rule]).sort());
    expect(ragRuleSetSchema.parse(defaultRagRules)).toEqual(defaultRagRules);
  });

  it('refuses red at or below yellow, naming the field, in zh-CN and English', () => {
    const v = clone();
    v.milestone_slip!.yellowDays = 40;
    v.investment_behind!.redPoints = 10;
    expect(issuesOf(v)).toEqual([
      { field: 'milestone_slip.redDays', message: '红色阈值须大于黄色阈值' },
      { field: 'investment_behind.redPoints', message: '红色阈值须大于黄色阈值' },
    ]);
    expect(issuesOf(v, 'en')[0]!.message).toBe('The red threshold must be above the yellow one');
  });

  it('refuses shares outside 0–1, counts below 1, fractions of days, unknown and missing fields', () => {
    const v = clone();
    v.milestone_slip!.redShareOfDuration = 1.5;
    v.ledger_overdue!.yellowCount = 0;
    v.problem_overdue!.redDays = 2.5;
    v.decision_overdue!.extra = 1;
    delete v.stage_deadline_missed!.graceDays;
    expect(issuesOf(v).map((i) => i.field)).toEqual([
      'milestone_slip.redShareOfDuration',
      'ledger_overdue.yellowCount',
      'decision_overdue.extra',
      'stage_deadline_missed.graceDays',
      'problem_overdue.redDays',
    ]);
    expect(issuesOf(v)[0]!.message).toBe('不能大于 1');
  });

  it('allows a null red count where the spec does, and a red quota colour', () => {
    const v = clone();
    v.ledger_overdue!.redCount = null;
    v.leader_quota_shortfall!.rag = 'red';
    expect(issuesOf(v)).toEqual([]);
    v.leader_quota_shortfall!.rag = 'green';
    expect(issuesOf(v).map((i) => i.field)).toEqual(['leader_quota_shortfall.rag']);
  });

  it('accepts every in-bounds set whose red is beyond its yellow (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 364 }),
        fc.integer({ min: 1, max: 100 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (y, gap, share) => {
          const v = clone();
          v.milestone_slip = { ...v.milestone_slip, yellowDays: y, redDays: Math.min(730, y + gap), redShareOfDuration: share };
          return issuesOf(v).length === 0;
        },
      ),
    );
  });
});

describe('ruleSetRegionFor', () => {
  it('picks the nearest of the region and its ancestors, never a sibling or a descendant', () => {
    const sets = ['41', '4111', '411104001'];
    expect(ruleSetRegionFor('411104001', sets)).toBe('411104001');
    expect(ruleSetRegionFor('411104002', sets)).toBe('4111');
    expect(ruleSetRegionFor('411104', sets)).toBe('4111');
    expect(ruleSetRegionFor('4102', sets)).toBe('41');
    expect(ruleSetRegionFor('42', sets)).toBeNull();
  });
});

describe('completeRuleSet', () => {
  it('fills the rules and fields a stored set lacks from the defaults', () => {
    const stored = { milestone_slip: { yellowDays: 5, redDays: 20 } };
    const full = completeRuleSet(stored);
    expect(full.milestone_slip).toEqual({ ...defaultRagRules.milestone_slip, yellowDays: 5, redDays: 20 });
    expect(full.problem_overdue).toEqual(defaultRagRules.problem_overdue);
    expect(
      completeRuleSet({ ledger_overdue: { ...defaultRagRules.ledger_overdue, redCount: null } }).ledger_overdue.redCount,
    ).toBeNull();
  });
});

// ---- a stricter set is never greener -------------------------------------------------------------

const ASOF = '2026-07-02';
const ago = fc.integer({ min: -30, max: 90 }).map((d) => addDays(ASOF, -d));
const factsArb = fc.record({
  project: fc.record({
    id: fc.constant(1),
    code: fc.constant('P1'),
    name: fc.constant('项目'),
    stage: fc.constantFrom('signed', 'building'),
    contractDate: fc.constant('2025-12-01'),
    plannedStartDate: ago,
    actualStartDate: fc.constant(null),
    plannedCompletionDate: ago,
    actualCompletionDate: fc.constant(null),
  }),
  milestones: fc.array(
    fc.record({
      id: fc.nat(100),
      name: fc.constant('n'),
      durationDays: fc.integer({ min: 0, max: 300 }),
      slipDays: fc.option(fc.integer({ min: -10, max: 120 })),
    }),
    { maxLength: 4 },
  ),
  investment: fc.option(fc.record({ annualPlan: fc.constant(1000), completed: fc.integer({ min: 0, max: 1000 }) })),
  ledgerItems: fc.array(
    fc.record({ id: fc.nat(100), label: fc.constant('l'), status: fc.constant('in_progress'), deadline: fc.option(ago) }),
    { maxLength: 5 },
  ),
  decisions: fc.array(fc.record({ id: fc.nat(100), label: fc.constant('d'), status: fc.constant('open'), deadline: ago }), {
    maxLength: 5,
  }),
  problems: fc.array(
    fc.record({ id: fc.nat(100), label: fc.constant('p'), status: fc.constant('open'), deadline: fc.option(ago) }),
    {
      maxLength: 5,
    },
  ),
  leaderShortfall: fc.option(
    fc.record({
      leaderId: fc.constant(4),
      name: fc.constant('L'),
      week: fc.constant('2026-W26'),
      siteChecks: fc.nat(1),
      solvedOnSite: fc.nat(1),
      quota: fc.constant({ siteChecks: 2, solvedOnSite: 1 }),
    }),
  ),
}) as fc.Arbitrary<RagFacts>;

/** Every threshold of the spec table lowered by up to `by` of its range (a null count may become one), a colour raised to red. */
function stricter(rules: RagRuleSet, by: number[]): RagRuleSet {
  const out = structuredClone(rules) as unknown as Record<string, Record<string, unknown>>;
  let i = 0;
  for (const rule of ratedRules)
    for (const [k, f] of Object.entries(ragRuleSpecs[rule].fields)) {
      const cut = by[i++ % by.length]!;
      const v = out[rule]![k];
      if (f.kind === 'rag') out[rule]![k] = cut > 0.5 ? 'red' : v;
      else if (v === null) out[rule]![k] = cut > 0.5 ? f.max : null;
      else {
        const lowered = (v as number) - cut * (f.max - f.min);
        out[rule]![k] = Math.max(f.min, f.int ? Math.floor(lowered) : lowered);
      }
    }
  return out as unknown as RagRuleSet;
}

describe('a stricter rule set', () => {
  it('never gives a greener colour (property, over every threshold of the spec table)', () => {
    fc.assert(
      fc.property(factsArb, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 20 }), (f, by) => {
        const lax = ragFor(f, defaultRagRules, ASOF).rag;
        const strict = ragFor(f, stricter(defaultRagRules, by), ASOF).rag;
        return ragRank(strict) >= ragRank(lax);
      }),
      { numRuns: 500 },
    );
  });
});
