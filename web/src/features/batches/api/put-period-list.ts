/** PUT /periods/:id/lists/:list { version, projectIds } → the period; replaces one list (stale version → 409). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { BatchList, PeriodDetail } from '@kpc/contracts';
import { api } from '../../../lib/api';
import { sharedKeys } from '../../../lib/query-keys';
import { batchKeys } from './keys';

export function usePutPeriodList() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, list, version, projectIds }: { id: number; list: BatchList; version: number; projectIds: number[] }) =>
      api.put<PeriodDetail>(`/periods/${id}/lists/${list}`, { version, projectIds }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: batchKeys.all }),
        queryClient.invalidateQueries({ queryKey: sharedKeys.dashboard }),
      ]),
  });
}
