/**
 * What a service needs to know about the request it serves: who acts, for the audit log,
 * the time from the injected clock and the language for field messages.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errorMessages, type Locale } from '@kpc/contracts';
import type { AuditContext } from './audit.js';
import { AppError } from './errors.js';
import type { Actor } from './policy.js';

export interface RequestContext {
  actor: Actor;
  audit: AuditContext;
  now: Date;
  locale: Locale;
}

/** The context of a signed-in request (401 when there is no actor). */
export function requestContext(app: FastifyInstance, req: FastifyRequest): RequestContext {
  return { actor: req.requireActor(), audit: req.auditCtx(), now: app.clock.now(), locale: req.locale };
}

/** A 400/409 naming the field at fault, in the same `[{ field, message }]` shape as validation errors. */
export function fieldError(
  code: 'REFERENCE_INVALID' | 'VALIDATION_FAILED' | 'DUPLICATE' | 'FORBIDDEN',
  field: string,
  locale: Locale,
  message?: { 'zh-CN': string; en: string },
): AppError {
  return new AppError(code, [{ field, message: (message ?? errorMessages[code])[locale] }]);
}
