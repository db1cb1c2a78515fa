/**
 * GET /gantt?unitId&leaderId&level&stage&projectId → every bar of the matching projects in one response;
 * with `ledger` also each project's ledger items (one project's chart asks for them, the portfolio does not).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Gantt, ProjectLevel, Stage } from '@kpc/contracts';
import { api } from '../../../lib/api';

export interface GanttFilters {
  unitId?: number;
  leaderId?: number;
  level?: ProjectLevel;
  stage?: Stage;
  projectId?: number;
  ledger?: boolean;
}

export function useGantt(filters: GanttFilters) {
  return useQuery({
    queryKey: ['gantt', filters],
    queryFn: ({ signal }) => api.get<Gantt>('/gantt', { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}
