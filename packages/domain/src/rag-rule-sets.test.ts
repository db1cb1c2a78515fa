import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldIssues, ragRuleSetSchema, ragRuleSpecs, ragRules } from '@kpc/contracts';
import { defaultRagRules } from './rag.js';
import { completeRuleSet, ruleSetRegionFor } from './rag-rule-sets.js';

const clone = () => structuredClone(defaultRagRules) as unknown as Record<string, Record<string, unknown>>;
const issuesOf = (v: unknown, locale: 'zh-CN' | 'en' = 'zh-CN') => {
  const r = ragRuleSetSchema.safeParse(v);
  return r.success ? [] : fieldIssues(r.error.issues, locale);
};

describe('the rule-set schema and the domain rule set', () => {
  it('has the same rules and fields as defaultRagRules, and accepts the defaults', () => {
    expect(Object.keys(defaultRagRules).sort()).toEqual([...ragRules].sort());
    for (const rule of ragRules)
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
