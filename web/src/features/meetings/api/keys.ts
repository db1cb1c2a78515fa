/** Query keys of meetings and decisions: a write invalidates every view of both (a decision shows in its meeting). */
export const meetingKeys = {
  all: ['meetings'] as const,
  list: (query: object) => [...meetingKeys.all, 'list', query] as const,
  detail: (id: number) => [...meetingKeys.all, 'detail', id] as const,
  series: ['meetings', 'series'] as const,
  proposal: (asOf: string) => [...meetingKeys.all, 'proposal', asOf] as const,
  solvable: (id: number) => [...meetingKeys.all, 'solvable', id] as const,
  decisions: (query: object) => [...meetingKeys.all, 'decisions', query] as const,
  projects: ['meetings', 'projects'] as const,
};
