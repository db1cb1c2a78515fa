/**
 * Problems 问题 and leader instructions 领导批示: the status machine, days open, overdue, and who may
 * do which transition. Pure, shared by the server's policy and the web's buttons.
 * open → in_progress → resolved → verified; escalated from any open state to a named higher leader;
 * the office or the supervisor verifies, or sends a resolution back (reopen → in_progress).
 */
import type { InstructionStatus, ProblemAction, ProblemCategory, ProblemStatus } from '@kpc/contracts';
import { daysBetween } from './dates.js';
import { canReadProject, hasAnyRole, inRegionOf, type AccessActor, type ProjectAccessScope } from './access.js';

/** The states a problem is still open in: it can be worked on, resolved or escalated, and be overdue. */
export const openProblemStatuses = ['open', 'in_progress', 'escalated'] as const satisfies readonly ProblemStatus[];
export const isProblemOpen = (status: ProblemStatus) => (openProblemStatuses as readonly ProblemStatus[]).includes(status);

/** Each action: the statuses it may start from and the status it leads to. */
export const problemTransitions: Record<ProblemAction, { from: readonly ProblemStatus[]; to: ProblemStatus }> = {
  start: { from: ['open', 'escalated'], to: 'in_progress' },
  resolve: { from: openProblemStatuses, to: 'resolved' },
  escalate: { from: openProblemStatuses, to: 'escalated' },
  verify: { from: ['resolved'], to: 'verified' },
  reopen: { from: ['resolved'], to: 'in_progress' },
};

/** May a problem in `status` take `action`? (who may is `canDoProblemAction`) */
export const isAllowedProblemTransition = (status: ProblemStatus, action: ProblemAction) =>
  problemTransitions[action].from.includes(status);

/** The actions a problem in `status` may take. */
export const allowedProblemActions = (status: ProblemStatus): ProblemAction[] =>
  (Object.keys(problemTransitions) as ProblemAction[]).filter((a) => isAllowedProblemTransition(status, a));

/** Calendar days from the day it was raised to the day it was resolved, or to `asOf` while unresolved; never negative. */
export function daysOpen(p: { raisedOn: string; resolvedOn: string | null }, asOf: string): number {
  const end = p.resolvedOn ?? asOf;
  return Math.max(0, daysBetween(p.raisedOn, end));
}

/** Open, in progress or escalated, and its deadline before `asOf` (overdue from the day after the deadline). */
export const isProblemOverdue = (p: { status: ProblemStatus; deadline: string | null }, asOf: string) =>
  p.deadline !== null && isProblemOpen(p.status) && p.deadline < asOf;

/** What the rules need to know about a problem. */
export interface ProblemAccessScope {
  status: ProblemStatus;
  unitId: number | null;
  /** The coordinating leader 协调领导. */
  leaderId: number | null;
  escalatedToLeaderId: number | null;
}

const isOffice = (a: AccessActor) => hasAnyRole(a, 'admin', 'office');
const isVerifier = (a: AccessActor) => hasAnyRole(a, 'admin', 'office', 'supervisor');
const ownUnit = (a: AccessActor, p: ProblemAccessScope) => hasAnyRole(a, 'unit') && a.unitId !== null && p.unitId === a.unitId;
/** The coordinating leader, or the higher leader it was escalated to. */
const coordinates = (a: AccessActor, p: ProblemAccessScope) =>
  hasAnyRole(a, 'leader') && a.leaderId !== null && (p.leaderId === a.leaderId || p.escalatedToLeaderId === a.leaderId);

/**
 * The project's read scope (ADR 0009), and besides, in the region, the problem's own parties: the
 * responsible unit and the coordinating (or escalated-to) leader see it even on a project not theirs.
 */
export function canReadProblem(a: AccessActor, project: ProjectAccessScope, p: ProblemAccessScope): boolean {
  if (canReadProject(a, project)) return true;
  return inRegionOf(a, project.regionCode) && (ownUnit(a, p) || coordinates(a, p));
}

/** Raising one: the office and the supervisor anywhere in the region, a leader on projects they see, a unit on its projects for itself. */
export function canCreateProblem(a: AccessActor, project: ProjectAccessScope, unitId: number | null): boolean {
  if (!canReadProject(a, project)) return false;
  if (isVerifier(a) || hasAnyRole(a, 'leader')) return true;
  return hasAnyRole(a, 'unit') && a.unitId !== null && unitId === a.unitId;
}

/** Editing the fields (category, description, unit, leader, deadline, progress): the office, or its own unit while it is open. */
export function canEditProblem(a: AccessActor, project: ProjectAccessScope, p: ProblemAccessScope): boolean {
  if (!inRegionOf(a, project.regionCode)) return false;
  if (isOffice(a)) return true;
  return ownUnit(a, p) && isProblemOpen(p.status);
}

