/**
 * Reference data every screen picks from (units, leaders, enterprises, regions), cached for all features.
 * Lists are small per region (tens to low hundreds), so one page of 200 feeds the selects.
 */
import { useQuery } from '@tanstack/react-query';
import type { Enterprise, Leader, Region, Unit } from '@kpc/contracts';
import { api, type Page } from './api';

export const referenceKeys = {
  units: ['units', 'all'] as const,
  leaders: ['leaders', 'all'] as const,
  enterprises: ['enterprises', 'all'] as const,
  regions: ['regions', 'all'] as const,
};

const fiveMinutes = 5 * 60_000;

export const useUnits = () =>
  useQuery({
    queryKey: referenceKeys.units,
    queryFn: () => api.get<Page<Unit>>('/units', { query: { pageSize: 200 } }),
    staleTime: fiveMinutes,
  });

export const useLeaders = () =>
  useQuery({
    queryKey: referenceKeys.leaders,
    queryFn: () => api.get<Page<Leader>>('/leaders', { query: { pageSize: 200 } }),
    staleTime: fiveMinutes,
  });

export const useEnterprises = () =>
  useQuery({
    queryKey: referenceKeys.enterprises,
    queryFn: () => api.get<Page<Enterprise>>('/enterprises', { query: { pageSize: 200 } }),
    staleTime: fiveMinutes,
  });

/** Every region the user sees (their own and below). */
export const useRegions = () =>
  useQuery({
    queryKey: referenceKeys.regions,
    queryFn: () => api.get<Page<Region>>('/regions'),
    staleTime: fiveMinutes,
  });

/** id → name lookup for a loaded list. */
export function nameMap<T extends { id: number; name: string }>(items: readonly T[] | undefined): Map<number, string> {
  return new Map((items ?? []).map((i) => [i.id, i.name]));
}
