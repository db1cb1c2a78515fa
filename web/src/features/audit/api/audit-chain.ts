/** GET /audit/chain: whether the audit log's HMAC chain still verifies, and where it breaks. */
import { useQuery } from '@tanstack/react-query';
import type { AuditChainStatus } from '@kpc/contracts';
import { api } from '../../../lib/api';

export function useAuditChain() {
  return useQuery({
    queryKey: ['audit', 'chain'],
    queryFn: ({ signal }) => api.get<AuditChainStatus>('/audit/chain', { signal }),
    staleTime: 60_000,
  });
}
