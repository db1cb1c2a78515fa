/**
 * Ledger item rules: when an item is overdue, and the completion date that goes with its status
 * (required when done, never in the future, cleared otherwise).
 */
import type { LedgerStatus } from '@kpc/contracts';

/** Not done and its deadline has passed (`asOf` is today in Asia/Shanghai). */
export function isLedgerItemOverdue(item: { status: LedgerStatus; deadline: string }, asOf: string): boolean {
  return item.status !== 'done' && item.deadline < asOf;
}

export type CompletionRefusal = 'completion_date_required' | 'completion_date_in_future';

export const completionRefusalMessages: Record<CompletionRefusal, { 'zh-CN': string; en: string }> = {
  completion_date_required: { 'zh-CN': '状态为已完成时须填写完成日期', en: 'A done item needs its completion date' },
  completion_date_in_future: { 'zh-CN': '完成日期不能晚于今天', en: 'The completion date cannot be in the future' },
};

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
