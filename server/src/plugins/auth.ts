/**
 * Sessions and CSRF. Every /api route needs a live session unless its config says `public: true`.
 * The cookie carries a random token; the database holds its SHA-256, the user, the CSRF token and
 * the idle / absolute expiry. Mutations must echo the session's CSRF token in `x-csrf-token`.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { and, eq, isNull } from 'drizzle-orm';
import { totpRequiredFor, type Role } from '@kpc/contracts';
import { sessions, users, userTotp } from '../db/schema/index.js';
import { AppError } from '../lib/errors.js';
import type { Actor } from '../lib/policy.js';
import type { AuditContext } from '../lib/audit.js';
import { pickLocale } from '../lib/locale.js';
import { loadSettings } from '../modules/settings/settings.service.js';

export const SESSION_COOKIE = 'kpc_session';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** No session needed (login, health, docs). */
    public?: boolean;
    /** Reachable while the user must still change the password. */
    allowPasswordChange?: boolean;
    /** Reachable while the user's role requires TOTP and they have not enrolled yet. */
    allowTotpEnrolment?: boolean;
    /** Changes only the caller's own sign-in (second factor, sessions): read-only accounts may call it. */
    ownAccount?: boolean;
    /** A POST that computes and saves nothing (a preview): read-only accounts may call it. */
    readOnly?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
    /** The session's CSRF token, which writes must echo in x-csrf-token. */
    csrfToken: string | null;
    mustChangePassword: boolean;
    /** The role requires TOTP and the user has none yet: only enrolment is open (like mustChangePassword). */
    totpEnrolmentRequired: boolean;
    locale: 'zh-CN' | 'en';
    auditCtx(): AuditContext;
    /** The signed-in user, or 401. */
    requireActor(): Actor;
  }
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const newToken = () => randomBytes(32).toString('base64url');

const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Refresh last_seen_at at most once a minute: fewer writes, idle timeout still exact to a minute. */
const TOUCH_EVERY_MS = 60_000;

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

export default fp(async function auth(app: FastifyInstance) {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('mustChangePassword', false);
  app.decorateRequest('totpEnrolmentRequired', false);
  app.decorateRequest('locale', 'zh-CN');
  app.decorateRequest('auditCtx', function (this: FastifyRequest): AuditContext {
    return { actor: this.actor, ip: this.ip };
  });
  app.decorateRequest('requireActor', function (this: FastifyRequest): Actor {
    if (!this.actor) throw new AppError('UNAUTHENTICATED');
    return this.actor;
  });

  app.addHook('onRequest', async (req) => {
    req.locale = pickLocale(req.headers['accept-language']);
    if (!req.url.startsWith('/api/')) return;
    const config = req.routeOptions.config;
    const token = req.cookies[SESSION_COOKIE];
    if (token) await loadSession(req, token);
    // the browsable API docs are public; the API itself is not
    if (config.public || req.url.startsWith('/api/docs')) return;
    if (!req.actor) throw new AppError(token ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
    if (req.mustChangePassword && !config.allowPasswordChange) throw new AppError('PASSWORD_CHANGE_REQUIRED');
    if (req.totpEnrolmentRequired && !config.allowTotpEnrolment) throw new AppError('TOTP_ENROLMENT_REQUIRED');
  });

  // before validation: a forged request is refused as such, whatever its body
  app.addHook('preValidation', async (req) => {
    if (!MUTATIONS.has(req.method) || !req.url.startsWith('/api/') || !req.sessionId) return;
    if (req.routeOptions.config.public && !req.actor) return;
    const sent = req.headers['x-csrf-token'];
    // the session row was read in onRequest: compare with its token, no second query
    if (typeof sent !== 'string' || !req.csrfToken || !safeEqual(sent, req.csrfToken)) throw new AppError('CSRF_FAILED');
    // A read-only account writes nothing, whatever a route's own checks say; its own session and
    // password (the routes open during a forced password change) and its own sign-in are the exception.
    const { allowPasswordChange, ownAccount, readOnly } = req.routeOptions.config;
    if (req.actor && req.actor.roles.every((r) => r === 'viewer') && !allowPasswordChange && !ownAccount && !readOnly)
      throw new AppError('FORBIDDEN');
  });

  async function loadSession(req: FastifyRequest, token: string) {
    const id = hashToken(token);
    const [row] = await app.db
      .select({ session: sessions, user: users, totpEnabledAt: userTotp.enabledAt })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .leftJoin(userTotp, eq(userTotp.userId, users.id))
      .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)));
    if (!row || row.user.disabled) return;
    const now = app.clock.now();
    const s = await loadSettings(app.db, row.user.regionCode);
    const idleDeadline = row.session.lastSeenAt.getTime() + s.sessionIdleMinutes * 60_000;
    if (now.getTime() >= row.session.expiresAt.getTime() || now.getTime() >= idleDeadline) return;
    if (now.getTime() - row.session.lastSeenAt.getTime() > TOUCH_EVERY_MS)
      await app.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
    req.sessionId = id;
    req.csrfToken = row.session.csrfToken;
    req.mustChangePassword = row.user.mustChangePassword;
    req.totpEnrolmentRequired = row.totpEnabledAt === null && totpRequiredFor(row.user.roles, s);
    req.actor = {
      id: row.user.id,
      username: row.user.username,
      displayName: row.user.displayName,
      roles: row.user.roles as Role[],
      regionCode: row.user.regionCode,
      unitId: row.user.unitId,
      leaderId: row.user.leaderId,
      enterpriseId: row.user.enterpriseId,
    };
  }
});
