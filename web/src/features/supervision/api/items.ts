/**
 * Supervision items 督办事项 (issue 11): GET /supervision/items (the board, with counts per link),
 * GET /supervision/items/:id (with its timeline), POST (higher-level feedback), PATCH (reassign) and
 * POST …/steps (progress, submit, accept, return, note). Every write refreshes the board and the colours.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateSupervisionItemBody,
  SupervisionItemDetail,
  SupervisionItemPage,
  SupervisionSource,
  SupervisionStepBody,
  UpdateSupervisionItemBody,
} from '@kpc/contracts';
import { api } from '../../../lib/api';

export interface ItemsQuery {
  overdue?: 'true';
  source?: SupervisionSource;
  unitId?: number;
  projectId?: number;
}

export const itemKeys = {
  all: ['supervision-items'] as const,
  list: (q: ItemsQuery) => [...itemKeys.all, 'list', q] as const,
  one: (id: number) => [...itemKeys.all, 'one', id] as const,
};

export function useSupervisionItems(q: ItemsQuery) {
  return useQuery({
    queryKey: itemKeys.list(q),
    queryFn: ({ signal }) => api.get<SupervisionItemPage>('/supervision/items', { query: { ...q, pageSize: 500 }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useSupervisionItem(id: number | null) {
  return useQuery({
    queryKey: itemKeys.one(id ?? 0),
    queryFn: ({ signal }) => api.get<SupervisionItemDetail>(`/supervision/items/${id}`, { signal }),
    enabled: id !== null,
  });
}

function useRefresh() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: itemKeys.all }),
      queryClient.invalidateQueries({ queryKey: ['rag'] }),
    ]);
}

export function useCreateSupervisionItem() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: CreateSupervisionItemBody) => api.post<SupervisionItemDetail>('/supervision/items', body),
    onSettled: refresh,
  });
}

export function useSupervisionStep(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: SupervisionStepBody) => api.post<SupervisionItemDetail>(`/supervision/items/${id}/steps`, body),
    onSettled: refresh,
  });
}

export function useUpdateSupervisionItem(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: UpdateSupervisionItemBody) => api.patch<SupervisionItemDetail>(`/supervision/items/${id}`, body),
    onSettled: refresh,
  });
}
