/** GET /projects/:id → ProjectDetail (task force, transitions, what the user may do). */
import { useQuery } from '@tanstack/react-query';
import type { ProjectDetail } from '@kpc/contracts';
import { api } from '../../../lib/api';
import { projectKeys } from './keys';

export function useProject(id: number | undefined) {
  return useQuery({
    queryKey: projectKeys.detail(id ?? 0),
    queryFn: ({ signal }) => api.get<ProjectDetail>(`/projects/${id}`, { signal }),
    enabled: id !== undefined && Number.isInteger(id) && id > 0,
  });
}
