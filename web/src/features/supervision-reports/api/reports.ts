/**
 * GET /supervision/reports?kind → the region's weekly dispatches and monthly bulletins (readers: published);
 * GET /supervision/reports/:id → one with its frozen figures; POST /supervision/reports {kind, period} drafts
 * or redrafts; POST …/:id/publish {version} publishes; GET …/:id/docx downloads the document.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SupervisionReport, SupervisionReportKind, SupervisionReportSummary } from '@kpc/contracts';
import { api } from '../../../lib/api';

export const reportKeys = {
  all: ['supervision-reports'] as const,
  list: (kind: SupervisionReportKind) => [...reportKeys.all, 'list', kind] as const,
  one: (id: number) => [...reportKeys.all, 'one', id] as const,
};

export function useReports(kind: SupervisionReportKind) {
  return useQuery({
    queryKey: reportKeys.list(kind),
    queryFn: ({ signal }) => api.get<{ items: SupervisionReportSummary[] }>('/supervision/reports', { query: { kind }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useReport(id: number | null) {
  return useQuery({
    queryKey: reportKeys.one(id ?? 0),
    queryFn: ({ signal }) => api.get<SupervisionReport>(`/supervision/reports/${id}`, { signal }),
    enabled: id !== null,
  });
}

export function useDraftReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { kind: SupervisionReportKind; period: string }) =>
      api.post<SupervisionReport>('/supervision/reports', body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: reportKeys.all }),
  });
}

export function usePublishReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (r: { id: number; version: number }) =>
      api.post<SupervisionReport>(`/supervision/reports/${r.id}/publish`, { version: r.version }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: reportKeys.all }),
  });
}

export const reportDocxUrl = (id: number) => `/api/v1/supervision/reports/${id}/docx`;
