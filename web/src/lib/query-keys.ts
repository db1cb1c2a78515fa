/**
 * Query-key roots read by one feature and invalidated by another. Features never import each other, so
 * the keys of the headline figures — the dashboard summary and the two side-menu badges (reports waiting
 * for approval, overdue nodes) — live here, and a write that moves them calls `invalidateFigures`.
 */
import type { QueryClient } from '@tanstack/react-query';

export const sharedKeys = {
  /** Every dashboard query (summary by year and as-of date). */
  dashboard: ['dashboard'] as const,
  /** Lists of investment reports, among them the approvals badge's count of submitted ones. */
  reportLists: ['investment', 'reports'] as const,
  /** Lists of milestone nodes, among them the 节点预警 badge's count of overdue ones. */
  milestoneLists: ['milestones', 'list'] as const,
  /** Every project query (lists and details): a confirmed stage proposal moves a project's stage. */
  projects: ['projects'] as const,
};

/** Refresh the dashboard figures and both menu badges at once (after an approval, a return, a submit…). */
export function invalidateFigures(queryClient: QueryClient): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: sharedKeys.dashboard }),
    queryClient.invalidateQueries({ queryKey: sharedKeys.reportLists }),
    queryClient.invalidateQueries({ queryKey: sharedKeys.milestoneLists }),
  ]);
}
