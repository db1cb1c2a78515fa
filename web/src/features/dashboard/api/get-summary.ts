/** GET /dashboard/summary?year=&asOf= → the headline figures, breakdowns and batch rates (yuan, rates 0–1). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { DashboardSummary } from '@kpc/contracts';
import { api } from '../../../lib/api';
import { sharedKeys } from '../../../lib/query-keys';

export const dashboardKeys = {
  all: sharedKeys.dashboard,
  summary: (q: SummaryQuery) => [...dashboardKeys.all, 'summary', q] as const,
};

export interface SummaryQuery {
  year?: number;
  asOf?: string;
}

export function useDashboardSummary(q: SummaryQuery) {
  return useQuery({
    queryKey: dashboardKeys.summary(q),
    queryFn: ({ signal }) => api.get<DashboardSummary>('/dashboard/summary', { query: { ...q }, signal }),
    placeholderData: keepPreviousData,
  });
}
