/** POST /investment-reports (draft; with correctsId a correction of an approved report) → the report. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateInvestmentReportBody, InvestmentReport } from '@kpc/contracts';
import { api } from '../../../lib/api';
import { invalidateInvestment } from './invalidate';

export const createReport = (body: CreateInvestmentReportBody) => api.post<InvestmentReport>('/investment-reports', body);

export function useCreateReport() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createReport, onSuccess: () => invalidateInvestment(queryClient) });
}
