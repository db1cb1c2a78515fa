/**
 * The figures of a weekly dispatch 周调度 and a monthly bulletin 月督导通报, computed from the records of
 * a region's projects: colours through `coloursOf` (the one way to a colour) with the overrides in force,
 * colour changes against the colour history (`rag_spells`), the week's nodes, problems and decisions,
 * and the overdue records. What is computed here is frozen as the report's `content`.
 */
import type {
  DispatchProject,
  EscalationStepRef,
  MonthlyBulletinContent,
  OverdueRecord,
  Rag,
  WeeklyDispatchContent,
} from '@kpc/contracts';
import { escalationStepLabels } from '@kpc/contracts';
import { addDays, bulletinOpening, colourChanges, daysBetween, dispatchWindows, monthBounds, ragRank } from '@kpc/domain';
import type { Executor } from '../../db/client.js';
import { projectsInRegion } from '../../lib/project-scope.js';
import { overridesInForce } from '../supervision/rag-overrides.service.js';
import { coloursOf, type ProjectColour } from '../supervision/supervision.service.js';
import * as itemsRepo from '../supervision/supervision-items.repository.js';
import * as supervisionRepo from '../supervision/supervision.repository.js';
import * as repo from './supervision-reports.repository.js';

const minDate = (a: string, b: string) => (a < b ? a : b);

interface Rated {
  colour: ProjectColour;
  shown: Rag;
  overrideReason: string | null;
}

/** Every project of the region with the colour shown on `asOf`, red first, then yellow, then green; by code within. */
async function ratedProjects(db: Executor, regionCode: string, asOf: string): Promise<Rated[]> {
  const colours = await coloursOf(db, projectsInRegion(regionCode), asOf, regionCode);
  const overrides = await overridesInForce(
    db,
    colours.map((c) => c.project.id),
    asOf,
  );
  return colours
    .map((c) => {
      const o = overrides.get(c.project.id);
      return { colour: c, shown: o?.row.rag ?? c.result.rag, overrideReason: o?.row.reason ?? null };
    })
    .sort(
      (a, b) =>
        ragRank(b.shown) - ragRank(a.shown) ||
        a.colour.project.code.localeCompare(b.colour.project.code) ||
        a.colour.project.id - b.colour.project.id,
    );
}

function countOf(list: readonly Rated[]) {
  const counts = { green: 0, yellow: 0, red: 0 };
  for (const r of list) counts[r.shown]++;
  return counts;
}

function groupBy<T extends { projectId: number }>(list: readonly T[]): Map<number, T[]> {
  const by = new Map<number, T[]>();
  for (const x of list) by.set(x.projectId, [...(by.get(x.projectId) ?? []), x]);
  return by;
}

/**
 * The weekly dispatch of `week` for the region: per project the nodes finished in the week reviewed
 * (the seven days before the dispatch week) and those in progress, the colour now and before the week
 * reviewed, the problems raised and solved in it, and the decisions due in the dispatch week.
 */
export async function weeklyDispatchContent(
  db: Executor,
  regionCode: string,
  week: string,
  today: string,
): Promise<WeeklyDispatchContent> {
  const { reviewed, dueWeek } = dispatchWindows(week);
  const asOf = minDate(today, dueWeek.to);
  const scope = projectsInRegion(regionCode);
  const [rated, before, finished, inProgress, raised, solved, due, regionName, notes] = await Promise.all([
    ratedProjects(db, regionCode, asOf),
    repo.spellColoursOn(db, scope, addDays(reviewed.from, -1)),
    repo.milestonesFinishedIn(db, scope, reviewed.from, reviewed.to),
    repo.milestonesInProgress(db, scope, asOf),
    repo.problemsRaisedIn(db, scope, reviewed.from, reviewed.to),
    repo.problemsSolvedIn(db, scope, reviewed.from, reviewed.to),
    repo.decisionsDueIn(db, scope, dueWeek.from, dueWeek.to),
    repo.regionName(db, regionCode),
    // sent in the week reviewed, or up to the day the figures are taken (a Monday morning's update)
    repo.weeklyNotesIn(db, scope, reviewed.from, asOf),
  ]);
  const [finishedOf, progressOf, raisedOf, solvedOf, dueOf] = [finished, inProgress, raised, solved, due].map(groupBy) as [
    Map<number, repo.DatedRef[]>,
    Map<number, repo.DatedRef[]>,
    Map<number, repo.DatedRef[]>,
    Map<number, repo.DatedRef[]>,
    Map<number, (repo.DatedRef & { status: string })[]>,
  ];
  const ref = (x: repo.DatedRef) => ({ id: x.id, label: x.label });
  const projects: DispatchProject[] = rated.map(({ colour: { project: p }, shown }) => ({
    projectId: p.id,
    code: p.code,
    name: p.name,
    rag: shown,
    ragBefore: before.get(p.id) ?? null,
    progressNote: notes.get(p.id) ?? null,
    milestonesFinished: (finishedOf.get(p.id) ?? []).map((m) => ({ ...ref(m), date: m.date })),
    milestonesInProgress: (progressOf.get(p.id) ?? []).map(ref),
    problemsNew: (raisedOf.get(p.id) ?? []).map(ref),
    problemsSolved: (solvedOf.get(p.id) ?? []).map(ref),
    decisionsDue: (dueOf.get(p.id) ?? []).map((d) => ({ ...ref(d), deadline: d.date, status: d.status })),
  }));
  return {
    kind: 'weekly_dispatch',
    regionName: regionName ?? regionCode,
    asOf,
    reviewed,
    dueWeek,
    summary: {
      colours: countOf(rated),
      changes: colourChanges(projects.map((p) => ({ projectId: p.projectId, name: p.name, before: p.ragBefore, now: p.rag }))),
      problemsNew: raised.length,
      problemsSolved: solved.length,
      decisionsDue: due.length,
      milestonesFinished: finished.length,
    },
    projects,
  };
}

