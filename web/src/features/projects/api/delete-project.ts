/** DELETE /projects/:id?version=n. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { projectKeys } from './keys';

export function useDeleteProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: number; version: number }) =>
      api.delete<unknown>(`/projects/${id}`, { query: { version } }),
    onSuccess: (_r, { id }) => {
      queryClient.removeQueries({ queryKey: projectKeys.detail(id) });
      return queryClient.invalidateQueries({ queryKey: projectKeys.lists() });
    },
  });
}
