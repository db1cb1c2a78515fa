/** GET /problems (filters, paging) → { items, total }; GET /problems/board → counts per status; the export URL. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Problem, ProblemBoard, ProblemCategory, ProblemSource, ProblemStatus } from '@kpc/contracts';
import { api, type Page } from '../../../lib/api';
import { problemKeys } from './keys';

export interface ProblemFilters {
  projectId?: number;
  category?: ProblemCategory;
  unitId?: number;
  leaderId?: number;
  status?: ProblemStatus;
  source?: ProblemSource;
  overdue?: boolean;
  q?: string;
}
export interface ProblemListQuery extends ProblemFilters {
  page: number;
  pageSize: number;
}

export function useProblemList(query: ProblemListQuery, enabled = true) {
  return useQuery({
    queryKey: problemKeys.list(query),
    queryFn: ({ signal }) => api.get<Page<Problem>>('/problems', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useProblemBoard(filters: Omit<ProblemFilters, 'status'>) {
  return useQuery({
    queryKey: problemKeys.board(filters),
    queryFn: ({ signal }) => api.get<ProblemBoard>('/problems/board', { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useProjectProblems(projectId: number) {
  return useQuery({
    queryKey: problemKeys.project(projectId, {}),
    queryFn: ({ signal }) => api.get<Page<Problem>>(`/projects/${projectId}/problems`, { query: { pageSize: 200 }, signal }),
  });
}

export function problemsExportUrl(filters: ProblemFilters): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return `/api/v1/problems.xlsx${s ? `?${s}` : ''}`;
}
