/**
 * The weekly update 周报 (SPEC §2.9, 最多报一次): which records a project's form shows, pre-filled. Pure:
 * the server reads the records and this picks what the liaison has to look at this week, so the form
 * never holds a copy — every row it shows is a record another screen shows too.
 */
import type { LedgerStatus, ProblemStatus, ReportStatus } from '@kpc/contracts';
import { addDays } from './dates.js';
import { weekBounds, type IsoWeek } from './compliance.js';
import { canReadProject, hasAnyRole, type AccessActor, type ProjectAccessScope } from './access.js';

/** Ledger items due within this many days (or overdue) are shown. */
export const WEEKLY_UPDATE_HORIZON_DAYS = 14;

export interface PrefillLedgerItem {
  id: number;
  status: LedgerStatus;
  deadline: string | null;
}
export interface PrefillNode {
  id: number;
  actualStart: string | null;
  actualFinish: string | null;
  /** From the current baseline; null without one. */
  latestStart: string | null;
  latestFinish: string | null;
}
export interface PrefillReport {
  year: number;
  month: number;
  status: ReportStatus;
}
export interface PrefillProblem {
  id: number;
  status: ProblemStatus;
}

export interface PrefillInput<L extends PrefillLedgerItem, N extends PrefillNode, P extends PrefillProblem> {
  ledgerItems: readonly L[];
  nodes: readonly N[];
  /** The project's investment reports (any month). */
  reports: readonly PrefillReport[];
  problems: readonly P[];
}

export interface Prefill<L, N, P> {
  asOf: string;
  ledgerItems: L[];
  nodes: N[];
  /** The month whose amount the form asks for, or null when that month already has a current report. */
  investmentMonth: { year: number; month: number } | null;
  problems: P[];
}

/** The day a week's form is filled in as of: today for the current week, the Sunday of a past one. */
export function weeklyUpdateAsOf(week: IsoWeek, today: string): string {
  const { sunday } = weekBounds(week);
  return sunday < today ? sunday : today;
}

/** A week may be reported once it has begun. */
export const weekReportable = (week: IsoWeek, today: string) => weekBounds(week).monday <= today;

const OPEN_PROBLEM: readonly ProblemStatus[] = ['open', 'in_progress', 'escalated'];
/** A superseded report is history; any other is the month's current one (open or approved). */
const CURRENT_REPORT: readonly ReportStatus[] = ['draft', 'submitted', 'approved', 'returned'];

export const isOpenProblem = (p: PrefillProblem) => OPEN_PROBLEM.includes(p.status);

/** Open and due within the horizon, or overdue. Recurring items (no deadline) are routine, not due. */
export const ledgerItemDue = (i: PrefillLedgerItem, asOf: string) =>
  i.status !== 'done' && i.deadline !== null && i.deadline <= addDays(asOf, WEEKLY_UPDATE_HORIZON_DAYS);

/** In progress, or not finished and due to start or finish within the horizon (or late). */
export function nodeDue(n: PrefillNode, asOf: string): boolean {
  if (n.actualFinish) return false;
  if (n.actualStart) return true;
  const horizon = addDays(asOf, WEEKLY_UPDATE_HORIZON_DAYS);
  return (n.latestStart !== null && n.latestStart <= horizon) || (n.latestFinish !== null && n.latestFinish <= horizon);
}

export function weeklyUpdatePrefill<L extends PrefillLedgerItem, N extends PrefillNode, P extends PrefillProblem>(
  input: PrefillInput<L, N, P>,
  asOf: string,
): Prefill<L, N, P> {
  const year = Number(asOf.slice(0, 4));
  const month = Number(asOf.slice(5, 7));
  const reported = input.reports.some((r) => r.year === year && r.month === month && CURRENT_REPORT.includes(r.status));
  return {
    asOf,
    ledgerItems: input.ledgerItems.filter((i) => ledgerItemDue(i, asOf)),
    nodes: input.nodes.filter((n) => nodeDue(n, asOf)),
    investmentMonth: reported ? null : { year, month },
    problems: input.problems.filter(isOpenProblem),
  };
}

/**
 * Who sends a project's weekly update: the units leading or cooperating on it and its own enterprise —
 * those who report on it (the office reads the records it changes, it does not fill in the form).
 */
export const canSendWeeklyUpdate = (actor: AccessActor, p: ProjectAccessScope) =>
  canReadProject(actor, p) &&
  !hasAnyRole(actor, 'admin', 'office') &&
  ((hasAnyRole(actor, 'unit') &&
    actor.unitId !== null &&
    (p.leadUnitId === actor.unitId || p.cooperatingUnitIds.includes(actor.unitId))) ||
    (hasAnyRole(actor, 'enterprise') && actor.enterpriseId !== null && p.enterpriseId === actor.enterpriseId));
