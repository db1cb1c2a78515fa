/**
 * GET /projects/:id/rag → a project's colour with its reasons; GET /supervision/colours → every project in
 * scope by colour (red first). Both are computed by the server from the records (issue 11).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProjectRag, Rag, RagMap, RagOverride } from '@kpc/contracts';
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

/** POST /projects/:id/rag/override and …/override/end: the supervisor's 人工调整; the colour views refresh. */
export function useOverrideRag(projectId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { kind: 'set'; rag: Rag; reason: string; until: string } | { kind: 'end'; version: number }) =>
      body.kind === 'set'
        ? api.post<RagOverride>(`/projects/${projectId}/rag/override`, { rag: body.rag, reason: body.reason, until: body.until })
        : api.post<RagOverride>(`/projects/${projectId}/rag/override/end`, { version: body.version }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ragKeys.all }),
  });
}
