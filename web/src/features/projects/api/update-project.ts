/** PATCH /projects/:id (UpdateProjectBody with version) → ProjectDetail; 409 VERSION_CONFLICT carries details.current. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ProjectDetail, UpdateProjectBody } from '@kpc/contracts';
import { api } from '../../../lib/api';
import { projectKeys } from './keys';

export function useUpdateProject(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateProjectBody) => api.patch<ProjectDetail>(`/projects/${id}`, body),
    onSuccess: (p) => {
      queryClient.setQueryData(projectKeys.detail(p.id), p);
      return queryClient.invalidateQueries({ queryKey: projectKeys.lists() });
    },
  });
}
