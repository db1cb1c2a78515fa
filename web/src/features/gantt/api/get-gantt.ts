/** GET /gantt?unitId&leaderId&level&stage&projectId → every bar of the matching projects in one response. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Gantt, ProjectLevel, Stage } from '@kpc/contracts';
import { api } from '../../../lib/api';

export interface GanttFilters {
  unitId?: number;
  leaderId?: number;
  level?: ProjectLevel;
  stage?: Stage;
  projectId?: number;
}

export function useGantt(filters: GanttFilters) {
  return useQuery({
    queryKey: ['gantt', filters],
    queryFn: ({ signal }) => api.get<Gantt>('/gantt', { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}
