/**
 * Supervision colours 三色督办 (issue 11, first slice; ADR 0010): computed at request time from the
 * records by domain rag.ts under each region's rule set in force, for one project or every project the actor may
 * see. Everyone who reads a project reads its colour. A supervisor's override 人工调整 in force
 * (rag-overrides.service.ts) is the colour shown, the computed one beside it. No colour history yet:
 * `since` is null until the daily job keeps colour spells.
 */
import { and, eq, type SQL } from 'drizzle-orm';
import type { Locale, ProjectRag, ProjectRagQuery, RagMap, RagMapQuery, RagReason } from '@kpc/contracts';
import {
  addWeeks,
  completeRuleSet,
  defaultRagRules,
  ruleSetRegionFor,
  isoWeekOfDate,
  ragFor,
  ragRank,
  throughMonth,
  type RagFacts,
  type RagReasonResult,
  type RagResult,
  type RagRuleSet,
} from '@kpc/domain';
import type { Executor } from '../../db/client.js';
import { projects } from '../../db/schema/index.js';
import { today } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { requireProjectRead, requireRegion } from '../../lib/policy.js';
import { findProjectRef, projectsInRegion, visibleProjects } from '../../lib/project-scope.js';
import type { RequestContext } from '../../lib/request-context.js';
import { weeklyShortfalls } from '../compliance/compliance.service.js';
import { trackRows } from '../milestones/milestones.service.js';
import { overrideView, overridesInForce } from './rag-overrides.service.js';
import * as ruleSetRepo from './rag-rule-sets.repository.js';
import * as repo from './supervision.repository.js';

export interface ProjectColour {
  project: repo.ProjectRow;
  result: RagResult;
  /** The colour shown: the override in force, else the computed one (set by `withOverrides`). */
  shown?: RagResult['rag'];
}

/** Sets each colour's `shown` from the overrides in force on `asOf`; returns them by project. */
async function withOverrides(db: Executor, colours: ProjectColour[], asOf: string) {
  const overrides = await overridesInForce(
    db,
    colours.map((c) => c.project.id),
    asOf,
  );
  for (const c of colours) c.shown = overrides.get(c.project.id)?.row.rag ?? c.result.rag;
  return overrides;
}
const shownOf = (c: ProjectColour) => c.shown ?? c.result.rag;

function groupBy<T>(list: readonly T[], key: (x: T) => number): Map<number, T[]> {
  const by = new Map<number, T[]>();
  for (const x of list) {
    const k = key(x);
    const same = by.get(k);
    if (same) same.push(x);
    else by.set(k, [x]);
  }
  return by;
}

/**
 * The rule sets in force (ADR 0010, issue 11 item 2): the newest version of every region that has one,
 * and for any region the set that applies — its own or its nearest ancestor's, else `defaultRagRules`.
 */
export interface RuleSetsInForce {
  /** The newest version of each region that has one. */
  byRegion: Map<string, { id: number; version: number; rules: RagRuleSet }>;
  /** The region whose set applies to `regionCode`, null for the defaults. */
  regionFor: (regionCode: string) => string | null;
  rulesFor: (regionCode: string) => RagRuleSet;
}

export async function ruleSetsInForce(db: Executor): Promise<RuleSetsInForce> {
  const byRegion = new Map(
    (await ruleSetRepo.newestOfEveryRegion(db)).map((r) => [
      r.regionCode,
      { id: r.id, version: r.version, rules: completeRuleSet(r.rules as Record<string, Record<string, unknown>>) },
    ]),
  );
  const regionFor = (regionCode: string) => ruleSetRegionFor(regionCode, byRegion.keys());
  // projects share a handful of region codes: resolve each once
  const resolved = new Map<string, RagRuleSet>();
  const rulesFor = (regionCode: string) => {
    let r = resolved.get(regionCode);
    if (!r) {
      const from = regionFor(regionCode);
      r = from === null ? defaultRagRules : byRegion.get(from)!.rules;
      resolved.set(regionCode, r);
    }
    return r;
  };
  return { byRegion, regionFor, rulesFor };
}

export interface ProjectFacts {
  project: repo.ProjectRow;
  facts: RagFacts;
}

/**
 * The facts the rules read for every project in `scope` on `asOf`: eight set-based statements plus the
 * quota's, whatever the number of projects. `quotaRegion` is the region whose contracting leaders'
 * last-week quota counts.
 */
