/**
 * Multipart upload through the same conventions as lib/api (session cookie, CSRF token, language,
 * ApiError with the server's localised message), which only sends JSON.
 */
import type { ErrorCode, LoginResponse } from '@kpc/contracts';
import { ApiError, newIdempotencyKey, toQueryString } from './api';
import { currentLocale } from './i18n';
import { queryClient } from './query-client';
import { sessionQueryKey } from './session';

export async function postFile<T>(
  path: string,
  file: Blob,
  filename: string,
  fallbackMessage: (status: number) => string,
  query?: Record<string, string | number | boolean | undefined>,
  /** The same key on a retry: the server answers an upload it already stored from its record. */
  opts: { idempotencyKey?: string } = {},
): Promise<T> {
  const csrf = queryClient.getQueryData<LoginResponse | null>(sessionQueryKey)?.csrfToken;
  const form = new FormData();
  form.append('file', file, filename);
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}${toQueryString(query)}`, {
      method: 'POST',
      headers: {
        Accept: 'application/json',
        'Accept-Language': currentLocale(),
        'Idempotency-Key': opts.idempotencyKey ?? newIdempotencyKey(),
        ...(csrf ? { 'x-csrf-token': csrf } : {}),
      },
      credentials: 'same-origin',
      body: form,
    });
  } catch {
    throw new ApiError(0, 'NETWORK', fallbackMessage(0));
  }
  const data: unknown = await res.json().catch(() => null);
  if (res.ok) return data as T;
  const err = (data as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
  // a proxy's 413 has no API body: still say what went wrong
  const code = (err?.code ?? (res.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'INTERNAL')) as ErrorCode;
  throw new ApiError(res.status, code, err?.message || fallbackMessage(res.status), err?.details);
}
