/** The own inbox: GET /notifications (by cursor), /notifications/unread-count; POST …/:id/read and …/read-all. */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Notification, NotificationPage } from '@kpc/contracts';
import { api } from '../../../lib/api';
import { notificationKeys } from './keys';

/** The header badge: polled every minute, and whenever the window comes back into focus. */
export const useUnreadCount = () =>
  useQuery({
    queryKey: notificationKeys.unread,
    queryFn: ({ signal }) => api.get<{ unread: number }>('/notifications/unread-count', { signal }),
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  });

export const useInbox = (unreadOnly: boolean) =>
  useInfiniteQuery({
    queryKey: notificationKeys.list(unreadOnly),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      api.get<NotificationPage>('/notifications', {
        signal,
        query: { limit: 20, ...(unreadOnly ? { unread: 'true' } : {}), ...(pageParam ? { cursor: pageParam } : {}) },
      }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<Notification>(`/notifications/${id}/read`),
    onSettled: () => qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ marked: number }>('/notifications/read-all'),
    onSettled: () => qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
