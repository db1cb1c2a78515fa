import { describe, expect, it } from 'vitest';
import { completionFor, isLedgerItemOverdue, ledgerPlanStart, ledgerTimingAfter } from './ledger.js';

describe('ledger rules', () => {
  it('counts an item overdue only when not done and past its deadline', () => {
    expect(isLedgerItemOverdue({ status: 'in_progress', deadline: '2026-07-15' }, '2026-07-16')).toBe(true);
    expect(isLedgerItemOverdue({ status: 'in_progress', deadline: '2026-07-16' }, '2026-07-16')).toBe(false);
    expect(isLedgerItemOverdue({ status: 'done', deadline: '2026-01-01' }, '2026-07-16')).toBe(false);
  });

  it('never counts a recurring item (no deadline) overdue, whatever its status or the day', () => {
    for (const status of ['not_started', 'in_progress', 'blocked', 'done'] as const)
      for (const asOf of ['1990-01-01', '2026-07-16', '2100-12-31'])
        expect(isLedgerItemOverdue({ status, deadline: null }, asOf)).toBe(false);
  });

  it('gives an item either a deadline or recurring, never both and never neither', () => {
    expect(ledgerTimingAfter(null, { deadline: '2026-07-31' })).toEqual({ recurring: false, deadline: '2026-07-31' });
    expect(ledgerTimingAfter(null, { recurring: true })).toEqual({ recurring: true, deadline: null });
    expect(ledgerTimingAfter(null, { recurring: true, deadline: null })).toEqual({ recurring: true, deadline: null });
    expect(ledgerTimingAfter(null, {})).toBeNull();
    expect(ledgerTimingAfter(null, { recurring: false, deadline: null })).toBeNull();
    expect(ledgerTimingAfter(null, { recurring: true, deadline: '2026-07-31' })).toBeNull();
    const dated = { recurring: false, deadline: '2026-07-31' };
    const recurring = { recurring: true, deadline: null };
    // switching to recurring drops the deadline; switching back needs one
    expect(ledgerTimingAfter(dated, { recurring: true })).toEqual(recurring);
    expect(ledgerTimingAfter(recurring, { recurring: false })).toBeNull();
    expect(ledgerTimingAfter(recurring, { recurring: false, deadline: '2026-09-30' })).toEqual({
      recurring: false,
      deadline: '2026-09-30',
    });
    // a date alone on a recurring item is refused: it says neither what it is nor that it stops recurring
    expect(ledgerTimingAfter(recurring, { deadline: '2026-09-30' })).toBeNull();
    expect(ledgerTimingAfter(dated, { deadline: '2026-08-31' })).toEqual({ recurring: false, deadline: '2026-08-31' });
    expect(ledgerTimingAfter(dated, { deadline: null })).toBeNull();
    expect(ledgerTimingAfter(recurring, {})).toEqual(recurring);
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
    expect(ledgerPlanStart('2026-07-16', null)).toBe('2026-07-16');
  });
});
