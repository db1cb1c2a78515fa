/**
 * POST /projects/:id/ledger-items (CreateLedgerItemBody), PATCH /ledger-items/:id (UpdateLedgerItemBody with
 * version; stale → 409 VERSION_CONFLICT with details.current), DELETE /ledger-items/:id?version=n.
 */
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { CreateLedgerItemBody, LedgerItem, UpdateLedgerItemBody } from '@kpc/contracts';
import { api } from '../../../lib/api';
import { ganttKeyRoot, ledgerKeys } from './keys';

/** Every view of ledger items: the ledgers, and the Gantt that draws them. */
const refreshLedgerViews = (queryClient: QueryClient) =>
  Promise.all([
    queryClient.invalidateQueries({ queryKey: ledgerKeys.all }),
    queryClient.invalidateQueries({ queryKey: ganttKeyRoot }),
  ]);

export function useCreateLedgerItem(projectId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateLedgerItemBody) => api.post<LedgerItem>(`/projects/${projectId}/ledger-items`, body),
    onSuccess: () => refreshLedgerViews(queryClient),
  });
}

export function useUpdateLedgerItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: UpdateLedgerItemBody }) => api.patch<LedgerItem>(`/ledger-items/${id}`, body),
    onSettled: () => refreshLedgerViews(queryClient),
  });
}

export function useDeleteLedgerItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: number; version: number }) =>
      api.delete<unknown>(`/ledger-items/${id}`, { query: { version } }),
    onSuccess: () => refreshLedgerViews(queryClient),
  });
}

/** The record another user saved, carried by a 409. */
export function conflictCurrent(details: unknown): LedgerItem | null {
  const current = (details as { current?: LedgerItem } | null)?.current;
  return current && typeof current === 'object' && 'version' in current ? current : null;
}
