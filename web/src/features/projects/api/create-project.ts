/** POST /projects (CreateProjectBody) → ProjectDetail. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateProjectBody, ProjectDetail } from '@kpc/contracts';
import { api } from '../../../lib/api';
import { projectKeys } from './keys';

export function useCreateProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateProjectBody) => api.post<ProjectDetail>('/projects', body),
    onSuccess: (p) => {
      queryClient.setQueryData(projectKeys.detail(p.id), p);
      return queryClient.invalidateQueries({ queryKey: projectKeys.lists() });
    },
  });
}
