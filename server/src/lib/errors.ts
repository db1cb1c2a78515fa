/** The one error type services throw; the error handler turns it into the stable error body. */
import type { ErrorCode } from '@kpc/contracts';

const statusOf: Partial<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  PASSWORD_POLICY: 400,
  WRONG_PASSWORD: 400,
  TOTP_INVALID: 400,
  TOTP_REQUIRED: 401,
  TOTP_ENROLMENT_REQUIRED: 403,
  REFERENCE_INVALID: 400,
  ILLEGAL_TRANSITION: 400,
  INVALID_STATE: 409,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  INVALID_CREDENTIALS: 401,
  PASSWORD_CHANGE_REQUIRED: 403,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  VERSION_CONFLICT: 409,
  DUPLICATE: 409,
  IN_USE: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_FILE_TYPE: 415,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IDEMPOTENCY_KEY_REUSED: 422,
  IDEMPOTENCY_IN_PROGRESS: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

export class AppError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
    /** Overrides the code's standard message (already localised by the caller). */
    readonly customMessage?: { 'zh-CN': string; en: string },
  ) {
    super(code);
    this.name = 'AppError';
    this.statusCode = statusOf[code] ?? 400;
  }
}

export const notFound = () => new AppError('NOT_FOUND');
export const forbidden = () => new AppError('FORBIDDEN');
/** A stale write: the details carry the current record so the client can show it. */
export const versionConflict = (current: unknown) => new AppError('VERSION_CONFLICT', { current });
