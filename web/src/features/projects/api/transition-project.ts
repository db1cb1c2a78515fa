/** POST /projects/:id/transitions { version, toStage, onDate, reason? } → ProjectDetail. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ProjectDetail, TransitionBody } from '@kpc/contracts';
import { api } from '../../../lib/api';
import { projectKeys } from './keys';

export function useTransitionProject(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TransitionBody) => api.post<ProjectDetail>(`/projects/${id}/transitions`, body),
    onSuccess: (p) => {
      queryClient.setQueryData(projectKeys.detail(p.id), p);
      return queryClient.invalidateQueries({ queryKey: projectKeys.lists() });
    },
  });
}
