/**
 * Region rule sets 评色规则 (issue 11 item 2): which region's set applies to a project, and a stored set
 * made whole. A region's newest version is in force for its projects and those of the regions below it
 * (codes are prefixes, ADR 0005); where a region has none, its nearest ancestor's applies; where none
 * exists anywhere, `defaultRagRules`.
 */
import type { RagRuleSetValues } from '@kpc/contracts';
import { defaultRagRules, type RagRuleSet } from './rag.js';

/**
 * The region whose set applies to `regionCode`: the longest code among `withSets` that is `regionCode`
 * or an ancestor of it; null when none is (the defaults apply).
 */
export function ruleSetRegionFor(regionCode: string, withSets: Iterable<string>): string | null {
  let best: string | null = null;
  for (const c of withSets) if (regionCode.startsWith(c) && (best === null || c.length > best.length)) best = c;
  return best;
}

/**
 * A stored or received set made whole: every rule of `defaultRagRules`, each field from `values` where it
 * has it, else the default — a set saved before a rule existed rates that rule by its defaults.
 */
export function completeRuleSet(values: Partial<Record<string, Record<string, unknown>>> | RagRuleSetValues): RagRuleSet {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [rule, defaults] of Object.entries(defaultRagRules) as [string, Record<string, unknown>][]) {
    const own = (values as Record<string, Record<string, unknown> | undefined>)[rule] ?? {};
    out[rule] = Object.fromEntries(Object.keys(defaults).map((k) => [k, k in own ? own[k] : defaults[k]]));
  }
  return out as unknown as RagRuleSet;
}
