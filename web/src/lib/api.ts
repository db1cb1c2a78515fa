/**
 * The one way the web talks to the API: fetch with the session cookie, the CSRF token on writes,
 * an Idempotency-Key on every POST, Accept-Language from the UI language, and a typed ApiError. It is also the one place that turns
 * an error code into what the user is told, and that sends the user to login or to the password change.
 */
// type-only: the login screen's bundle must not pull zod and every schema in with the contracts' values
import type { ErrorCode, FieldIssue, Locale } from '@kpc/contracts';
import { currentLocale } from './i18n';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'NETWORK',
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Field issues of a VALIDATION_FAILED error (empty otherwise). */
  get fieldIssues(): FieldIssue[] {
    if (this.code !== 'VALIDATION_FAILED' || !Array.isArray(this.details)) return [];
    return (this.details as unknown[]).filter(
      (d): d is FieldIssue => typeof d === 'object' && d !== null && 'field' in d && 'message' in d,
    );
  }
}

let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

interface ApiHandlers {
  /** A request needing a session got 401: the session is gone. */
  onUnauthenticated?: () => void;
  /** 403 PASSWORD_CHANGE_REQUIRED: the user must change the password first. */
  onPasswordChangeRequired?: () => void;
  /** 403 TOTP_ENROLMENT_REQUIRED: the user's role requires TOTP and they must enrol first. */
  onTotpEnrolmentRequired?: () => void;
}
let handlers: ApiHandlers = {};
export function setApiHandlers(h: ApiHandlers): void {
  handlers = h;
}

type Query = Record<string, string | number | boolean | null | undefined>;

export function toQueryString(query?: Query): string {
  if (!query) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Do not redirect on 401 (used by /auth/me and /auth/login, which handle it themselves). */
  quiet401?: boolean;
  /**
   * POST only: the submission's Idempotency-Key. Pass the same key when the same submission is sent again
   * (a retry, the offline queue), so a request that reached the server once is not carried out twice; a
   * fresh key is made for each POST without one.
   */
  idempotencyKey?: string;
}

/**
 * A fresh Idempotency-Key (a random UUID). crypto.randomUUID exists only in secure contexts (https,
 * localhost); the app is also served over plain http on an intranet, where getRandomValues still works.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLocale() };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (method === 'POST') headers['Idempotency-Key'] = opts.idempotencyKey ?? newIdempotencyKey();
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}${toQueryString(opts.query)}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', describeCode('NETWORK'));
  }
  const data: unknown = res.status === 204 ? null : await res.json().catch(() => null);
  if (res.ok) return data as T;
  const err = (data as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
  const code = (err?.code ?? (res.status === 429 ? 'RATE_LIMITED' : 'INTERNAL')) as ErrorCode;
  const apiError = new ApiError(res.status, code, err?.message || describeCode(code), err?.details);
  if (res.status === 401 && !opts.quiet401) handlers.onUnauthenticated?.();
  if (res.status === 403 && code === 'PASSWORD_CHANGE_REQUIRED') handlers.onPasswordChangeRequired?.();
  if (res.status === 403 && code === 'TOTP_ENROLMENT_REQUIRED') handlers.onTotpEnrolmentRequired?.();
  throw apiError;
}

export const api = {
  get: <T>(path: string, opts?: RequestOptions) => request<T>('GET', path, opts),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', path, { ...opts, body: body ?? {} }),
  put: <T>(path: string, body: unknown, opts?: RequestOptions) => request<T>('PUT', path, { ...opts, body }),
  patch: <T>(path: string, body: unknown, opts?: RequestOptions) => request<T>('PATCH', path, { ...opts, body }),
  delete: <T>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, opts),
};

/**
 * Messages for when the server gave none (it normally sends one, localised by Accept-Language, from
 * the contracts' error table): no connection, or a body that is not the API's error shape.
 */
const fallbackMessages: Partial<Record<ErrorCode | 'NETWORK', Record<Locale, string>>> = {
  NETWORK: { 'zh-CN': '无法连接服务器，请检查网络后重试', en: 'Cannot reach the server; check the network and try again' },
  VALIDATION_FAILED: { 'zh-CN': '提交的数据不符合要求', en: 'The submitted data is invalid' },
  RATE_LIMITED: { 'zh-CN': '操作过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  INTERNAL: { 'zh-CN': '服务器内部错误', en: 'Internal server error' },
};

function describeCode(code: ErrorCode | 'NETWORK'): string {
  return (fallbackMessages[code] ?? fallbackMessages.INTERNAL!)[currentLocale()];
}

/**
 * What the user is told about an error. The server already localises its message by Accept-Language;
 * codes whose server text is generic get the contracts' message in the current UI language.
 */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'VALIDATION_FAILED' && err.fieldIssues.length > 0) {
      const first = err.fieldIssues[0]!;
      return `${err.message || describeCode(err.code)}：${first.field} ${first.message}`;
    }
    return err.message || describeCode(err.code);
  }
  return describeCode('INTERNAL');
}

export const isApiError = (e: unknown, code?: ErrorCode): e is ApiError =>
  e instanceof ApiError && (code === undefined || e.code === code);

/** The request never got an answer (offline, connection dropped, the response lost on the way). */
export const isNetworkError = (e: unknown): e is ApiError => e instanceof ApiError && e.code === 'NETWORK';

/** Lists come as { items, total }. */
export interface Page<T> {
  items: T[];
  total: number;
}
