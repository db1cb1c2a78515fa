/**
 * The project lifecycle: planned → signed → started → building → completed → producing → at_target.
 * Forward moves go one stage at a time, so no project reaches a stage without passing the ones
 * before it. Going back is a rollback: only office/admin, always with a reason.
 */
import { stages, userMessages, type LocalisedText, type Stage } from '@kpc/contracts';

export const stageIndex = (s: Stage): number => stages.indexOf(s);

export function nextStage(s: Stage): Stage | null {
  return stages[stageIndex(s) + 1] ?? null;
}

export type TransitionRefusal =
  'same_stage' | 'skips_stage' | 'rollback_not_allowed' | 'rollback_needs_reason' | 'date_before_previous' | 'date_in_future';

/** The message of each refusal (texts in @kpc/contracts' userMessages). */
export const transitionRefusalMessages: Record<TransitionRefusal, LocalisedText> = {
  same_stage: userMessages.transition_same_stage,
  skips_stage: userMessages.transition_skips_stage,
  rollback_not_allowed: userMessages.transition_rollback_not_allowed,
  rollback_needs_reason: userMessages.transition_rollback_needs_reason,
  date_before_previous: userMessages.transition_date_before_previous,
  date_in_future: userMessages.transition_date_in_future,
};

export interface TransitionRequest {
  from: Stage;
  to: Stage;
  /** 'YYYY-MM-DD' */
  onDate: string;
  /** Date of the project's last transition, if any. */
  lastDate: string | null;
  /** Today in Asia/Shanghai. */
  asOf: string;
  mayRollback: boolean;
  reason?: string | null;
}

export type TransitionVerdict = { ok: true; isRollback: boolean } | { ok: false; refusal: TransitionRefusal };

export function checkTransition(r: TransitionRequest): TransitionVerdict {
  const from = stageIndex(r.from);
  const to = stageIndex(r.to);
  if (to === from) return { ok: false, refusal: 'same_stage' };
  if (r.onDate > r.asOf) return { ok: false, refusal: 'date_in_future' };
  if (r.lastDate && r.onDate < r.lastDate) return { ok: false, refusal: 'date_before_previous' };
  if (to > from) {
    if (to !== from + 1) return { ok: false, refusal: 'skips_stage' };
    return { ok: true, isRollback: false };
  }
  if (!r.mayRollback) return { ok: false, refusal: 'rollback_not_allowed' };
  if (!r.reason || r.reason.trim() === '') return { ok: false, refusal: 'rollback_needs_reason' };
  return { ok: true, isRollback: true };
}

export interface DatedTransition {
  toStage: Stage;
  onDate: string;
}

/** The stage a project had at the end of `date`, from its transitions (in the order they were made). */
export function stageAsOf(transitions: readonly DatedTransition[], date: string, initial: Stage = 'planned'): Stage {
  let stage = initial;
  for (const t of transitions) if (t.onDate <= date) stage = t.toStage;
  return stage;
}

/** The date a project first reached `stage` (or a later one), if it has by `asOf`. */
export function reachedOn(transitions: readonly DatedTransition[], stage: Stage, asOf: string): string | null {
  const target = stageIndex(stage);
  for (const t of transitions) if (t.onDate <= asOf && stageIndex(t.toStage) >= target) return t.onDate;
  return null;
}

/** The article's focus per stage: signed → land it, started → progress, building → complete, producing → reach target. */
export type StageFocus = 'landing' | 'progress' | 'completion' | 'target';
export function stageFocus(stage: Stage): StageFocus {
  switch (stage) {
    case 'planned':
    case 'signed':
      return 'landing';
    case 'started':
      return 'progress';
    case 'building':
      return 'completion';
    default:
      return 'target';
  }
}
