/** GET /periods → the periods of the user's regions with their list sizes and versions. */
import { useQuery } from '@tanstack/react-query';
import type { Period } from '@kpc/contracts';
import { api } from '../../../lib/api';
import { batchKeys } from './keys';

export function usePeriods() {
  return useQuery({
    queryKey: batchKeys.periods(),
    queryFn: ({ signal }) => api.get<Period[]>('/periods', { signal }),
  });
}
