/** GET /ledger-items: items across projects (a unit's, a leader's projects', mine) → { items, total }. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { LedgerItem, LedgerStatus, StageFocusKey } from '@kpc/contracts';
import { api, type Page } from '../../../lib/api';
import { ledgerKeys } from './keys';

export interface LedgerListQuery {
  unitId?: number;
  leaderId?: number;
  owner?: 'me';
  status?: LedgerStatus;
  focus?: StageFocusKey;
  overdue?: boolean;
  q?: string;
  sort?: 'project' | 'deadline';
  page: number;
  pageSize: number;
}

export function useLedgerList(query: LedgerListQuery) {
  return useQuery({
    queryKey: ledgerKeys.list(query),
    queryFn: ({ signal }) => api.get<Page<LedgerItem>>('/ledger-items', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** The portfolio export with the same filters (no paging): a plain link, the browser downloads it. */
export function ledgerExportUrl(query: Omit<LedgerListQuery, 'page' | 'pageSize' | 'sort'>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return `/api/v1/ledger.xlsx${s ? `?${s}` : ''}`;
}

export const projectLedgerExportUrl = (projectId: number) => `/api/v1/projects/${projectId}/ledger.xlsx`;
