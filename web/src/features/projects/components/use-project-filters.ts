/**
 * The list's filters, sort and page live in the URL query string, so a link such as
 * /projects?level=provincial&stage=building (or ?ids=1,2,3 from a dashboard drill-down) opens filtered.
 */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { projectCategories, projectLevels, projectSortFields, stages } from '@kpc/contracts';
import type { ProjectListQuery } from '../api/list-projects';

const oneOf = <T extends string>(values: readonly T[], v: string | null): T | undefined =>
  v !== null && (values as readonly string[]).includes(v) ? (v as T) : undefined;

const positiveInt = (v: string | null): number | undefined => {
  if (v === null || !/^\d{1,10}$/.test(v)) return undefined;
  const n = Number(v);
  return n > 0 ? n : undefined;
};

export type FilterPatch = Partial<Record<keyof ProjectListQuery, string | number | undefined | null>>;

export function useProjectFilters() {
  const [params, setParams] = useSearchParams();

  const query = useMemo<ProjectListQuery>(() => {
    const ids = params.get('ids');
    const region = params.get('regionCode');
    return {
      level: oneOf(projectLevels, params.get('level')),
      stage: oneOf(stages, params.get('stage')),
      category: oneOf(projectCategories, params.get('category')),
      unitId: positiveInt(params.get('unitId')),
      leaderId: positiveInt(params.get('leaderId')),
      regionCode: region && /^\d{2,9}$/.test(region) ? region : undefined,
      q: params.get('q')?.trim() || undefined,
      ids: ids && /^\d{1,10}(,\d{1,10}){0,499}$/.test(ids) ? ids : undefined,
      sort: oneOf(projectSortFields, params.get('sort')),
      order: oneOf(['asc', 'desc'] as const, params.get('order')),
      page: positiveInt(params.get('page')) ?? 1,
      pageSize: Math.min(positiveInt(params.get('pageSize')) ?? 20, 200),
    };
  }, [params]);

  /** Changes some filters; any change other than paging goes back to page 1. */
  const update = useCallback(
    (patch: FilterPatch) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            if (v === undefined || v === null || v === '') next.delete(k);
            else next.set(k, String(v));
          }
          if (!('page' in patch)) next.delete('page');
          return next;
        },
        { replace: false },
      );
    },
    [setParams],
  );

  const reset = useCallback(() => setParams(new URLSearchParams()), [setParams]);

  return { query, update, reset };
}
