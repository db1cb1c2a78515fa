/** GET /periods/rates?asOf= → every period's fulfilment, commissioning and target-attainment rates with their cohorts. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { PeriodRates } from '@kpc/contracts';
import { api } from '../../../lib/api';
import { batchKeys } from './keys';

export function usePeriodRates(asOf: string | undefined) {
  return useQuery({
    queryKey: batchKeys.rates(asOf),
    queryFn: ({ signal }) => api.get<{ asOf: string; periods: PeriodRates[] }>('/periods/rates', { query: { asOf }, signal }),
    placeholderData: keepPreviousData,
  });
}