/**
 * The escalation steps of the month in the region, for the bulletin: warnings issued and the steps the
 * supervisor confirmed (通报批评 / 问责 / 表态发言), dated by their decision, the project (and its
 * responsible unit) as the subject.
 */
export async function escalationStepsOfMonth(
  db: Executor,
  regionCode: string,
  month: { from: string; to: string },
): Promise<EscalationStepRef[]> {
  const steps = await repo.escalationsDecidedIn(db, projectsInRegion(regionCode), month.from, month.to);
  return steps.map((e) => ({
    id: e.id,
    step: escalationStepLabels[e.step]['zh-CN'],
    subject: e.unit ? `${e.project}（${e.unit}）` : e.project,
    reason: e.reason,
    date: e.date,
  }));
}

/** Supervision items 督办事项 overdue on `asOf` in the region (not accepted past their deadline), for the bulletin. */
export async function overdueSupervisionItems(db: Executor, regionCode: string, asOf: string): Promise<OverdueRecord[]> {
  const rows = await itemsRepo.overdueInRegion(db, regionCode, asOf);
  return rows.map((r) => ({
    id: r.item.id,
    projectId: r.item.projectId,
    projectName: r.projectName ?? r.unitName,
    label: r.item.title,
    deadline: r.item.deadline,
    daysOverdue: daysBetween(r.item.deadline, asOf),
  }));
}

/**
 * The monthly bulletin of `month` for the region: colour counts on the month's last day (or today, while
 * the month runs) and the changes since the end of the month before (colour history), the red and yellow
 * lists with their reasons, the overdue decisions, problems and supervision items, the month's
 * escalation steps, and the opening paragraph written from those figures.
 */
export async function monthlyBulletinContent(
  db: Executor,
  regionCode: string,
  month: string,
  today: string,
): Promise<MonthlyBulletinContent> {
  const bounds = monthBounds(month);
  const asOf = minDate(today, bounds.to);
  const scope = projectsInRegion(regionCode);
  const [rated, before, decisions, problems, items, escalations, regionName] = await Promise.all([
    ratedProjects(db, regionCode, asOf),
    repo.spellColoursOn(db, scope, addDays(bounds.from, -1)),
    supervisionRepo.overdueDecisions(db, scope, asOf),
    supervisionRepo.overdueProblems(db, scope, asOf),
    overdueSupervisionItems(db, regionCode, asOf),
    escalationStepsOfMonth(db, regionCode, bounds),
    repo.regionName(db, regionCode),
  ]);
  const nameOf = new Map(rated.map((r) => [r.colour.project.id, r.colour.project.name]));
  const overdue = (list: readonly { id: number; projectId: number; label: string; deadline: string }[]): OverdueRecord[] =>
    list
      .map((x) => ({
        id: x.id,
        projectId: x.projectId,
        projectName: nameOf.get(x.projectId) ?? '',
        label: x.label,
        deadline: x.deadline,
        daysOverdue: daysBetween(x.deadline, asOf),
      }))
      .sort((a, b) => b.daysOverdue - a.daysOverdue || a.id - b.id);
  const listOf = (rag: Rag) =>
    rated
      .filter((r) => r.shown === rag)
      .map((r) => ({
        projectId: r.colour.project.id,
        code: r.colour.project.code,
        name: r.colour.project.name,
        rag,
        overridden: r.overrideReason !== null,
        overrideReason: r.overrideReason,
        reasons: r.colour.result.reasons.map((x) => ({ rule: x.rule, message: x.message })),
      }));
  const colours = countOf(rated);
  const changes = colourChanges(
    rated.map((r) => ({
      projectId: r.colour.project.id,
      name: r.colour.project.name,
      before: before.get(r.colour.project.id) ?? null,
      now: r.shown,
    })),
  );
  const overdueDecisions = overdue(decisions);
  const overdueProblems = overdue(problems);
  const name = regionName ?? regionCode;
  return {
    kind: 'monthly_bulletin',
    regionName: name,
    asOf,
    month: bounds,
    opening: bulletinOpening({
      regionName: name,
      month,
      colours,
      worse: changes.worse,
      better: changes.better,
      overdueDecisions: overdueDecisions.length,
      overdueProblems: overdueProblems.length,
    }),
    colours,
    changes,
    red: listOf('red'),
    yellow: listOf('yellow'),
    overdueDecisions,
    overdueProblems,
    overdueSupervisionItems: items,
    escalations,
  };
}
