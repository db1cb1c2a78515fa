/**
 * Nodes across the user's projects for 节点预警: GET /milestones?overdue=true or ?dueWithinDays=14 with the
 * portfolio filters → { items, total }; each item carries its forecast finish, slip, lead unit and leader.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ListMilestonesQuery, MilestoneListItem, ProjectLevel, Stage } from '@kpc/contracts';
import { api, type Page } from '../../../lib/api';
import { sharedKeys } from '../../../lib/query-keys';

export interface AlertFilters {
  unitId?: number;
  leaderId?: number;
  level?: ProjectLevel;
  stage?: Stage;
}

export type AlertKind = 'overdue' | 'dueSoon';
export const DUE_WITHIN_DAYS = 14;

export type MilestoneListQuery = Partial<ListMilestonesQuery>;

export const alertQuery = (kind: AlertKind, filters: AlertFilters, page: number, pageSize: number): MilestoneListQuery => ({
  ...filters,
  ...(kind === 'overdue' ? { overdue: true } : { dueWithinDays: DUE_WITHIN_DAYS }),
  page,
  pageSize,
});

export const milestoneListKeys = {
  all: sharedKeys.milestoneLists,
  list: (q: MilestoneListQuery) => [...milestoneListKeys.all, q] as const,
};

export function useMilestoneList(q: MilestoneListQuery, opts: { refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: milestoneListKeys.list(q),
    queryFn: ({ signal }) => api.get<Page<MilestoneListItem>>('/milestones', { query: { ...q }, signal }),
    placeholderData: keepPreviousData,
    refetchInterval: opts.refetchInterval,
  });
}
