/**
 * Supervision colours 三色督办 (issue 11, first slice; ADR 0010): computed at request time from the
 * records by domain rag.ts under each region's rule set in force, for one project or every project the actor may
 * see. Everyone who reads a project reads its colour. A supervisor's override 人工调整 in force
 * (rag-overrides.service.ts) is the colour shown, the computed one beside it. Colour history: the
 * colour is *rated* as the daily monitoring job rates it (domain rag-history.ts: hysteresis from the
 * spell covering the day before, jobs/daily-monitoring.ts), so a screen never shows green where the
 * job keeps a held yellow; `since` is the spell's first day. The reasons stay computed live.
 */
import { and, eq, type SQL } from 'drizzle-orm';
import type { Locale, ProjectRag, ProjectRagQuery, RagMap, RagMapQuery, RagReason, RagRule } from '@kpc/contracts';
import {
  addDays,
  addWeeks,
  completeRuleSet,
  ruleSetRegionFor,
  changesSpell,
  daysBetween,
  defaultRagRules,
  rateDay,
  recoveryEnds,
  weekBounds,
  weeksEndingWith,
  type RatedColour,
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
import { succeededFor } from '../../jobs/job-runs.repository.js';
import type { RequestContext } from '../../lib/request-context.js';
import { weeklyShortfalls } from '../compliance/compliance.service.js';
import { trackRows } from '../milestones/milestones.service.js';
import { loadSettings } from '../settings/settings.service.js';
import { overrideView, overridesInForce } from './rag-overrides.service.js';
import * as ruleSetRepo from './rag-rule-sets.repository.js';
import { notRatedOn, projectSpellsOnDays, spellsCovering } from './rag-spells.repository.js';
import * as repo from './supervision.repository.js';

export interface ProjectColour {
  project: repo.ProjectRow;
  result: RagResult;
  /** The rated colour after the hysteresis and since when (set by `withHistory`); since null: no history yet. */
  rated?: RatedColour & { since: string | null };
  /** The colour shown: the override in force, else the rated one (set by `withOverrides`). */
  shown?: RagResult['rag'];
}

const ratedOf = (c: ProjectColour) => c.rated?.rag ?? c.result.rag;

/**
 * Rates each colour on `asOf` from the spell covering the day before, as the daily job does; `since` is
 * the first day of that colour: the job's spell of `asOf` when it agrees, else the spell before when the
 * colour goes on, else `asOf` itself (null when the project was never rated).
 */
export async function withHistory(db: Executor, colours: ProjectColour[], asOf: string): Promise<void> {
  const ids = colours.map((c) => c.project.id);
  const [{ ragRecoveryDays }, before, on] = await Promise.all([
    loadSettings(db),
    spellsCovering(db, 'project', ids, addDays(asOf, -1)),
    spellsCovering(db, 'project', ids, asOf),
  ]);
  for (const c of colours) {
    const base = before.get(c.project.id);
    const baseState = base ? { rag: base.rag, held: base.held, fromDate: base.fromDate } : null;
    const rated = rateDay(baseState, c.result.rag, asOf, ragRecoveryDays);
    const today = on.get(c.project.id);
    const since =
      today && today.rag === rated.rag && today.held === rated.held
        ? today.fromDate
        : base && !changesSpell(baseState, rated)
          ? base.fromDate
          : base
            ? asOf
            : null;
    c.rated = { ...rated, since };
    if (rated.held)
      c.result = { ...c.result, reasons: [...c.result.reasons, recoveringReason(c, since ?? asOf, asOf, ragRecoveryDays)] };
  }
}

/** The reason a held yellow shows: red before, in the observation period until its last day. */
function recoveringReason(c: ProjectColour, heldFrom: string, asOf: string, recoveryDays: number): RagReasonResult {
  const until = recoveryEnds(heldFrom, recoveryDays);
  return {
    rule: 'recovering',
    rag: 'yellow',
    value: daysBetween(heldFrom, asOf) + 1,
    threshold: recoveryDays,
    message: {
      'zh-CN': `上期为红色，恢复观察期至 ${until}`,
      en: `Red before: under observation until ${until}`,
    },
    records: [{ entity: 'project', id: c.project.id, label: c.project.name }],
  };
}

/** Sets each colour's `shown` from the overrides in force on `asOf`; returns them by project. */
async function withOverrides(db: Executor, colours: ProjectColour[], asOf: string) {
  const overrides = await overridesInForce(
    db,
    colours.map((c) => c.project.id),
    asOf,
  );
  for (const c of colours) c.shown = overrides.get(c.project.id)?.row.rag ?? ratedOf(c);
  return overrides;
}
const shownOf = (c: ProjectColour) => c.shown ?? ratedOf(c);

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
type Shortfalls = Awaited<ReturnType<typeof weeklyShortfalls>>;

/** What every batch of one day's rating shares, read once: the leaders' quota of the week before, the rule sets. */
export interface DayShared {
  shortfalls: Shortfalls;
  sets: RuleSetsInForce;
}
export async function dayShared(db: Executor, asOf: string, quotaRegion: string): Promise<DayShared> {
  const [shortfalls, sets] = await Promise.all([
    weeklyShortfalls(db, quotaRegion, addWeeks(isoWeekOfDate(asOf), -1)),
    ruleSetsInForce(db),
  ]);
  return { shortfalls, sets };
}

export async function factsOf(
  db: Executor,
  scope: SQL,
  asOf: string,
  quotaRegion: string,
  known?: Shortfalls,
): Promise<ProjectFacts[]> {
  const year = Number(asOf.slice(0, 4));
  const lastWeek = addWeeks(isoWeekOfDate(asOf), -1);
  const [list, { nodes, deps }, investment, ledger, decisions, problems, shortfalls, supervised] = await Promise.all([
    repo.projectsIn(db, scope),
    repo.nodesIn(db, scope),
    repo.investmentIn(db, scope, year, throughMonth(year, asOf)),
    repo.overdueLedgerItems(db, scope, asOf),
    repo.overdueDecisions(db, scope, asOf),
    repo.overdueProblems(db, scope, asOf),
    known ?? weeklyShortfalls(db, quotaRegion, lastWeek),
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
  shared?: DayShared,
): Promise<ProjectColour[]> {
  const [facts, sets] = await Promise.all([
    factsOf(db, scope, asOf, quotaRegion, shared?.shortfalls),
    rules ? null : (shared?.sets ?? ruleSetsInForce(db)),
  ]);
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
  await withHistory(ctx.db, colours, asOf);
  const overrides = await withOverrides(ctx.db, colours, asOf);
  return {
    projectId: id,
    asOf,
    rag: shownOf(c),
    computedRag: c.result.rag,
    since: c.rated?.since ?? null,
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
  await withHistory(ctx.db, colours, asOf);
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
      lat: c.project.lat,
      lng: c.project.lng,
    })),
  };
}

