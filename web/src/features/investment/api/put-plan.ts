/** PUT /projects/:id/plans/:year { plannedAmount, version? } (office/admin) → the annual plan. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AnnualPlan, PutAnnualPlanBody } from '@kpc/contracts';
import { api } from '../../../lib/api';
import { invalidateInvestment } from './invalidate';

export function usePutPlan(projectId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ year, body }: { year: number; body: PutAnnualPlanBody }) =>
      api.put<AnnualPlan>(`/projects/${projectId}/plans/${year}`, body),
    onSuccess: () => invalidateInvestment(queryClient),
  });
}