/** Who may take an action (the status decides whether it is possible now: `isAllowedProblemTransition`). */
export function mayTakeProblemAction(
  a: AccessActor,
  project: ProjectAccessScope,
  p: ProblemAccessScope,
  action: ProblemAction,
): boolean {
  if (!inRegionOf(a, project.regionCode)) return false;
  switch (action) {
    case 'start':
    case 'resolve':
      return isOffice(a) || ownUnit(a, p) || coordinates(a, p);
    case 'escalate':
      return isOffice(a) || coordinates(a, p);
    case 'verify':
    case 'reopen':
      return isVerifier(a);
  }
}

/** May the actor take this action now: their role, and the problem's status. */
export const canDoProblemAction = (a: AccessActor, project: ProjectAccessScope, p: ProblemAccessScope, action: ProblemAction) =>
  isAllowedProblemTransition(p.status, action) && mayTakeProblemAction(a, project, p, action);

// ── Leader instructions 领导批示 ──

export interface InstructionAccessScope {
  regionCode: string;
  leaderId: number;
  unitId: number;
  status: InstructionStatus;
}

/** The office, the supervisor, the viewer and the admin read the region's; a unit those addressed to it; a leader their own. */
export function canReadInstruction(a: AccessActor, i: InstructionAccessScope, project: ProjectAccessScope | null): boolean {
  if (!inRegionOf(a, i.regionCode)) return false;
  if (hasAnyRole(a, 'admin', 'office', 'supervisor', 'viewer')) return true;
  if (hasAnyRole(a, 'unit') && a.unitId === i.unitId) return true;
  if (hasAnyRole(a, 'leader') && a.leaderId !== null && (a.leaderId === i.leaderId || (project && canReadProject(a, project))))
    return true;
  return false;
}

/** Issuing: a leader as themselves, or the office on a leader's behalf. */
export const canIssueInstruction = (a: AccessActor, leaderId: number) =>
  isOffice(a) || (hasAnyRole(a, 'leader') && a.leaderId === leaderId);

/** Replying: the addressed unit, while no reply waits and none was accepted. */
export const canReplyInstruction = (a: AccessActor, i: InstructionAccessScope) =>
  inRegionOf(a, i.regionCode) &&
  hasAnyRole(a, 'unit') &&
  a.unitId === i.unitId &&
  (i.status === 'open' || i.status === 'returned');

/** Accepting or sending back a reply: the leader whose instruction it is, or the office. */
export const canAnswerInstructionReply = (a: AccessActor, i: InstructionAccessScope) =>
  inRegionOf(a, i.regionCode) &&
  i.status === 'replied' &&
  (isOffice(a) || (hasAnyRole(a, 'leader') && a.leaderId === i.leaderId));

/** Not accepted and past its reply deadline. */
export const isInstructionOverdue = (i: { status: InstructionStatus; replyDeadline: string }, asOf: string) =>
  i.status !== 'accepted' && i.replyDeadline < asOf;

/**
 * A problem's description as compared when a sheet raises it again: without whitespace, full-width
 * punctuation as half-width, trailing full stops and list numbering (1. / （1）/ ①) dropped. Two
 * descriptions with the same key are one problem.
 */
export function problemKey(description: string): string {
  return description
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/^(\(?\d{1,2}[).、]|[①-⑳])/, '')
    .replace(/[。.;；,，!！]+$/, '')
    .toLowerCase();
}

/** What an office writes in 存在问题 when there is none: 无, 暂无, 无问题, —. */
export const isNoProblem = (text: string): boolean =>
  /^(无|暂无|没有|无问题|暂无问题|无存在问题|\/|-+|—+|无。)$/.test(text.normalize('NFKC').replace(/\s+/g, ''));

const CATEGORY_WORDS: [ProblemCategory, RegExp][] = [
  ['demolition', /征迁|拆迁|征收|迁坟|清表|补偿/],
  ['land', /土地|用地|摘牌|地块|供地|指标/],
  ['funding', /资金|融资|贷款|拨付|专项债|欠款|款项/],
  ['environment', /环评|环保|能评|排污/],
  ['planning', /规划|设计方案|红线/],
  ['permit', /审批|手续|许可|备案|立项|验收|施工证/],
  ['utilities', /供水|供电|供气|用电|用水|燃气|电力|管网|水电/],
];

/** The category a problem's description suggests by its words (其他 when none fits). */
export function guessProblemCategory(description: string): ProblemCategory {
  return CATEGORY_WORDS.find(([, re]) => re.test(description))?.[0] ?? 'other';
}
