/**
 * Ledger item rules: when an item is overdue, the completion date that goes with its status
 * (required when done, never in the future, cleared otherwise), and where its Gantt plan bar starts.
 */
import type { LedgerStatus } from '@kpc/contracts';
import { addDays } from './dates.js';

/** Not done and its deadline has passed (`asOf` is today in Asia/Shanghai). */
export function isLedgerItemOverdue(item: { status: LedgerStatus; deadline: string }, asOf: string): boolean {
  return item.status !== 'done' && item.deadline < asOf;
}

/**
 * Where an item's plan bar starts on the Gantt: items carry no start date, so the day the item was
 * recorded (it is owed from then on). An item recorded on or after its deadline (an imported or
 * back-filled sheet) gets a nominal two weeks before its deadline instead, so its bar still ends on the
 * deadline and never runs backwards.
 */
export const LEDGER_NOMINAL_PLAN_DAYS = 14;
export function ledgerPlanStart(recordedOn: string, deadline: string): string {
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
