/** GET /settings (effective values of the own region and its overrides) and PUT /settings (partial). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Settings, SettingsView } from '@kpc/contracts';
import { api } from '../../../lib/api';

const key = ['settings'] as const;

export const useSettings = () => useQuery({ queryKey: key, queryFn: () => api.get<SettingsView>('/settings') });

export function useSaveSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<Settings>) => api.put<SettingsView>('/settings', body),
    onSuccess: (v) => queryClient.setQueryData(key, v),
  });
}
