/**
 * The escalation ladder 问责阶梯 and the bureau's workbench 督查工作台: GET /supervision/workbench,
 * GET /projects/:id/escalations, POST /escalations/:id/confirm | dismiss (the supervisor), a review meeting's
 * statements (GET /meetings/:id/statements, POST /escalations/:id/statement-made).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Escalation, MeetingStatements, Workbench } from '@kpc/contracts';
import { api } from '../../../lib/api';

export const escalationKeys = {
  all: ['escalations'] as const,
  workbench: () => [...escalationKeys.all, 'workbench'] as const,
  project: (id: number) => [...escalationKeys.all, 'project', id] as const,
};

export function useWorkbench(opts: { refetchInterval?: number; enabled?: boolean } = {}) {
  return useQuery({
    queryKey: escalationKeys.workbench(),
    queryFn: ({ signal }) => api.get<Workbench>('/supervision/workbench', { signal }),
    refetchInterval: opts.refetchInterval,
    enabled: opts.enabled ?? true,
  });
}

export function useProjectEscalations(projectId: number) {
  return useQuery({
    queryKey: escalationKeys.project(projectId),
    queryFn: ({ signal }) => api.get<Escalation[]>(`/projects/${projectId}/escalations`, { signal }),
  });
}

export type EscalationDecision = { id: number; version: number } & ({ kind: 'confirm' } | { kind: 'dismiss'; reason: string });

export function useDecideEscalation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (d: EscalationDecision) =>
      api.post<Escalation>(
        `/escalations/${d.id}/${d.kind}`,
        d.kind === 'confirm' ? { version: d.version } : { version: d.version, reason: d.reason },
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: escalationKeys.all }),
  });
}

export function useMeetingStatements(meetingId: number) {
  return useQuery({
    queryKey: [...escalationKeys.all, 'meeting', meetingId] as const,
    queryFn: ({ signal }) => api.get<MeetingStatements>(`/meetings/${meetingId}/statements`, { signal }),
  });
}

/** POST /escalations/:id/statement-made: the statement was made at this review meeting. */
export function useMarkStatementMade(meetingId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (e: { id: number; version: number }) =>
      api.post<Escalation>(`/escalations/${e.id}/statement-made`, { version: e.version, meetingId }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: escalationKeys.all }),
  });
}
