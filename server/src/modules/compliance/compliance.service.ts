/**
 * The weekly quota 周督查: per ISO week (Asia/Shanghai), each of the region's contracting leaders and
 * task-force heads with their site checks and problems solved on site against the region's quota
 * (settings weeklySiteChecksRequired / weeklySolvedOnSiteRequired). Computed from the records at
 * request time, never stored. `weeklyShortfalls` is the reading later modules (supervision,
 * evaluation) take: it needs no request, only the database.
 */
import type { ComplianceHeatmap, ComplianceHeatmapQuery, WeeklyCompliance, WeeklyComplianceQuery } from '@kpc/contracts';
import {
  addDays,
  complianceRate,
  isoWeekOf,
  isoWeekOfDate,
  weekBounds,
  weeklyCompliance,
  weeksEndingWith,
  type ComplianceRow,
  type IsoWeek,
  type Quota,
} from '@kpc/domain';
import type { Executor } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import type { RequestContext } from '../../lib/request-context.js';
import { loadSettings } from '../settings/settings.service.js';
import { compliancePolicy } from './compliance.policy.js';
import * as repo from './compliance.repository.js';

export async function quotaOf(db: Executor, regionCode: string): Promise<Quota> {
  const s = await loadSettings(db, regionCode);
  return { siteChecks: s.weeklySiteChecksRequired, solvedOnSite: s.weeklySolvedOnSiteRequired };
}

/** The rows of each of `weeks` (ascending), counting records up to `until` (exclusive) when given. */
export async function complianceOfWeeks(
  db: Executor,
  regionCode: string,
  weeks: readonly IsoWeek[],
  until?: Date,
): Promise<{ quota: Quota; byWeek: Map<IsoWeek, ComplianceRow[]> }> {
  const [quota, people] = await Promise.all([quotaOf(db, regionCode), repo.peopleOf(db, regionCode)]);
  const leaderIds = people.filter((p) => p.personType === 'leader').map((p) => p.personId);
  const userIds = people.filter((p) => p.personType === 'task_force_head').map((p) => p.personId);
  const start = weekBounds(weeks[0]!).start;
  const end = weekBounds(weeks[weeks.length - 1]!).end;
  const [checks, solutions] = await Promise.all([
    repo.checksBetween(db, leaderIds, userIds, start, end),
    repo.solutionsBetween(db, leaderIds, userIds, start, end),
  ]);
  const byWeek = new Map(weeks.map((w) => [w, weeklyCompliance(w, people, checks, solutions, quota, until)]));
  return { quota, byWeek };
}

/**
 * The people of the region who fell short of the quota in `week` (as it stands now), with their
 * figures and the quota: the reading the supervision and evaluation modules build on.
 */
export async function weeklyShortfalls(
  db: Executor,
  regionCode: string,
  week: IsoWeek,
): Promise<{ week: IsoWeek; quota: Quota; rows: ComplianceRow[] }> {
  const { quota, byWeek } = await complianceOfWeeks(db, regionCode, [week]);
  return { week, quota, rows: byWeek.get(week)!.filter((r) => !r.met) };
}

/** The dashboard's figure: the quota met in asOf's week, counting records up to the end of asOf. */
export async function complianceRateOn(db: Executor, regionCode: string, asOf: string) {
  const week = isoWeekOfDate(asOf);
  const until = new Date(`${addDays(asOf, 1)}T00:00:00+08:00`);
  const rows = (await complianceOfWeeks(db, regionCode, [week], until)).byWeek.get(week)!;
  const metCount = rows.filter((r) => r.met).length;
  return { week, metCount, total: rows.length, rate: complianceRate(metCount, rows.length) };
}

function requireRead(ctx: RequestContext): void {
  if (!compliancePolicy.canRead(ctx.actor)) throw new AppError('FORBIDDEN');
}

export async function getWeekly(ctx: RequestContext, q: WeeklyComplianceQuery): Promise<WeeklyCompliance> {
  requireRead(ctx);
  const week = q.week ?? isoWeekOf(ctx.now);
  const { quota, byWeek } = await complianceOfWeeks(ctx.db, ctx.actor.regionCode, [week]);
  const rows = byWeek.get(week)!;
  const { monday, sunday } = weekBounds(week);
  return { week, monday, sunday, quota, rows, metCount: rows.filter((r) => r.met).length, total: rows.length };
}

export async function getHeatmap(ctx: RequestContext, q: ComplianceHeatmapQuery): Promise<ComplianceHeatmap> {
  requireRead(ctx);
  const weeks = weeksEndingWith(q.to ?? isoWeekOf(ctx.now), q.weeks);
  const { quota, byWeek } = await complianceOfWeeks(ctx.db, ctx.actor.regionCode, weeks);
  // the people in the last week's ranking order
  const last = byWeek.get(weeks[weeks.length - 1]!)!;
  const key = (r: { personType: string; personId: number }) => `${r.personType}:${r.personId}`;
  const cellsOf = new Map(last.map((r) => [key(r), [] as ComplianceHeatmap['rows'][number]['cells']]));
  for (const w of weeks)
    for (const r of byWeek.get(w)!)
      cellsOf.get(key(r))!.push({ week: w, siteChecks: r.siteChecks, solvedOnSite: r.solvedOnSite, met: r.met });
  return {
    weeks,
    quota,
    rows: last.map((r) => {
      const cells = cellsOf.get(key(r))!;
      return {
        personType: r.personType,
        personId: r.personId,
        name: r.name,
        metWeeks: cells.filter((c) => c.met).length,
        cells,
      };
    }),
  };
}
