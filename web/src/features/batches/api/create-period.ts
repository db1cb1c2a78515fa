/** POST /periods { name, startDate, endDate } (office/admin) → the new period. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreatePeriodBody, PeriodDetail } from '@kpc/contracts';
import { api } from '../../../lib/api';
import { sharedKeys } from '../../../lib/query-keys';
import { batchKeys } from './keys';

export function useCreatePeriod() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreatePeriodBody) => api.post<PeriodDetail>('/periods', body),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: batchKeys.all }),
        queryClient.invalidateQueries({ queryKey: sharedKeys.dashboard }),
      ]),
  });
}
