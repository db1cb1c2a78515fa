/**
 * GET /instructions?box=all|mine|overdue → { items, total }; POST /instructions/:id/replies (the addressed
 * unit), /accept and /return (the leader or the office), each with the version read.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Instruction } from '@kpc/contracts';
import { api, type Page } from '../../../lib/api';

export const instructionKeys = {
  all: ['instructions'] as const,
  list: (query: object) => [...instructionKeys.all, 'list', query] as const,
};

export interface InstructionListQuery {
  box: 'all' | 'mine' | 'overdue';
  page: number;
  pageSize: number;
}

export function useInstructionList(query: InstructionListQuery) {
  return useQuery({
    queryKey: instructionKeys.list(query),
    queryFn: ({ signal }) => api.get<Page<Instruction>>('/instructions', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
  });
}

export type InstructionStep = { id: number; version: number } & (
  { kind: 'reply'; text: string } | { kind: 'accept'; note?: string | null } | { kind: 'return'; note: string }
);

export function useInstructionStep() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (s: InstructionStep) =>
      s.kind === 'reply'
        ? api.post<Instruction>(`/instructions/${s.id}/replies`, { version: s.version, text: s.text })
        : api.post<Instruction>(`/instructions/${s.id}/${s.kind}`, { version: s.version, note: s.note }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: instructionKeys.all }),
  });
}
