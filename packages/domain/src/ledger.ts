/**
 * Ledger item rules: when an item is overdue, its deadline or its being recurring, the completion date
 * that goes with its status (required when done, never in the future, cleared otherwise), and where its
 * Gantt plan bar starts.
 *
 * An item has either a deadline 完成时限 or is recurring 长期事项 (长期 / 持续推进: no deadline).
 * Recurring items are judged by their progress notes, never by a date: they are never overdue, so no
 * colour, alert or overdue count comes from them, and the Gantt draws them as ongoing rows without an end.
 */
import type { LedgerStatus } from '@kpc/contracts';
import { addDays } from './dates.js';

/** Not done and its deadline has passed (`asOf` is today in Asia/Shanghai); a recurring item (no deadline) never is. */
export function isLedgerItemOverdue(item: { status: LedgerStatus; deadline: string | null }, asOf: string): boolean {
  return item.status !== 'done' && item.deadline !== null && item.deadline < asOf;
}

/** When an item is due: a deadline, or recurring with none. */
export interface LedgerTiming {
  recurring: boolean;
  deadline: string | null;
}

/**
 * The timing an item ends up with after a change, or null when the change leaves it with both a
 * deadline and recurring, or with neither. Switching to recurring drops the deadline; switching back
 * needs a deadline in the same change. `change` fields left undefined keep the stored value.
 */
export function ledgerTimingAfter(
  stored: LedgerTiming | null,
  change: { recurring?: boolean; deadline?: string | null },
): LedgerTiming | null {
  const recurring = change.recurring ?? stored?.recurring ?? false;
  const switchedOn = recurring && !(stored?.recurring ?? false);
  const deadline = change.deadline !== undefined ? change.deadline : switchedOn ? null : (stored?.deadline ?? null);
  if (recurring === (deadline !== null)) return null;
  return { recurring, deadline };
}

/**
 * Where an item's plan bar starts on the Gantt: items carry no start date, so the day the item was
 * recorded (it is owed from then on). An item recorded on or after its deadline (an imported or
 * back-filled sheet) gets a nominal two weeks before its deadline instead, so its bar still ends on the
 * deadline and never runs backwards. A recurring item (no deadline) runs on from the day it was recorded.
 */
export const LEDGER_NOMINAL_PLAN_DAYS = 14;
export function ledgerPlanStart(recordedOn: string, deadline: string | null): string {
  if (deadline === null) return recordedOn;
  return recordedOn < deadline ? recordedOn : addDays(deadline, -LEDGER_NOMINAL_PLAN_DAYS);
}

export type CompletionRefusal = 'completion_date_required' | 'completion_date_in_future';

/** The completion date to store for a status, or why the pair is refused. */
export function completionFor(
  status: LedgerStatus,
  completedOn: string | null | undefined,
  asOf: string,
): { ok: true; completedOn: string | null } | { ok: false; refusal: CompletionRefusal } {
  if (status !== 'done') return { ok: true, completedOn: null };
  if (!completedOn) return { ok: false, refusal: 'completion_date_required' };
  if (completedOn > asOf) return { ok: false, refusal: 'completion_date_in_future' };
  return { ok: true, completedOn };
}
