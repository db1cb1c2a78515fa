/**
 * 倒排工期: POST /projects/:id/schedule/backward { targetDate } → a preview (nothing saved);
 * POST /projects/:id/schedule/baselines { targetDate } → saves it as the new current baseline.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ScheduleBaseline, ScheduleResult } from '@kpc/contracts';
import { api } from '../../../lib/api';
import { ganttKeyRoot, milestoneKeys } from './keys';

export function usePreviewBackward(projectId: number) {
  return useMutation({
    mutationFn: (targetDate: string) => api.post<ScheduleResult>(`/projects/${projectId}/schedule/backward`, { targetDate }),
  });
}

export function useSaveBaseline(projectId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (targetDate: string) =>
      api.post<{ baseline: ScheduleBaseline; schedule: ScheduleResult }>(`/projects/${projectId}/schedule/baselines`, {
        targetDate,
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: milestoneKeys.all });
      await queryClient.invalidateQueries({ queryKey: ganttKeyRoot });
    },
  });
}

/** POST /projects/:id/milestones/from-template: a project without nodes gets its category template's nodes. */
export function useInstantiateTemplate(projectId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<unknown>(`/projects/${projectId}/milestones/from-template`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: milestoneKeys.all }),
  });
}
