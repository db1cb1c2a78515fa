/** GET /meetings/:id with agenda, decisions and problems; GET /meetings/:id/solvable-problems; the minutes link. */
import { useQuery } from '@tanstack/react-query';
import type { Meeting, ProblemRef } from '@kpc/contracts';
import { api, type Page } from '../../../lib/api';
import { meetingKeys } from './keys';

export const useMeeting = (id: number) =>
  useQuery({ queryKey: meetingKeys.detail(id), queryFn: () => api.get<Meeting>(`/meetings/${id}`), enabled: id > 0 });

export const useSolvableProblems = (id: number, enabled: boolean) =>
  useQuery({
    queryKey: meetingKeys.solvable(id),
    queryFn: () => api.get<ProblemRef[]>(`/meetings/${id}/solvable-problems`),
    enabled: enabled && id > 0,
  });

/** The projects the user may pick for an agenda, a site or a decision (one page of 200). */
export const useProjectOptions = () =>
  useQuery({
    queryKey: meetingKeys.projects,
    queryFn: () => api.get<Page<{ id: number; code: string; name: string }>>('/projects', { query: { pageSize: 200 } }),
    staleTime: 5 * 60_000,
  });

export const minutesUrl = (id: number) => `/api/v1/meetings/${id}/minutes.docx`;
