/**
 * GET /projects/:id/rag → a project's colour with its reasons; GET /supervision/colours → every project in
 * scope by colour (red first). Both are computed by the server from the records (issue 11).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ProjectRag, RagMap } from '@kpc/contracts';
import { api } from '../../../lib/api';

export const ragKeys = {
  all: ['rag'] as const,
  project: (id: number) => [...ragKeys.all, 'project', id] as const,
  map: (query: object) => [...ragKeys.all, 'map', query] as const,
};

export function useProjectRag(projectId: number) {
  return useQuery({
    queryKey: ragKeys.project(projectId),
    queryFn: ({ signal }) => api.get<ProjectRag>(`/projects/${projectId}/rag`, { signal }),
  });
}

export function useRagMap(query: { regionCode?: string; asOf?: string } = {}) {
  return useQuery({
    queryKey: ragKeys.map(query),
    queryFn: ({ signal }) => api.get<RagMap>('/supervision/colours', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
  });
}
