/** Query keys of ledgers, so a write invalidates every view of the items it changed. */
export const ledgerKeys = {
  all: ['ledger'] as const,
  project: (projectId: number, query: object) => [...ledgerKeys.all, 'project', projectId, query] as const,
  list: (query: object) => [...ledgerKeys.all, 'list', query] as const,
  attachments: (itemId: number) => [...ledgerKeys.all, 'attachments', itemId] as const,
};
