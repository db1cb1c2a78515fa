/** POST /investment-reports/:id/return { version, reason } (office/admin) → the returned report. */
import type { InvestmentReport } from '@kpc/contracts';
import { api } from '../../../lib/api';

export const returnReport = (id: number, version: number, reason: string) =>
  api.post<InvestmentReport>(`/investment-reports/${id}/return`, { version, reason });
