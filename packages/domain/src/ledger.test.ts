import { describe, expect, it } from 'vitest';
import { completionFor, isLedgerItemOverdue, ledgerPlanStart } from './ledger.js';

describe('ledger rules', () => {
  it('counts an item overdue only when not done and past its deadline', () => {
    expect(isLedgerItemOverdue({ status: 'in_progress', deadline: '2026-07-15' }, '2026-07-16')).toBe(true);
    expect(isLedgerItemOverdue({ status: 'in_progress', deadline: '2026-07-16' }, '2026-07-16')).toBe(false);
    expect(isLedgerItemOverdue({ status: 'done', deadline: '2026-01-01' }, '2026-07-16')).toBe(false);
  });

  it('requires a completion date not in the future when done and clears it otherwise', () => {
    expect(completionFor('done', null, '2026-07-16')).toEqual({ ok: false, refusal: 'completion_date_required' });
    expect(completionFor('done', '2026-07-17', '2026-07-16')).toEqual({ ok: false, refusal: 'completion_date_in_future' });
    expect(completionFor('done', '2026-07-16', '2026-07-16')).toEqual({ ok: true, completedOn: '2026-07-16' });
    expect(completionFor('blocked', '2026-07-10', '2026-07-16')).toEqual({ ok: true, completedOn: null });
  });

  it('starts the plan bar of an item on the day it was recorded, or two weeks before a deadline it was recorded after', () => {
    expect(ledgerPlanStart('2026-03-02', '2026-05-31')).toBe('2026-03-02');
    expect(ledgerPlanStart('2026-07-16', '2026-05-31')).toBe('2026-05-17');
    expect(ledgerPlanStart('2026-05-31', '2026-05-31')).toBe('2026-05-17');
  });
});
