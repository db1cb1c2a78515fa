/** POST /investment-reports/:id/submit { version, burden? } → the report, now waiting for the office. */
import type { BurdenInput, InvestmentReport } from '@kpc/contracts';
import { api } from '../../../lib/api';

/** The path with `:id` for the record, as the offline queue's follow-up POST takes it. */
export const submitReportPath = '/investment-reports/:id/submit';

/** `burden`: the form's fields typed and seconds (填报负担), recorded with the submission. */
export const submitReport = (
  id: number,
  version: number,
  { burden, ...opts }: { idempotencyKey?: string; burden?: BurdenInput } = {},
) => api.post<InvestmentReport>(submitReportPath.replace(':id', String(id)), { version, ...(burden ? { burden } : {}) }, opts);
