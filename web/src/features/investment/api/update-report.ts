/** PATCH /investment-reports/:id { version, amount?, progressNote? } (draft or returned) → the report. */
import type { InvestmentReport, UpdateInvestmentReportBody } from '@kpc/contracts';
import { api } from '../../../lib/api';

export const updateReport = (id: number, body: UpdateInvestmentReportBody) =>
  api.patch<InvestmentReport>(`/investment-reports/${id}`, body);
