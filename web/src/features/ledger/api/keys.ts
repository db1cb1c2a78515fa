/**
 * Query keys of ledgers, so a write invalidates every view of the items it changed — a project's Gantt
 * draws its ledger items too, so writes invalidate the Gantt's key as well.
 */
export const ledgerKeys = {
  all: ['ledger'] as const,
  project: (projectId: number, query: object) => [...ledgerKeys.all, 'project', projectId, query] as const,
  list: (query: object) => [...ledgerKeys.all, 'list', query] as const,
};
export const ganttKeyRoot = ['gantt'] as const;
