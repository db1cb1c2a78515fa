/** GET /periods/:id → a period with its three lists of project ids. */
import { useQuery } from '@tanstack/react-query';
import type { PeriodDetail } from '@kpc/contracts';
import { api } from '../../../lib/api';
import { batchKeys } from './keys';

export function usePeriod(id: number | undefined) {
  return useQuery({
    queryKey: batchKeys.period(id ?? 0),
    queryFn: ({ signal }) => api.get<PeriodDetail>(`/periods/${id}`, { signal }),
    enabled: id !== undefined,
  });
}
