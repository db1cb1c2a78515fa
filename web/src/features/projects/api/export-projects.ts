/**
 * GET /projects/export.xlsx with the list's filters → a download. Fetched (not a plain link) so the
 * button can show progress and an error in the user's language instead of a JSON page.
 */
import type { ExportProjectsQuery } from '@kpc/contracts';
import { ApiError, toQueryString } from '../../../lib/api';
import { currentLocale } from '../../../lib/i18n';

export type ExportFilters = Partial<Record<keyof ExportProjectsQuery, string | number | undefined>>;

function fileNameOf(disposition: string | null): string {
  const star = disposition?.match(/filename\*=UTF-8''([^;]+)/i)?.[1];
  if (star) return decodeURIComponent(star);
  return disposition?.match(/filename="?([^";]+)"?/i)?.[1] ?? 'projects.xlsx';
}

export async function downloadProjectsExport(filters: ExportFilters): Promise<void> {
  const res = await fetch(`/api/v1/projects/export.xlsx${toQueryString(filters)}`, {
    credentials: 'same-origin',
    headers: { 'Accept-Language': currentLocale() },
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new ApiError(res.status, (body?.error?.code ?? 'INTERNAL') as ApiError['code'], body?.error?.message ?? '');
  }
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameOf(res.headers.get('content-disposition'));
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
