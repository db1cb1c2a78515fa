/**
 * GET /site-checks (filters, paging), GET /site-checks/:id, GET /site-checks/targets (the projects the user may
 * check, with their open problems). The create goes through the offline queue (POST /site-checks, then each
 * photo to /site-checks/:id/attachments): see components/site-check-form-page.tsx.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { SiteCheck, SiteCheckTargets } from '@kpc/contracts';
import { api, type Page } from '../../../lib/api';

export const siteCheckKeys = {
  all: ['site-checks'] as const,
  list: (query: object) => [...siteCheckKeys.all, 'list', query] as const,
  one: (id: number) => [...siteCheckKeys.all, 'one', id] as const,
  targets: () => [...siteCheckKeys.all, 'targets'] as const,
};

export const createSiteCheckPath = '/site-checks';
export const siteCheckPhotosPath = '/site-checks/:id/attachments';
export const siteCheckQueueTag = 'site-check';

export interface SiteCheckListQuery {
  projectId?: number;
  leaderId?: number;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export function useSiteChecks(query: SiteCheckListQuery) {
  return useQuery({
    queryKey: siteCheckKeys.list(query),
    queryFn: ({ signal }) => api.get<Page<SiteCheck>>('/site-checks', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useSiteCheck(id: number | undefined) {
  return useQuery({
    queryKey: siteCheckKeys.one(id ?? 0),
    queryFn: ({ signal }) => api.get<SiteCheck>(`/site-checks/${id}`, { signal }),
    enabled: id !== undefined,
  });
}

export function useSiteCheckTargets() {
  return useQuery({
    queryKey: siteCheckKeys.targets(),
    queryFn: ({ signal }) => api.get<SiteCheckTargets>('/site-checks/targets', { signal }),
    // the form must open with no signal: keep the last answer for the day
    staleTime: 60_000,
    gcTime: 24 * 3_600_000,
  });
}
