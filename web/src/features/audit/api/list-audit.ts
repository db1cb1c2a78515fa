/** GET /audit with filters (entity, action, userId, from, to) and paging. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditEntry } from '@kpc/contracts';
import { api, type Page } from '../../../lib/api';

export interface AuditQuery {
  entity?: string;
  action?: string;
  userId?: number;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export function useAuditList(query: AuditQuery) {
  return useQuery({
    queryKey: ['audit', query],
    queryFn: ({ signal }) => api.get<Page<AuditEntry>>('/audit', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
  });
}
