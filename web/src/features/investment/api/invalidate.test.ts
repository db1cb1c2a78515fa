import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { sharedKeys } from '../../../lib/query-keys';
import { invalidateInvestment } from './invalidate';
import { investmentKeys } from './keys';

describe('invalidateInvestment', () => {
  it('marks the dashboard summary, the approvals badge and the alerts badge stale at once', async () => {
    const qc = new QueryClient();
    const keys = [
      [...sharedKeys.dashboard, 'summary', { year: 2026 }],
      investmentKeys.reports({ status: 'submitted', pageSize: 1 }),
      [...sharedKeys.milestoneLists, { overdue: true, page: 1, pageSize: 1 }],
      investmentKeys.project(1, 2026),
    ];
    for (const k of keys) qc.setQueryData(k, { total: 1 });
    const unrelated = ['ledger', 'list', {}];
    qc.setQueryData(unrelated, { total: 1 });
    await invalidateInvestment(qc);
    for (const k of keys) expect(qc.getQueryState(k)?.isInvalidated, JSON.stringify(k)).toBe(true);
    expect(qc.getQueryState(unrelated)?.isInvalidated).toBe(false);
  });
});
