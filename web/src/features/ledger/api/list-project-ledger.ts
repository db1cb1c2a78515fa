/** GET /projects/:id/ledger-items → { items, total } (one page of up to 200: a project's ledger is tens of items). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { LedgerItem, LedgerStatus, StageFocusKey } from '@kpc/contracts';
import { api, type Page } from '../../../lib/api';
import { ledgerKeys } from './keys';

export interface ProjectLedgerQuery {
  status?: LedgerStatus;
  unitId?: number;
  focus?: StageFocusKey;
  overdue?: boolean;
  /** deadline: open first (overdue leading, recurring after the dated), done last. */
  sort?: 'project' | 'deadline';
}

export function useProjectLedger(projectId: number, query: ProjectLedgerQuery) {
  return useQuery({
    queryKey: ledgerKeys.project(projectId, query),
    queryFn: ({ signal }) =>
      api.get<Page<LedgerItem>>(`/projects/${projectId}/ledger-items`, { query: { ...query, pageSize: 200 }, signal }),
    placeholderData: keepPreviousData,
  });
}
