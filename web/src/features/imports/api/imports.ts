/**
 * Excel imports: POST /imports/ledger-items | /imports/projects (multipart .xlsx; dryRun=true validates only and
 * writes nothing) → an ImportJob (200 finished, 202 running); GET /imports/:id to follow a running one.
 */
import { useQuery } from '@tanstack/react-query';
import type { CreateImportMappingBody, ErrorCode, ImportJob, ImportKind, ImportMapping, LoginResponse } from '@kpc/contracts';
import { ApiError, api, newIdempotencyKey } from '../../../lib/api';
import { currentLocale } from '../../../lib/i18n';
import { queryClient } from '../../../lib/query-client';
import { sessionQueryKey } from '../../../lib/session';

export const importPath: Record<ImportKind, string> = {
  ledger_items: 'ledger-items',
  projects: 'projects',
  problems: 'problems',
};
export const templateUrl = (kind: ImportKind) => `/api/v1/imports/templates/${importPath[kind]}.xlsx`;

/** Column number (A is 1) → field, or null to ignore: the user's corrections of the proposed mapping. */
export type MappingOverrides = Record<string, string | null>;

export async function startImport(
  kind: ImportKind,
  file: File,
  dryRun: boolean,
  fallback: string,
  mapping?: MappingOverrides,
): Promise<ImportJob> {
  const csrf = queryClient.getQueryData<LoginResponse | null>(sessionQueryKey)?.csrfToken;
  const form = new FormData();
  form.append('file', file, file.name);
  let res: Response;
  try {
    const query = new URLSearchParams({ dryRun: String(dryRun) });
    if (mapping && Object.keys(mapping).length) query.set('mapping', JSON.stringify(mapping));
    res = await fetch(`/api/v1/imports/${importPath[kind]}?${query}`, {
      method: 'POST',
      headers: {
        Accept: 'application/json',
        'Accept-Language': currentLocale(),
        'Idempotency-Key': newIdempotencyKey(),
        ...(csrf ? { 'x-csrf-token': csrf } : {}),
      },
      credentials: 'same-origin',
      body: form,
    });
  } catch {
    throw new ApiError(0, 'NETWORK', fallback);
  }
  const data: unknown = await res.json().catch(() => null);
  if (res.ok) return data as ImportJob;
  const err = (data as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
  throw new ApiError(res.status, (err?.code ?? 'INTERNAL') as ErrorCode, err?.message || fallback, err?.details);
}

/** Polls a running job twice a second until it is done, invalid or failed. */
export function useImportJob(id: number | null) {
  return useQuery({
    queryKey: ['imports', id],
    queryFn: ({ signal }) => api.get<ImportJob>(`/imports/${id}`, { signal }),
    enabled: id !== null,
    refetchInterval: (q) => {
      const s = q.state.data?.status;
      return s === 'validating' || s === 'importing' || s === undefined ? 500 : false;
    },
  });
}

/** Saved column mappings (本单位模板) of the region for one kind: office and admin only. */
export function useImportMappings(kind: ImportKind, enabled: boolean) {
  return useQuery({
    queryKey: ['import-mappings', kind],
    queryFn: ({ signal }) => api.get<ImportMapping[]>(`/import-mappings?kind=${kind}`, { signal }),
    enabled,
  });
}

export async function saveImportMapping(body: CreateImportMappingBody): Promise<ImportMapping> {
  const saved = await api.post<ImportMapping>('/import-mappings', body);
  await queryClient.invalidateQueries({ queryKey: ['import-mappings', body.kind] });
  return saved;
}

export async function deleteImportMapping(m: ImportMapping): Promise<void> {
  await api.delete(`/import-mappings/${m.id}?version=${m.version}`);
  await queryClient.invalidateQueries({ queryKey: ['import-mappings', m.kind] });
}
