/**
 * Meeting rules: a decision's state as read on a day (overdue is open and past its deadline, never
 * stored), who may record meetings and move decisions, which leader may be credited with a problem
 * solved in a meeting, and how the proposed agenda groups its reasons per project.
 */
import { agendaReasons, type AgendaReason, type DecisionState, type DecisionStatus } from '@kpc/contracts';
import { hasAnyRole, inRegionOf, readsWholeRegion, canReadProject, type AccessActor, type ProjectAccessScope } from './access.js';

/** Open and its deadline has passed (`asOf` is today in Asia/Shanghai; the deadline day itself is not late). */
export const isDecisionOverdue = (d: { status: DecisionStatus; deadline: string }, asOf: string): boolean =>
  d.status === 'open' && d.deadline < asOf;

export const decisionState = (d: { status: DecisionStatus; deadline: string }, asOf: string): DecisionState =>
  isDecisionOverdue(d, asOf) ? 'overdue' : d.status;

/** Meetings, their agendas and decisions are recorded by the office (and admin) of the region. */
export const canWriteMeetings = (actor: Pick<AccessActor, 'roles'>) => hasAnyRole(actor, 'office', 'admin');

/** What the read rule needs to know about a meeting. */
export interface MeetingAccessScope {
  regionCode: string;
  /** The projects it discusses (agenda items and, for an on-site meeting, its site). */
  projects: readonly ProjectAccessScope[];
  /** Units that owe one of its decisions. */
  decisionUnitIds: readonly number[];
}

/**
 * Office, supervisor, viewer, admin and leaders read every meeting of their region (meetings are the
 * district's, chaired and attended by leaders); a unit or an enterprise reads a meeting that discusses
 * a project it may read, and a unit also one with a decision its unit owes (ADR 0009).
 */
export function canReadMeeting(actor: AccessActor, m: MeetingAccessScope): boolean {
  if (!inRegionOf(actor, m.regionCode)) return false;
  if (readsWholeRegion(actor) || hasAnyRole(actor, 'leader')) return true;
  if (hasAnyRole(actor, 'unit') && actor.unitId !== null && m.decisionUnitIds.includes(actor.unitId)) return true;
  return m.projects.some((p) => canReadProject(actor, p));
}

/** Marking a decision done: the responsible unit, or the office. */
export function canMarkDecisionDone(actor: AccessActor, d: { regionCode: string; unitId: number }): boolean {
  if (!inRegionOf(actor, d.regionCode)) return false;
  if (canWriteMeetings(actor)) return true;
  return hasAnyRole(actor, 'unit') && actor.unitId !== null && actor.unitId === d.unitId;
}

/** Verifying a done decision: the office or the supervisor. */
export const canVerifyDecision = (actor: AccessActor, d: { regionCode: string }) =>
  inRegionOf(actor, d.regionCode) && hasAnyRole(actor, 'office', 'admin', 'supervisor');

export type DoneRefusal = 'not_open' | 'done_date_in_future';

/** Why a decision cannot be marked done on `doneOn`, or null. */
export function doneRefusal(d: { status: DecisionStatus }, doneOn: string, asOf: string): DoneRefusal | null {
  if (d.status !== 'open') return 'not_open';
  if (doneOn > asOf) return 'done_date_in_future';
  return null;
}

/** A problem solved in a meeting is credited to its chair or to a leader named as attending. */
export const leaderAttends = (m: { chairLeaderId: number | null; attendeeLeaderIds: readonly number[] }, leaderId: number) =>
  m.chairLeaderId === leaderId || m.attendeeLeaderIds.includes(leaderId);

/** One reason for one project, as counted by a query. */
export interface AgendaSignal {
  projectId: number;
  projectCode: string;
  projectName: string;
  reason: AgendaReason;
  count: number;
}

export interface ProposedAgendaItem {
  projectId: number;
  projectCode: string;
  projectName: string;
  reasons: { reason: AgendaReason; count: number }[];
}

/**
 * The proposed agenda: one item per project, its reasons in the order of `agendaReasons` with their
 * counts; projects with more reasons first, then more records, then by code.
 */
export function proposeAgenda(signals: readonly AgendaSignal[]): ProposedAgendaItem[] {
  const byProject = new Map<number, ProposedAgendaItem>();
  for (const s of signals) {
    if (s.count <= 0) continue;
    let item = byProject.get(s.projectId);
    if (!item) {
      item = { projectId: s.projectId, projectCode: s.projectCode, projectName: s.projectName, reasons: [] };
      byProject.set(s.projectId, item);
    }
    const same = item.reasons.find((r) => r.reason === s.reason);
    if (same) same.count += s.count;
    else item.reasons.push({ reason: s.reason, count: s.count });
  }
  const total = (i: ProposedAgendaItem) => i.reasons.reduce((n, r) => n + r.count, 0);
  const items = [...byProject.values()];
  for (const i of items) i.reasons.sort((a, b) => agendaReasons.indexOf(a.reason) - agendaReasons.indexOf(b.reason));
  return items.sort(
    (a, b) =>
      b.reasons.length - a.reasons.length ||
      total(b) - total(a) ||
      (a.projectCode < b.projectCode ? -1 : a.projectCode > b.projectCode ? 1 : 0),
  );
}

/** The instant a meeting starts, from its Asia/Shanghai day and HH:mm (China keeps UTC+8 all year). */
export const shanghaiInstant = (date: string, time: string): Date => new Date(`${date}T${time}:00+08:00`);

/** HH:mm of an instant in Asia/Shanghai. */
export const shanghaiTime = (at: Date): string => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);
