/**
 * GET /stage-proposals?status=&projectId= → { items, total }; POST /projects/:id/stage-proposals (a unit or
 * the enterprise proposes); POST /stage-proposals/:id/confirm | return (the office) | withdraw (the proposer).
 * A decision moves the project, so the project's queries are refreshed too.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateStageProposalBody, StageProposal, StageProposalStatus } from '@kpc/contracts';
import { api, type Page } from '../../../lib/api';
import { invalidateFigures, sharedKeys } from '../../../lib/query-keys';

export const stageProposalKeys = {
  all: ['stage-proposals'] as const,
  list: (query: object) => [...stageProposalKeys.all, 'list', query] as const,
};

export interface StageProposalQuery {
  status?: StageProposalStatus;
  projectId?: number;
  page?: number;
  pageSize?: number;
}

export function useStageProposals(query: StageProposalQuery, opts: { refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: stageProposalKeys.list(query),
    queryFn: ({ signal }) => api.get<Page<StageProposal>>('/stage-proposals', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
    refetchInterval: opts.refetchInterval,
  });
}

export function useProposeStage(projectId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateStageProposalBody) => api.post<StageProposal>(`/projects/${projectId}/stage-proposals`, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: stageProposalKeys.all }),
  });
}

export type StageProposalStep = { id: number; version: number } & (
  { kind: 'confirm'; note?: string | null } | { kind: 'return'; note: string } | { kind: 'withdraw' }
);

export function useStageProposalStep() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (s: StageProposalStep) =>
      api.post<StageProposal>(
        `/stage-proposals/${s.id}/${s.kind}`,
        s.kind === 'withdraw' ? { version: s.version } : { version: s.version, note: s.note },
      ),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: stageProposalKeys.all });
      // a confirmation moved the project: its detail, the list and the dashboard's stage counts
      await queryClient.invalidateQueries({ queryKey: sharedKeys.projects });
      await invalidateFigures(queryClient);
    },
  });
}
