/** Query keys of investment data; every write invalidates these and the dashboard's. */
import type { ListInvestmentReportsQuery } from '@kpc/contracts';
import { sharedKeys } from '../../../lib/query-keys';

export type ReportListQuery = Partial<ListInvestmentReportsQuery>;

export const investmentKeys = {
  all: ['investment'] as const,
  reportLists: () => sharedKeys.reportLists,
  reports: (q: ReportListQuery) => [...investmentKeys.reportLists(), q] as const,
  project: (id: number, year: number) => [...investmentKeys.all, 'project', id, year] as const,
  plans: (id: number) => [...investmentKeys.all, 'plans', id] as const,
  reportable: (userId: number) => [...investmentKeys.all, 'reportable', userId] as const,
};
