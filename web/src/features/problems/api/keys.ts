/** Query keys of problems: a write invalidates every list, the board and the project tabs at once. */
export const problemKeys = {
  all: ['problems'] as const,
  list: (query: object) => [...problemKeys.all, 'list', query] as const,
  board: (query: object) => [...problemKeys.all, 'board', query] as const,
  project: (projectId: number, query: object) => [...problemKeys.all, 'project', projectId, query] as const,
};
