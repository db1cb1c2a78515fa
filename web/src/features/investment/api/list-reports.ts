/** GET /investment-reports?status=&projectId=&year=&month=&unitId= → { items, total } (status=submitted is the approval queue). */
import { useQuery } from '@tanstack/react-query';
import type { InvestmentReport } from '@kpc/contracts';
import { api, type Page } from '../../../lib/api';
import { investmentKeys, type ReportListQuery } from './keys';

export const fetchReports = (q: ReportListQuery, signal?: AbortSignal) =>
  api.get<Page<InvestmentReport>>('/investment-reports', { query: { ...q }, signal });

export function useInvestmentReports(q: ReportListQuery, opts: { enabled?: boolean; refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: investmentKeys.reports(q),
    queryFn: ({ signal }) => fetchReports(q, signal),
    enabled: opts.enabled ?? true,
    refetchInterval: opts.refetchInterval,
  });
}
