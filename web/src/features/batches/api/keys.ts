/** Query keys of the "three batches" periods; list edits also move the dashboard's batch rates. */
export const batchKeys = {
  all: ['batches'] as const,
  periods: () => [...batchKeys.all, 'periods'] as const,
  rates: (asOf: string | undefined) => [...batchKeys.all, 'rates', asOf ?? 'today'] as const,
  period: (id: number) => [...batchKeys.all, 'period', id] as const,
};
