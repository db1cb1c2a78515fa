/** POST /investment-reports/:id/submit { version } → the report, now waiting for the office. */
import type { InvestmentReport } from '@kpc/contracts';
import { api } from '../../../lib/api';

/** The path with `:id` for the record, as the offline queue's follow-up POST takes it. */
export const submitReportPath = '/investment-reports/:id/submit';

export const submitReport = (id: number, version: number, opts: { idempotencyKey?: string } = {}) =>
  api.post<InvestmentReport>(submitReportPath.replace(':id', String(id)), { version }, opts);