export function countColours(colours: readonly ProjectColour[]) {
  const counts = { green: 0, yellow: 0, red: 0 };
  for (const c of colours) counts[shownOf(c)]++;
  return counts;
}

/** A red project on the dashboard's list: since when, and the worst reason's rule. */
export interface RedProject {
  projectId: number;
  code: string;
  name: string;
  since: string | null;
  rule: RagRule | null;
}

/**
 * The dashboard's figure: the projects of `scope` by colour, with their ids (ascending), and the red
 * ones. When the daily job has rated `asOf`, the colours are its spells (a read, however many projects;
 * a project created since is rated from its records); otherwise every project is rated from its records.
 */
export async function colourSummary(db: Executor, scope: SQL, asOf: string, quotaRegion: string) {
  const stored = await succeededFor(db, 'daily-monitoring', asOf);
  const spells = stored ? await projectSpellsOnDays(db, scope, [asOf]) : [];
  const colours = await coloursOf(db, stored ? and(scope, notRatedOn(asOf))! : scope, asOf, quotaRegion);
  await withHistory(db, colours, asOf);
  const all = [
    ...spells.map((s) => ({ id: s.projectId, rag: s.rag, since: s.fromDate, rule: (s.rules[0] as RagRule) ?? null })),
    ...colours.map((c) => ({
      id: c.project.id,
      rag: ratedOf(c),
      since: c.rated?.since ?? null,
      rule: c.result.reasons[0]?.rule ?? null,
    })),
  ].sort((a, b) => a.id - b.id);
  const overrides = await overridesInForce(
    db,
    all.map((x) => x.id),
    asOf,
  );
  const ids = { green: [] as number[], yellow: [] as number[], red: [] as number[] };
  const red: typeof all = [];
  for (const x of all) {
    const override = overrides.get(x.id)?.row.rag;
    const shown = override ?? x.rag;
    ids[shown].push(x.id);
    if (shown === 'red') red.push(override && x.rag !== 'red' ? { ...x, since: null, rule: null } : x);
  }
  const names = new Map((await repo.projectsIn(db, and(scope, repo.idIn(red.map((x) => x.id)))!)).map((p) => [p.id, p]));
  const redList: RedProject[] = red
    .filter((x) => names.has(x.id))
    .map((x) => ({ projectId: x.id, code: names.get(x.id)!.code, name: names.get(x.id)!.name, since: x.since, rule: x.rule }))
    .sort((a, b) => (a.since ?? '9999').localeCompare(b.since ?? '9999') || a.code.localeCompare(b.code));
  return {
    colours: { green: ids.green.length, yellow: ids.yellow.length, red: ids.red.length, ids },
    redList,
    fromSpells: stored,
  };
}

/** The 12 ISO weeks to asOf's: the projects of `scope` by rated colour on each week's last day (the spells). */
export async function colourTrend(db: Executor, scope: SQL, asOf: string) {
  const weeks = weeksEndingWith(isoWeekOfDate(asOf), 12).map((week) => {
    const sunday = weekBounds(week).sunday;
    return { week, day: sunday < asOf ? sunday : asOf };
  });
  const spells = await projectSpellsOnDays(
    db,
    scope,
    weeks.map((w) => w.day),
  );
  return weeks.map((w) => {
    const counts = { green: 0, yellow: 0, red: 0 };
    for (const s of spells) if (s.day === w.day) counts[s.rag]++;
    return { ...w, ...counts };
  });
}
