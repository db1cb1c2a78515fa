/**
 * The escalation ladder 预警提示 → 通报批评 → 问责 → 表态发言 (SPEC §2.5, issue 11): which steps a project's
 * red colour spell has earned by lasting. Pure: the spell, the ladder (a setting), the date and the steps
 * already recorded for that spell — so the daily job proposes each step once per red spell, never again
 * the next day, and a spell that turns yellow and red again starts the ladder over.
 */
import type { EscalationLadder, EscalationStep, Rag } from '@kpc/contracts';
import { canReadProject, hasAnyRole, type AccessActor, type ProjectAccessScope } from './access.js';
import { daysBetween } from './dates.js';

export interface EscalationSpell {
  rag: Rag;
  /** The first red day (Asia/Shanghai date). */
  fromDate: string;
  /** Null while in force; a closed spell earns nothing more. */
  toDate: string | null;
}

/** Whole weeks a spell has lasted on `asOf`: red since Monday is 1 week red the next Monday. */
export const weeksRed = (spell: Pick<EscalationSpell, 'fromDate'>, asOf: string): number =>
  Math.max(0, Math.floor(daysBetween(spell.fromDate, asOf) / 7));

/**
 * The steps to propose on `asOf` for this spell: every step of the ladder whose weeks the open red spell
 * has reached and that is not among `existing` (the steps recorded for this spell, whatever their status:
 * a dismissed step is not proposed again). In ladder order; a long spell seen late gets every step it
 * earned at once.
 */
export function dueSteps(
  spell: EscalationSpell,
  ladder: EscalationLadder,
  asOf: string,
  existing: readonly EscalationStep[] = [],
): { step: EscalationStep; weeks: number }[] {
  if (spell.rag !== 'red' || spell.toDate !== null) return [];
  const weeks = weeksRed(spell, asOf);
  return ladder.filter((s) => weeks >= s.weeks && !existing.includes(s.step)).map((s) => ({ step: s.step, weeks }));
}

/** A warning is issued at once (confirmed by the system); every later step waits for the supervisor. */
export const needsConfirmation = (step: EscalationStep): boolean => step !== 'warning';

/** Who reads the ladder's records (within their project scope): not the enterprises, nor the 三员 besides the admin. */
export const canReadEscalations = (actor: Pick<AccessActor, 'roles'>): boolean =>
  hasAnyRole(actor, 'admin', 'supervisor', 'office', 'viewer', 'leader', 'unit');
/** Proposing, confirming and dismissing a step is the supervision bureau's (and the admin's), in its region. */
export const canDecideEscalation = (actor: AccessActor, p: ProjectAccessScope): boolean =>
  canReadProject(actor, p) && hasAnyRole(actor, 'supervisor', 'admin');
/** The bureau's workbench 督查工作台. */
export const canUseWorkbench = (actor: Pick<AccessActor, 'roles'>): boolean => hasAnyRole(actor, 'supervisor', 'admin');
/** Marking a statement made at a review meeting: the bureau, or the office that runs the meeting. */
export const canRecordStatement = (actor: AccessActor, p: ProjectAccessScope): boolean =>
  canReadProject(actor, p) && hasAnyRole(actor, 'supervisor', 'admin', 'office');
