/**
 * GET /weekly-updates (the user's projects and the week's update), GET /projects/:id/weekly-update (the
 * pre-filled form). The send goes through the offline queue (POST the same path with an Idempotency-Key):
 * see components/weekly-update-page.tsx.
 */
import { useQuery } from '@tanstack/react-query';
import type { WeeklyUpdateForm, WeeklyUpdateList } from '@kpc/contracts';
import { api } from '../../../lib/api';

export const weeklyUpdateKeys = {
  all: ['weekly-updates'] as const,
  list: (week?: string) => [...weeklyUpdateKeys.all, 'list', week ?? 'current'] as const,
  form: (projectId: number, week?: string) => [...weeklyUpdateKeys.all, 'form', projectId, week ?? 'current'] as const,
};

export const weeklyUpdatePath = (projectId: number, week: string) => `/projects/${projectId}/weekly-update?week=${week}`;
/** Where the update's photos go once it is sent (`:id`: the weekly update's). */
export const weeklyUpdatePhotosPath = '/weekly-updates/:id/attachments';
export const weeklyUpdateQueueTag = (projectId: number, week: string) => `weekly-update:${projectId}:${week}`;

// the form must open on a phone with no signal: keep the last answer for the day
const offline = { staleTime: 60_000, gcTime: 24 * 3_600_000 };

export function useWeeklyUpdates(week?: string) {
  return useQuery({
    queryKey: weeklyUpdateKeys.list(week),
    queryFn: ({ signal }) => api.get<WeeklyUpdateList>('/weekly-updates', { query: week ? { week } : {}, signal }),
    ...offline,
  });
}

export function useWeeklyUpdateForm(projectId: number, week?: string) {
  return useQuery({
    queryKey: weeklyUpdateKeys.form(projectId, week),
    queryFn: ({ signal }) =>
      api.get<WeeklyUpdateForm>(`/projects/${projectId}/weekly-update`, { query: week ? { week } : {}, signal }),
    ...offline,
  });
}
