/** Messages of the ledger's own rules (completion of an item), shared by the API and the import. */
import type { LocalisedText } from './user.js';

export const ledgerMessages = {
  completion_date_required: { 'zh-CN': '状态为已完成时须填写完成日期', en: 'A done item needs its completion date' },
  completion_date_in_future: { 'zh-CN': '完成日期不能晚于今天', en: 'The completion date cannot be in the future' },
  deadline_or_recurring: {
    'zh-CN': '请填写完成时限，或标为长期事项（二者选一）',
    en: 'Give a deadline, or mark the item recurring (one of the two)',
  },
} as const satisfies Record<string, LocalisedText>;

export type LedgerMessageKey = keyof typeof ledgerMessages;
