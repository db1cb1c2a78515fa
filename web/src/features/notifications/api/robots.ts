/** The group robots 群机器人 (admin): GET/POST /notification-robots, PATCH/DELETE …/:id, POST …/:id/test. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateRobotBody, Robot, UpdateRobotBody } from '@kpc/contracts';
import { api } from '../../../lib/api';
import { notificationKeys } from './keys';

export const useRobots = () =>
  useQuery({
    queryKey: notificationKeys.robots,
    queryFn: ({ signal }) => api.get<{ items: Robot[] }>('/notification-robots', { signal }),
  });

export type RobotSave = { id: null; body: CreateRobotBody } | { id: number; body: UpdateRobotBody };

export function useSaveRobot() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (s: RobotSave) =>
      s.id === null ? api.post<Robot>('/notification-robots', s.body) : api.patch<Robot>(`/notification-robots/${s.id}`, s.body),
    onSettled: () => qc.invalidateQueries({ queryKey: notificationKeys.robots }),
  });
}

export function useDeleteRobot() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete<{ ok: true }>(`/notification-robots/${id}`),
    onSettled: () => qc.invalidateQueries({ queryKey: notificationKeys.robots }),
  });
}

export const useTestRobot = () =>
  useMutation({ mutationFn: (id: number) => api.post<{ ok: boolean; error: string | null }>(`/notification-robots/${id}/test`) });
