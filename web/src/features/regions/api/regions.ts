/** GET /regions/divisions?parentCode= (real children, marking the added ones) and POST /regions { code }. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Region } from '@kpc/contracts';
import { api } from '../../../lib/api';
import { referenceKeys } from '../../../lib/reference-data';

export type Division = Region & { added: boolean };

export function useDivisions(parentCode: string | undefined) {
  return useQuery({
    queryKey: ['regions', 'divisions', parentCode ?? ''],
    queryFn: () => api.get<{ items: Division[] }>('/regions/divisions', { query: { parentCode } }),
    enabled: parentCode !== undefined,
  });
}

export function useAddRegion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api.post<Region>('/regions', { code }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: referenceKeys.regions }),
        queryClient.invalidateQueries({ queryKey: ['regions', 'divisions'] }),
      ]),
  });
}
