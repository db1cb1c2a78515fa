/**
 * GET /reports/upward?month=&template= → the report's columns and rows; GET /reports/upward.xlsx → the
 * same as a download, fetched (not a plain link) so an error is told in the user's language.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { UpwardReport } from '@kpc/contracts';
import { api, ApiError, toQueryString } from '../../../lib/api';
import { currentLocale } from '../../../lib/i18n';

export interface UpwardReportParams {
  month?: string;
  template?: string;
}

export const upwardReportKeys = {
  all: ['upward-reports'] as const,
  one: (p: UpwardReportParams) => [...upwardReportKeys.all, p.month ?? 'current', p.template ?? 'first'] as const,
};

export function useUpwardReport(p: UpwardReportParams) {
  return useQuery({
    queryKey: upwardReportKeys.one(p),
    queryFn: ({ signal }) => api.get<UpwardReport>('/reports/upward', { query: { ...p }, signal }),
    placeholderData: keepPreviousData,
  });
}

function fileNameOf(disposition: string | null): string {
  const star = disposition?.match(/filename\*=UTF-8''([^;]+)/i)?.[1];
  if (star) return decodeURIComponent(star);
  return disposition?.match(/filename="?([^";]+)"?/i)?.[1] ?? 'upward-report.xlsx';
}

export async function downloadUpwardReport(p: UpwardReportParams): Promise<void> {
  const res = await fetch(`/api/v1/reports/upward.xlsx${toQueryString({ ...p })}`, {
    credentials: 'same-origin',
    headers: { 'Accept-Language': currentLocale() },
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new ApiError(res.status, (body?.error?.code ?? 'INTERNAL') as ApiError['code'], body?.error?.message ?? '');
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameOf(res.headers.get('content-disposition'));
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
