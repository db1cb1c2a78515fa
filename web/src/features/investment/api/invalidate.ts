/**
 * After any investment write: reports, a project's series and plans may all move, and so may the figures
 * shown everywhere — the dashboard, the approvals badge and the 节点预警 badge (lib/query-keys.ts).
 */
import type { QueryClient } from '@tanstack/react-query';
import { invalidateFigures } from '../../../lib/query-keys';
import { investmentKeys } from './keys';

export function invalidateInvestment(queryClient: QueryClient): Promise<unknown> {
  return Promise.all([queryClient.invalidateQueries({ queryKey: investmentKeys.all }), invalidateFigures(queryClient)]);
}
