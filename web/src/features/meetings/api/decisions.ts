/**
 * GET /decisions (state incl. overdue, unit, project, meeting); POST /meetings/:id/decisions; PATCH and DELETE
 * /decisions/:id (office); POST /decisions/:id/done (the unit or office), /verify (office or supervisor).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateDecisionBody, Decision, DecisionState, MarkDecisionDoneBody, UpdateDecisionBody } from '@kpc/contracts';
import { api, type Page } from '../../../lib/api';
import { meetingKeys } from './keys';

export interface DecisionListQuery {
  state?: DecisionState;
  unitId?: number;
  projectId?: number;
  meetingId?: number;
  page: number;
  pageSize: number;
}

export const useDecisionList = (query: DecisionListQuery) =>
  useQuery({
    queryKey: meetingKeys.decisions(query),
    queryFn: ({ signal }) => api.get<Page<Decision>>('/decisions', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
  });

function useDecisionMutation<V>(fn: (v: V) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => queryClient.invalidateQueries({ queryKey: meetingKeys.all }) });
}

export const useCreateDecision = (meetingId: number) =>
  useDecisionMutation((body: CreateDecisionBody) => api.post<Decision>(`/meetings/${meetingId}/decisions`, body));
export const useUpdateDecision = () =>
  useDecisionMutation(({ id, body }: { id: number; body: UpdateDecisionBody }) => api.patch<Decision>(`/decisions/${id}`, body));
export const useDeleteDecision = () =>
  useDecisionMutation(({ id, version }: { id: number; version: number }) =>
    api.delete<unknown>(`/decisions/${id}`, { query: { version } }),
  );
export const useMarkDecisionDone = () =>
  useDecisionMutation(({ id, body }: { id: number; body: MarkDecisionDoneBody }) =>
    api.post<Decision>(`/decisions/${id}/done`, body),
  );
export const useVerifyDecision = () =>
  useDecisionMutation(({ id, version }: { id: number; version: number }) =>
    api.post<Decision>(`/decisions/${id}/verify`, { version }),
  );
