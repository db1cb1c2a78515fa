/**
 * The periods and figures of the weekly dispatch 周调度 and the monthly supervision bulletin 月督导通报
 * (issue 11 items 4 and 7): which days a report covers, when the bulletin is due, how colour changes are
 * counted, and the bulletin's opening paragraph written from its figures.
 */
import type { Rag, Role } from '@kpc/contracts';
import { hasAnyRole } from './access.js';
import { addDays } from './dates.js';
import { parseIsoWeek, weekBounds, type IsoWeek } from './compliance.js';
import { ragRank } from './rag.js';
import { snapToWorkingDay } from './schedule.js';

export interface DateRange {
  from: string;
  to: string;
}

/** `2026-12` → 1 to 31 December. */
export function monthBounds(month: string): DateRange {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { from: `${month}-01`, to: addDays(next, -1) };
}

export const monthOfDate = (date: string): string => date.slice(0, 7);

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/**
 * The first working day of a month. There is no holiday calendar (法定节假日 and 调休 days) in the
 * product yet, so working days are Monday to Friday, as the milestone schedule counts them.
 */
export const firstWorkingDayOfMonth = (month: string): string => snapToWorkingDay(`${month}-01`, 1);

/**
 * The month whose bulletin 月督导 drafts on `date`: the month before, from the first working day of
 * the month on; before that day (a weekend 1st or 2nd) still the one before that, already drafted.
 */
export function bulletinMonthOn(date: string): string {
  const month = monthOfDate(date);
  return addMonths(month, date >= firstWorkingDayOfMonth(month) ? -1 : -2);
}

/**
 * The days a weekly dispatch of `week` (the dispatch week, 本周) covers: the progress, colour changes and
 * problems of the seven days before its Monday (上周), and the decisions due within the week itself.
 */
export function dispatchWindows(week: IsoWeek): { reviewed: DateRange; dueWeek: DateRange } {
  const b = weekBounds(week);
  return { reviewed: { from: addDays(b.monday, -7), to: addDays(b.monday, -1) }, dueWeek: { from: b.monday, to: b.sunday } };
}

/** The day a period begins: a report of a period not yet begun cannot be drafted. */
export function periodStart(kind: 'weekly_dispatch' | 'monthly_bulletin', period: string): string {
  return kind === 'weekly_dispatch' ? weekBounds(period).monday : `${period}-01`;
}

/** 发文字号 〔2026〕12号: the bulletin numbered by its month, the dispatch by its ISO week. */
export function docNumber(kind: 'weekly_dispatch' | 'monthly_bulletin', period: string): string {
  if (kind === 'weekly_dispatch') {
    const w = parseIsoWeek(period)!;
    return `〔${w.year}〕${w.week}号`;
  }
  return `〔${period.slice(0, 4)}〕${Number(period.slice(5, 7))}号`;
}

export interface ColourChangeInput {
  projectId: number;
  name: string;
  /** The colour history's colour before the period; null when none was kept. */
  before: Rag | null;
  now: Rag;
}

/** The projects whose colour changed, worse first then better (each by name), and their counts. */
export function colourChanges(items: readonly ColourChangeInput[]) {
  const changed = items
    .filter((i): i is ColourChangeInput & { before: Rag } => i.before !== null && i.before !== i.now)
    .map((i) => ({ projectId: i.projectId, name: i.name, from: i.before, to: i.now }));
  const worse = changed.filter((c) => ragRank(c.to) > ragRank(c.from));
  const better = changed.filter((c) => ragRank(c.to) < ragRank(c.from));
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'zh-CN');
  return { worse: worse.length, better: better.length, list: [...worse.sort(byName), ...better.sort(byName)] };
}

export interface BulletinFigures {
  regionName: string;
  month: string;
  colours: Record<Rag, number>;
  worse: number;
  better: number;
  overdueDecisions: number;
  overdueProblems: number;
}

/** The bulletin's opening paragraph, every number taken from its figures. */
export function bulletinOpening(f: BulletinFigures): { 'zh-CN': string; en: string } {
  const total = f.colours.green + f.colours.yellow + f.colours.red;
  const [y, m] = [f.month.slice(0, 4), Number(f.month.slice(5, 7))];
  const zh =
    `${y}年${m}月，${f.regionName}纳入三色督办的重点项目共 ${total} 个，其中绿色 ${f.colours.green} 个、黄色 ${f.colours.yellow} 个、红色 ${f.colours.red} 个。` +
    `与上月末相比，颜色转差 ${f.worse} 个、好转 ${f.better} 个。` +
    `截至月末，逾期未完成的议定事项 ${f.overdueDecisions} 项、超期未解决的问题 ${f.overdueProblems} 个。现将有关情况通报如下。`;
  const en =
    `In ${y}-${String(m).padStart(2, '0')}, ${total} key projects of ${f.regionName} were rated: ${f.colours.green} green, ${f.colours.yellow} yellow, ${f.colours.red} red. ` +
    `Against the end of the month before, ${f.worse} got worse and ${f.better} better. ` +
    `At the month's end ${f.overdueDecisions} decisions were overdue and ${f.overdueProblems} problems past their deadline.`;
  return { 'zh-CN': zh, en };
}

/** Drafting and publishing the dispatch and the bulletin: the supervision bureau's, and the admin's. */
export const canDraftSupervisionReports = (actor: { roles: readonly Role[] }) => hasAnyRole(actor, 'supervisor', 'admin');

/**
 * The report statuses an actor reads in their region: the bureau all, leaders and units the published
 * ones (they are sent to them, 抄送), other roles none (the server answers 403).
 */
export function readableReportStatuses(actor: { roles: readonly Role[] }): ('draft' | 'published')[] {
  if (canDraftSupervisionReports(actor)) return ['draft', 'published'];
  if (hasAnyRole(actor, 'leader', 'unit')) return ['published'];
  return [];
}
