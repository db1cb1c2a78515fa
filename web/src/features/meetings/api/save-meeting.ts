/**
 * POST /meetings, PATCH /meetings/:id (version; stale → 409 with details.current), POST /meetings/:id/problems
 * (raise), POST /meetings/:id/solved-problems (solve, by the chair or an attending leader).
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  CreateMeetingBody,
  Meeting,
  RaiseMeetingProblemsBody,
  SolveMeetingProblemsBody,
  UpdateMeetingBody,
} from '@kpc/contracts';
import { api } from '../../../lib/api';
import { invalidateFigures } from '../../../lib/query-keys';
import { meetingKeys } from './keys';

function useMeetingMutation<V>(fn: (v: V) => Promise<Meeting>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: meetingKeys.all }), invalidateFigures(queryClient)]),
  });
}

export const useCreateMeeting = () => useMeetingMutation((body: CreateMeetingBody) => api.post<Meeting>('/meetings', body));
export const useUpdateMeeting = (id: number) =>
  useMeetingMutation((body: UpdateMeetingBody) => api.patch<Meeting>(`/meetings/${id}`, body));
export const useRaiseProblems = (id: number) =>
  useMeetingMutation((body: RaiseMeetingProblemsBody) => api.post<Meeting>(`/meetings/${id}/problems`, body));
export const useSolveProblems = (id: number) =>
  useMeetingMutation((body: SolveMeetingProblemsBody) => api.post<Meeting>(`/meetings/${id}/solved-problems`, body));
