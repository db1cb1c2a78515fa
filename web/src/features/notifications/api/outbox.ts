/** The robots' outbox (admin): GET /notification-outbox?status, POST …/:id/retry (重试). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OutboxEntry } from '@kpc/contracts';
import { api } from '../../../lib/api';
import { notificationKeys } from './keys';

export type OutboxFilter = 'failing' | 'pending' | 'dead' | 'sent';

export const useOutbox = (status: OutboxFilter) =>
  useQuery({
    queryKey: notificationKeys.outbox(status),
    queryFn: ({ signal }) => api.get<{ items: OutboxEntry[] }>('/notification-outbox', { signal, query: { status } }),
    refetchInterval: 30_000,
  });

export function useRetryOutbox() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<OutboxEntry>(`/notification-outbox/${id}/retry`),
    onSettled: () => qc.invalidateQueries({ queryKey: ['notification-outbox'] }),
  });
}
