/** GET /compliance/weekly?week= → the week's rows; GET /compliance/heatmap?to=&weeks= → per person the weeks' figures. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ComplianceHeatmap, WeeklyCompliance } from '@kpc/contracts';
import { api } from '../../../lib/api';

export const complianceKeys = {
  all: ['compliance'] as const,
  weekly: (week: string | undefined) => [...complianceKeys.all, 'weekly', week ?? 'current'] as const,
  heatmap: (to: string | undefined, weeks: number) => [...complianceKeys.all, 'heatmap', to ?? 'current', weeks] as const,
};

export function useWeeklyCompliance(week: string | undefined) {
  return useQuery({
    queryKey: complianceKeys.weekly(week),
    queryFn: ({ signal }) => api.get<WeeklyCompliance>('/compliance/weekly', { query: { week }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useComplianceHeatmap(to: string | undefined, weeks = 12) {
  return useQuery({
    queryKey: complianceKeys.heatmap(to, weeks),
    queryFn: ({ signal }) => api.get<ComplianceHeatmap>('/compliance/heatmap', { query: { to, weeks }, signal }),
    placeholderData: keepPreviousData,
  });
}
