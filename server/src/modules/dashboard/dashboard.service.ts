/**
 * The dashboard summary: the article's headline figures computed from the records at request time
 * (never stored), for a year, an as-of date and a region within the actor's. Only approved
 * investment reports count; completed investment runs to asOf's month in asOf's year. The figures
 * cover the region for office, supervisor, viewer, admin and leaders, a unit's or an enterprise's own
 * projects for them (ADR 0009), or the region for a unit when the settings say `unitsSeeDistrictOverview`. Meetings held and problems solved count [1 January, asOf] of the year
 * (the whole year for a past one): meetings by their start in Asia/Shanghai, problems by resolvedOn.
 * The weekly quota's rate is asOf's ISO week, counting checks and on-site solutions to the end of asOf.
 */
import { and } from 'drizzle-orm';
import {
  problemCategories,
  problemStatuses,
  projectLevels,
  stages,
  type DashboardSummary,
  type DashboardSummaryQuery,
  type ProjectLevel,
  type Stage,
} from '@kpc/contracts';
import { canReadCompliance, completionRate, throughMonth } from '@kpc/domain';
import { today } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { requireRegion } from '../../lib/policy.js';
import { dashboardProjects, dashboardReadsWholeRegion, projectsInRegion } from '../../lib/project-scope.js';
import type { RequestContext } from '../../lib/request-context.js';
import { periodRates } from '../batches/batches.service.js';
import { loadSettings } from '../settings/settings.service.js';
import { complianceRateOn } from '../compliance/compliance.service.js';
import { colourSummary, colourTrend } from '../supervision/supervision.service.js';
import * as repo from './dashboard.repository.js';

/** 1 亿元: the article's threshold for large signed projects. */
export const LARGE_PROJECT_YUAN = 100_000_000;

/** The statuses that count as solved (problemsSolved). */
const SOLVED: readonly string[] = ['resolved', 'verified'];

const group = (r: { projects: number; annualPlan: number; completedInvestment: number } | undefined) => {
  const projects = r?.projects ?? 0;
  const annualPlan = r?.annualPlan ?? 0;
  const completedInvestment = r?.completedInvestment ?? 0;
  return { projects, annualPlan, completedInvestment, completionRate: completionRate(completedInvestment, annualPlan) };
};

export async function getSummary(ctx: RequestContext, q: DashboardSummaryQuery): Promise<DashboardSummary> {
  const { db } = ctx;
  const regionCode = q.regionCode ?? ctx.actor.regionCode;
  requireRegion(ctx.actor, regionCode);
  const asOf = q.asOf ?? today(ctx.clock);
  const year = q.year ?? Number(asOf.slice(0, 4));
  const month = throughMonth(year, asOf);
  const yearEnd = `${year}-12-31`;
  const signedTo = asOf < yearEnd ? asOf : yearEnd;
  // a unit sees the district's figures only where the region's settings allow it (issue 9 §2)
  const overview = (await loadSettings(db, ctx.actor.regionCode)).unitsSeeDistrictOverview;
  const scope = dashboardProjects(ctx.actor, overview);
  const yearStart = `${year}-01-01`;
  const inYear = signedTo >= yearStart;
  const colourScope = and(projectsInRegion(regionCode), scope)!;
  const [agg, units, signed, batches, name, held, solved, problemRows, compliance, colours, trend] = await Promise.all([
    repo.aggregates(db, regionCode, scope, year, month),
    repo.responsibleUnits(db, regionCode, scope),
    inYear ? repo.signedBetween(db, regionCode, scope, yearStart, signedTo, LARGE_PROJECT_YUAN) : [],
    periodRates(ctx, regionCode, asOf),
    repo.regionName(db, regionCode),
    inYear
      ? repo.meetingsHeldBetween(
          db,
          regionCode,
          dashboardReadsWholeRegion(ctx.actor, overview) ? null : scope,
          yearStart,
          signedTo,
        )
      : [],
    inYear ? repo.problemsSolvedBetween(db, regionCode, scope, yearStart, signedTo) : [],
    repo.problemGroups(db, regionCode, scope, yearStart, signedTo, asOf),
    // the quota's people are the region's: only those who read the compliance table see its rate
    canReadCompliance(ctx.actor) ? complianceRateOn(db, regionCode, asOf) : null,
    // the colours of the same projects, by the rules of GET /supervision/colours
    colourSummary(db, colourScope, asOf, ctx.actor.regionCode),
    colourTrend(db, colourScope, asOf),
  ]);
  if (name === null) throw new AppError('NOT_FOUND');
  const of = (set: repo.AggregateRow['set']) => agg.filter((r) => r.set === set);
  const all = group(of('all')[0]);
  const levels = new Map(of('level').map((r) => [r.key as ProjectLevel, r]));
  const stageRows = new Map(of('stage').map((r) => [r.key as Stage, r.projects]));
  const provincial = group(levels.get('provincial'));
  const municipal = group(levels.get('municipal'));
  const pmPlan = provincial.annualPlan + municipal.annualPlan;
  const pmDone = provincial.completedInvestment + municipal.completedInvestment;
  const byAmount = <T extends { completedInvestment: number; projects: number }>(a: T, b: T) =>
    b.completedInvestment - a.completedInvestment || b.projects - a.projects;
  const leaders = of('leader');
  return {
    year,
    asOf,
    throughMonth: month,
    regionCode,
    regionName: name,
    keyProjects: all.projects,
    contractingLeaders: leaders.filter((r) => r.key !== null).length,
    responsibleUnits: units,
    investment: all,
    provincialAndMunicipal: {
      levels: ['provincial', 'municipal'],
      projects: provincial.projects + municipal.projects,
      annualPlan: pmPlan,
      completedInvestment: pmDone,
      completionRate: completionRate(pmDone, pmPlan),
    },
    signedAtLeast100M: { count: signed.length, projectIds: signed },
    batches,
    meetingsHeld: { count: held.length, ids: held },
    problemsSolved: { count: solved.length, ids: solved },
    problemsByCategory: problemCategories.map((category) => {
      const mine = problemRows.filter((r) => r.category === category);
      return {
        category,
        solved: mine.reduce((n, r) => n + r.solved, 0),
        unsolved: mine.filter((r) => !SOLVED.includes(r.status)).reduce((n, r) => n + r.problems, 0),
      };
    }),
    problemsByStatus: problemStatuses.map((status) => ({
      status,
      count: problemRows.filter((r) => r.status === status).reduce((n, r) => n + r.problems, 0),
    })),
    problemsOverdue: problemRows.reduce((n, r) => n + r.overdue, 0),
    colours: colours.colours,
    colourTrend: trend,
    redList: colours.redList,
    weeklyComplianceRate: compliance,
    byLevel: projectLevels.map((level) => ({ level, ...group(levels.get(level)) })),
    byUnit: of('unit')
      .map((r) => ({ unitId: r.key === null ? null : Number(r.key), unitName: r.name, ...group(r) }))
      .sort(byAmount),
    byLeader: leaders
      .map((r) => ({ leaderId: r.key === null ? null : Number(r.key), leaderName: r.name, ...group(r) }))
      .sort(byAmount),
    byRegion: of('region')
      .map((r) => ({ regionCode: r.key!, regionName: r.name, ...group(r) }))
      .sort((a, b) => a.regionCode.localeCompare(b.regionCode)),
    byStage: stages.map((stage) => ({ stage, projects: stageRows.get(stage) ?? 0 })),
  };
}
