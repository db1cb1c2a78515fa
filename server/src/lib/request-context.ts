/**
 * What a service needs to know about the call it serves, in one value: the database, the clock,
 * who acts (a signed-in user, or a named system actor for scheduled jobs), the audit context and
 * the language of messages. Every service function takes it first: `fn(ctx, …args)`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errorMessages, type Locale } from '@kpc/contracts';
import type { Db } from '../db/client.js';
import type { AuditContext } from './audit.js';
import type { Clock } from './clock.js';
import { AppError } from './errors.js';
import type { Actor } from './policy.js';

export interface RequestContext {
  db: Db;
  clock: Clock;
  actor: Actor;
  audit: AuditContext;
  /** The clock read once at the start of the request, so one request sees one instant. */
  now: Date;
  locale: Locale;
}

/** The context of a signed-in request (401 when there is no actor). */
export function requestContext(app: FastifyInstance, req: FastifyRequest): RequestContext {
  return {
    db: app.db,
    clock: app.clock,
    actor: req.requireActor(),
    audit: req.auditCtx(),
    now: app.clock.now(),
    locale: req.locale,
  };
}

/** The context of a request before sign-in (the login itself): no actor yet. */
export type AnonymousContext = Omit<RequestContext, 'actor'> & { actor: null };

export function anonymousContext(app: FastifyInstance, req: FastifyRequest): AnonymousContext {
  return {
    db: app.db,
    clock: app.clock,
    actor: null,
    audit: { actor: null, ip: req.ip },
    now: app.clock.now(),
    locale: req.locale,
  };
}

/** System actors have no users row: id 0, audited under their name (`system:<job>`). */
export const SYSTEM_ACTOR_ID = 0;

/**
 * The context of a scheduled job or a command-line tool: a named system actor with the office's
 * rights over `regionCode` ('' = every region), audited as `system:<name>` with no user id.
 */
export function systemContext(
  db: Db,
  clock: Clock,
  name: string,
  opts: { regionCode?: string; locale?: Locale } = {},
): RequestContext {
  const username = `system:${name}`;
  const actor: Actor = {
    id: SYSTEM_ACTOR_ID,
    username,
    displayName: username,
    roles: ['admin', 'office'],
    regionCode: opts.regionCode ?? '',
    unitId: null,
    leaderId: null,
    enterpriseId: null,
  };
  return {
    db,
    clock,
    actor,
    audit: { actor: { id: SYSTEM_ACTOR_ID, username }, ip: null },
    now: clock.now(),
    locale: opts.locale ?? 'zh-CN',
  };
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