export async function factsOf(db: Executor, scope: SQL, asOf: string, quotaRegion: string): Promise<ProjectFacts[]> {
  const year = Number(asOf.slice(0, 4));
  const lastWeek = addWeeks(isoWeekOfDate(asOf), -1);
  const [list, { nodes, deps }, investment, ledger, decisions, problems, shortfalls, supervised] = await Promise.all([
    repo.projectsIn(db, scope),
    repo.nodesIn(db, scope),
    repo.investmentIn(db, scope, year, throughMonth(year, asOf)),
    repo.overdueLedgerItems(db, scope, asOf),
    repo.overdueDecisions(db, scope, asOf),
    repo.overdueProblems(db, scope, asOf),
    weeklyShortfalls(db, quotaRegion, lastWeek),
    repo.overdueSupervisionItems(db, scope, asOf),
  ]);
  const nodesOf = groupBy(nodes, (n) => n.projectId);
  const depsOf = groupBy(deps, (d) => d.projectId);
  const investmentOf = new Map(investment.map((i) => [i.projectId, i]));
  const ledgerOf = groupBy(ledger, (x) => x.projectId);
  const decisionsOf = groupBy(decisions, (x) => x.projectId);
  const problemsOf = groupBy(problems, (x) => x.projectId);
  const supervisedOf = groupBy(supervised, (x) => x.projectId);
  const shortfallOf = new Map(shortfalls.rows.filter((r) => r.personType === 'leader').map((r) => [r.personId, r]));
  return list.map((p) => {
    const mine = nodesOf.get(p.id) ?? [];
    const tracked = mine.length
      ? trackRows(
          mine.map((n) => ({ m: n, latestStart: n.latestStart, latestFinish: n.latestFinish })),
          depsOf.get(p.id) ?? [],
          mine[0]!.calendarMode ?? 'calendar',
          asOf,
        ).nodes
      : [];
    const s = p.leaderId === null ? undefined : shortfallOf.get(p.leaderId);
    const facts: RagFacts = {
      project: p,
      milestones: mine.map((n, i) => ({
        id: n.id,
        name: n.name,
        durationDays: n.durationDays,
        slipDays: tracked[i]!.slipDays,
        finished: n.actualFinish !== null,
      })),
      investment: investmentOf.get(p.id) ?? null,
      ledgerItems: ledgerOf.get(p.id) ?? [],
      decisions: decisionsOf.get(p.id) ?? [],
      problems: problemsOf.get(p.id) ?? [],
      supervisionItems: supervisedOf.get(p.id) ?? [],
      leaderShortfall: s
        ? {
            leaderId: s.personId,
            name: s.name,
            week: shortfalls.week,
            siteChecks: s.siteChecks,
            solvedOnSite: s.solvedOnSite,
            quota: shortfalls.quota,
          }
        : null,
    };
    return { project: p, facts };
  });
}

/**
 * The colour of every project in `scope` on `asOf`, each under the rule set in force for its region
 * (`ruleSetsInForce`, read once per call alongside the facts), or under `rules` for all of them when given.
 */
export async function coloursOf(
  db: Executor,
  scope: SQL,
  asOf: string,
  quotaRegion: string,
  rules?: RagRuleSet,
): Promise<ProjectColour[]> {
  const [facts, sets] = await Promise.all([factsOf(db, scope, asOf, quotaRegion), rules ? null : ruleSetsInForce(db)]);
  const rulesFor = sets ? sets.rulesFor : () => rules!;
  return facts.map(({ project, facts: f }) => ({ project, result: ragFor(f, rulesFor(project.regionCode), asOf) }));
}

/** A reason in the user's language. */
export const reasonIn = (r: RagReasonResult, locale: Locale): RagReason => ({ ...r, message: r.message[locale] });

export async function getProjectRag(ctx: RequestContext, id: number, q: ProjectRagQuery): Promise<ProjectRag> {
  const ref = await findProjectRef(ctx.db, id);
  if (!ref) throw new AppError('NOT_FOUND');
  requireProjectRead(ctx.actor, ref);
  const asOf = q.asOf ?? today(ctx.clock);
  const colours = await coloursOf(ctx.db, eq(projects.id, id), asOf, ctx.actor.regionCode);
  const c = colours[0];
  if (!c) throw new AppError('NOT_FOUND');
  const overrides = await withOverrides(ctx.db, colours, asOf);
  return {
    projectId: id,
    asOf,
    rag: shownOf(c),
    computedRag: c.result.rag,
    since: null,
    reasons: c.result.reasons.map((r) => reasonIn(r, ctx.locale)),
    override: overrideView(overrides.get(id)),
  };
}

/** Red first, then yellow, then green; within a colour by code. */
const byColour = (a: ProjectColour, b: ProjectColour) =>
  ragRank(shownOf(b)) - ragRank(shownOf(a)) || a.project.code.localeCompare(b.project.code) || a.project.id - b.project.id;

export async function getColourMap(ctx: RequestContext, q: RagMapQuery): Promise<RagMap> {
  const regionCode = q.regionCode ?? ctx.actor.regionCode;
  requireRegion(ctx.actor, regionCode);
  const asOf = q.asOf ?? today(ctx.clock);
  const colours = await coloursOf(
    ctx.db,
    and(visibleProjects(ctx.actor), projectsInRegion(regionCode))!,
    asOf,
    ctx.actor.regionCode,
  );
  const overrides = await withOverrides(ctx.db, colours, asOf);
  colours.sort(byColour);
  return {
    asOf,
    counts: countColours(colours),
    items: colours.map((c) => ({
      projectId: c.project.id,
      code: c.project.code,
      name: c.project.name,
      rag: shownOf(c),
      computedRag: c.result.rag,
      overridden: overrides.has(c.project.id),
      reasons: c.result.reasons.map((r) => reasonIn(r, ctx.locale)),
    })),
  };
}

export function countColours(colours: readonly ProjectColour[]) {
  const counts = { green: 0, yellow: 0, red: 0 };
  for (const c of colours) counts[shownOf(c)]++;
  return counts;
}

/** The dashboard's figure: the projects of `scope` by colour, with their ids (ascending). */
export async function colourSummary(db: Executor, scope: SQL, asOf: string, quotaRegion: string) {
  const colours = await coloursOf(db, scope, asOf, quotaRegion);
  await withOverrides(db, colours, asOf);
  const ids = { green: [] as number[], yellow: [] as number[], red: [] as number[] };
  for (const c of colours) ids[shownOf(c)].push(c.project.id);
  return { ...countColours(colours), ids };
}
