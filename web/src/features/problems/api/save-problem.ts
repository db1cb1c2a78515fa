/**
 * POST /problems, PATCH /problems/:id (version; stale → 409 with details.current), and the transitions
 * POST /problems/:id/{start,resolve,escalate,verify,reopen}, each with the version read.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateProblemBody, Problem, ProblemAction, UpdateProblemBody } from '@kpc/contracts';
import { api } from '../../../lib/api';
import { invalidateFigures } from '../../../lib/query-keys';
import { problemKeys } from './keys';

function useRefresh() {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: problemKeys.all }), invalidateFigures(queryClient)]);
}

export function useCreateProblem() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: CreateProblemBody) => api.post<Problem>('/problems', body), onSuccess: refresh });
}

export function useUpdateProblem() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: UpdateProblemBody }) => api.patch<Problem>(`/problems/${id}`, body),
    onSettled: refresh,
  });
}

export interface TransitionInput {
  id: number;
  action: ProblemAction;
  version: number;
  resolution?: string;
  toLeaderId?: number;
  reason?: string;
}

export function useProblemTransition() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, action, ...body }: TransitionInput) => api.post<Problem>(`/problems/${id}/${action}`, body),
    onSettled: refresh,
  });
}
