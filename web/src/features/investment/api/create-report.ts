/**
 * POST /investment-reports (draft; with correctsId a correction of an approved report) → the report.
 * `idempotencyKey`: the submission's key, the same on every retry of it (the offline queue sends it again).
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateInvestmentReportBody, InvestmentReport } from '@kpc/contracts';
import { api } from '../../../lib/api';
import { invalidateInvestment } from './invalidate';

export const createReportPath = '/investment-reports';

export const createReport = (body: CreateInvestmentReportBody, opts: { idempotencyKey?: string } = {}) =>
  api.post<InvestmentReport>(createReportPath, body, opts);

export function useCreateReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateInvestmentReportBody) => createReport(body),
    onSuccess: () => invalidateInvestment(queryClient),
  });
}
