/** GET /burden?from&to&groupBy → rows per unit, person or project, the weekly trend and the target. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { BurdenGroupBy, BurdenReport } from '@kpc/contracts';
import { api } from '../../../lib/api';

export const burdenKeys = {
  all: ['burden'] as const,
  report: (from: string, to: string, groupBy: BurdenGroupBy) => [...burdenKeys.all, from, to, groupBy] as const,
};

export function useBurdenReport(from: string, to: string, groupBy: BurdenGroupBy) {
  return useQuery({
    queryKey: burdenKeys.report(from, to, groupBy),
    queryFn: ({ signal }) => api.get<BurdenReport>('/burden', { query: { from, to, groupBy }, signal }),
    placeholderData: keepPreviousData,
  });
}
