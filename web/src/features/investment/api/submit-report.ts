/** POST /investment-reports/:id/submit { version } → the report, now waiting for the office. */
import type { InvestmentReport } from '@kpc/contracts';
import { api } from '../../../lib/api';

export const submitReport = (id: number, version: number) =>
  api.post<InvestmentReport>(`/investment-reports/${id}/submit`, { version });
