/**
 * Nodes across the user's projects for 节点预警: GET /milestones?overdue=true or ?dueWithinDays=14 with the
 * portfolio filters → { items, total }. The list carries no forecast, slip, unit or leader; those come
 * from GET /gantt with the same filters (one request for both tabs, matched by node id and project id).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Gantt, ListMilestonesQuery, MilestoneListItem, ProjectLevel, Stage } from '@kpc/contracts';
import { api, type Page } from '../../../lib/api';

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
  all: ['milestones', 'list'] as const,
  list: (q: MilestoneListQuery) => [...milestoneListKeys.all, q] as const,
  tracking: (f: AlertFilters) => ['milestones', 'alert-tracking', f] as const,
};

export function useMilestoneList(q: MilestoneListQuery, opts: { refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: milestoneListKeys.list(q),
    queryFn: ({ signal }) => api.get<Page<MilestoneListItem>>('/milestones', { query: { ...q }, signal }),
    placeholderData: keepPreviousData,
    refetchInterval: opts.refetchInterval,
  });
}

export interface NodeTracking {
  forecastFinish: string | null;
  slipDays: number | null;
}
export interface ProjectPeople {
  leadUnitName: string | null;
  leaderName: string | null;
}

/** Forecast and slip per node id, lead unit and leader per project id, for the projects the filters match. */
export function useAlertTracking(filters: AlertFilters) {
  return useQuery({
    queryKey: milestoneListKeys.tracking(filters),
    queryFn: ({ signal }) => api.get<Gantt>('/gantt', { query: { ...filters }, signal }),
    select: (g) => {
      const nodes = new Map<number, NodeTracking>();
      const projects = new Map<number, ProjectPeople>();
      for (const p of g.projects) {
        projects.set(p.id, { leadUnitName: p.leadUnitName, leaderName: p.leaderName });
        for (const n of p.nodes) nodes.set(n.id, { forecastFinish: n.forecastFinish, slipDays: n.slipDays });
      }
      return { today: g.today, nodes, projects };
    },
    staleTime: 30_000,
  });
}
