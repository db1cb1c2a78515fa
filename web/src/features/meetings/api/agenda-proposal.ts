/** GET /meetings/agenda-proposal?asOf: projects with what is overdue, each with its reasons and counts. */
import { useQuery } from '@tanstack/react-query';
import type { AgendaProposal } from '@kpc/contracts';
import { api } from '../../../lib/api';
import { meetingKeys } from './keys';

export const useAgendaProposal = (asOf: string, enabled: boolean) =>
  useQuery({
    queryKey: meetingKeys.proposal(asOf),
    queryFn: () => api.get<AgendaProposal>('/meetings/agenda-proposal', { query: { asOf } }),
    enabled,
  });
