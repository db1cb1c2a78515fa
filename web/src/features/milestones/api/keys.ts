/** Query keys of milestone plans; recording a date also changes the Gantt, so writes invalidate both. */
export const milestoneKeys = {
  all: ['milestones'] as const,
  project: (projectId: number) => [...milestoneKeys.all, 'project', projectId] as const,
  baselines: (projectId: number) => [...milestoneKeys.all, 'baselines', projectId] as const,
};
export const ganttKeyRoot = ['gantt'] as const;
