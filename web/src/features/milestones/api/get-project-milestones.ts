/** GET /projects/:id/milestones → nodes with baseline, actual, forecast, slip; GET …/schedule/baselines. */
import { useQuery } from '@tanstack/react-query';
import type { ProjectMilestones, ScheduleBaseline } from '@kpc/contracts';
import { api } from '../../../lib/api';
import { milestoneKeys } from './keys';

export function useProjectMilestones(projectId: number) {
  return useQuery({
    queryKey: milestoneKeys.project(projectId),
    queryFn: ({ signal }) => api.get<ProjectMilestones>(`/projects/${projectId}/milestones`, { signal }),
  });
}

export function useBaselines(projectId: number) {
  return useQuery({
    queryKey: milestoneKeys.baselines(projectId),
    queryFn: ({ signal }) => api.get<{ items: ScheduleBaseline[] }>(`/projects/${projectId}/schedule/baselines`, { signal }),
  });
}
