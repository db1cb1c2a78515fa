/** Query keys of the project library, so writes invalidate exactly what they change. */
export const projectKeys = {
  all: ['projects'] as const,
  lists: () => [...projectKeys.all, 'list'] as const,
  list: (query: object) => [...projectKeys.lists(), query] as const,
  detail: (id: number) => [...projectKeys.all, 'detail', id] as const,
};
