/** After any investment write: reports, a project's series and plans, and the dashboard figures may all move. */
import type { QueryClient } from '@tanstack/react-query';
import { investmentKeys } from './keys';

export function invalidateInvestment(queryClient: QueryClient): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: investmentKeys.all }),
    queryClient.invalidateQueries({ queryKey: ['dashboard'] }),
  ]);
}
