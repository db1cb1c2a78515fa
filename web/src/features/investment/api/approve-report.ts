/** POST /investment-reports/:id/approve { version } (office/admin) → the approved report. */
import type { InvestmentReport } from '@kpc/contracts';
import { api } from '../../../lib/api';

export const approveReport = (id: number, version: number) =>
  api.post<InvestmentReport>(`/investment-reports/${id}/approve`, { version });
