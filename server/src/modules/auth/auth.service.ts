/** Login with lockout and the second factor, logout, current user, password change, TOTP enrolment, own sessions. */
import {
  totpRequiredFor,
  type CurrentUser,
  type ErrorCode,
  type Role,
  type SessionList,
  type TotpEnabled,
  type TotpSetup,
} from '@kpc/contracts';
import { rotatePassword } from '../../commands/rotate-password.js';
import type { Db } from '../../db/client.js';
import { writeAudit, type AuditContext } from '../../lib/audit.js';
import { AppError, notFound } from '../../lib/errors.js';
import { assertPasswordPolicy, dummyVerify, verifyPassword } from '../../lib/password.js';
import type { AnonymousContext, RequestContext } from '../../lib/request-context.js';
import { hashToken, newToken } from '../../plugins/auth.js';
import { loadSettings } from '../settings/settings.service.js';
import * as repo from './auth.repository.js';
import {
  hashRecoveryCode,
  matchTotp,
  newRecoveryCode,
  newTotpSecret,
  RECOVERY_CODE_COUNT,
  totpUri,
  type SecretBox,
} from './totp.js';

async function presentCurrentUser(db: Db, userId: number): Promise<CurrentUser> {
  const row = await repo.findCurrentUser(db, userId);
  if (!row) throw new AppError('UNAUTHENTICATED');
  const u = row.user;
  const totpEnabled = row.totpEnabledAt !== null;
  const s = await loadSettings(db, u.regionCode);
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    roles: u.roles as Role[],
    regionCode: u.regionCode,
    regionName: row.regionName,
    unitId: u.unitId,
    unitName: row.unitName,
    leaderId: u.leaderId,
    enterpriseId: u.enterpriseId,
    mustChangePassword: u.mustChangePassword,
    totpEnabled,
    totpEnrolmentRequired: !totpEnabled && totpRequiredFor(u.roles, s),
  };
}

/** What the audit log records for a failed login whose username matches no account. */
export const UNKNOWN_USERNAME = '(unknown)';

export interface LoginResult {
  token: string;
  csrfToken: string;
  user: CurrentUser;
  maxAgeSeconds: number;
}

export interface LoginInput {
  username: string;
  password: string;
  totpCode?: string;
  recoveryCode?: string;
  ip: string;
  userAgent: string | null;
}

/** A TOTP code of the user's secret at `now`, not used before (its step is claimed atomically). */
async function acceptTotpCode(db: Db, box: SecretBox, userId: number, sealedSecret: string, code: string, now: Date) {
  const step = matchTotp(box.open(sealedSecret), code, now);
  return step !== null && (await repo.claimTotpStep(db, userId, step, now));
}

/**
 * Password, then (if the account has TOTP) a code or a recovery code. A right password without
 * either → 401 TOTP_REQUIRED, no session, and the attempt is given back (the retry with the code
 * counts it); a wrong or replayed code counts as a failed login and can lock the account.
 */
/** The signed-in user as the web needs them (roles, region, links, second-factor state). */
export const getCurrentUser = (ctx: RequestContext): Promise<CurrentUser> => presentCurrentUser(ctx.db, ctx.actor.id);

export async function login(anon: AnonymousContext, box: SecretBox, input: LoginInput): Promise<LoginResult> {
  const { db, now } = anon;
  const ctx: AuditContext = anon.audit;
  const user = await repo.findUserByUsername(db, input.username);
  const fail = async (reason: string, userId: number | null, code: ErrorCode = 'INVALID_CREDENTIALS') => {
    // An unknown username is often a password typed into the wrong box: keep a marker, not the text.
    const username = userId === null ? UNKNOWN_USERNAME : input.username;
    await writeAudit(db, ctx, { action: 'login_failed', entity: 'session', username, userId, after: { reason } }, now);
    throw new AppError(code);
  };
  if (!user) {
    await dummyVerify(input.password);
    return fail('unknown_user', null);
  }
  const s = await loadSettings(db, user.regionCode);
  if (user.disabled) {
    await dummyVerify(input.password);
    return fail('disabled', user.id);
  }
  // Count the attempt first (atomically), then check the password: see reserveLoginAttempt.
  const attempt = await repo.reserveLoginAttempt(db, user.id, now);
  if (attempt === null || attempt > s.lockoutAttempts) {
    await dummyVerify(input.password);
    return fail('locked', user.id);
  }
  const ok = await verifyPassword(user.passwordHash, input.password);
  if (!ok) {
    const lock = attempt >= s.lockoutAttempts;
    if (lock) await repo.lockAccount(db, user.id, new Date(now.getTime() + s.lockoutMinutes * 60_000));
    return fail(lock ? 'wrong_password_locked' : 'wrong_password', user.id);
  }
  const totp = await repo.findTotp(db, user.id);
  let factor: 'totp' | 'recovery_code' | undefined;
  if (totp?.enabledAt && totp.secret) {
    if (!input.totpCode && !input.recoveryCode) {
      await repo.releaseLoginAttempt(db, user.id);
      throw new AppError('TOTP_REQUIRED');
    }
    factor = input.totpCode ? 'totp' : 'recovery_code';
    const passed = input.totpCode
      ? await acceptTotpCode(db, box, user.id, totp.secret, input.totpCode, now)
      : await repo.claimRecoveryCode(db, user.id, hashRecoveryCode(input.recoveryCode!), now);
    if (!passed) {
      const lock = attempt >= s.lockoutAttempts;
      if (lock) await repo.lockAccount(db, user.id, new Date(now.getTime() + s.lockoutMinutes * 60_000));
      return fail(lock ? `wrong_${factor}_locked` : `wrong_${factor}`, user.id, 'TOTP_INVALID');
    }
  }
  const token = newToken();
  const csrfToken = newToken();
  const maxAgeSeconds = s.sessionAbsoluteHours * 3600;
  await db.transaction(async (tx) => {
    await repo.clearLoginFailures(tx, user.id);
    await repo.insertSession(tx, {
      id: hashToken(token),
      userId: user.id,
      csrfToken,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + maxAgeSeconds * 1000),
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    });
    await writeAudit(
      tx,
      { actor: { id: user.id, username: user.username }, ip: input.ip },
      { action: 'login', entity: 'session', entityId: user.id, after: factor ? { factor } : undefined },
      now,
    );
  });
  return { token, csrfToken, user: await presentCurrentUser(db, user.id), maxAgeSeconds };
}

export async function logout(ctx: RequestContext, sessionId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await repo.revokeSession(tx, sessionId, ctx.now);
    await writeAudit(tx, ctx.audit, { action: 'logout', entity: 'session', entityId: ctx.actor.id }, ctx.now);
  });
}

/** Changes the own password (not to one of the last few); ends the user's other sessions. */
export async function changePassword(
  ctx: RequestContext,
  sessionId: string,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const userId = ctx.actor.id;
  const user = await repo.findUserById(ctx.db, userId);
  if (!user) throw new AppError('UNAUTHENTICATED');
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) throw new AppError('WRONG_PASSWORD');
  assertPasswordPolicy(input.newPassword, await loadSettings(ctx.db, user.regionCode), user.username);
  if (input.newPassword === input.currentPassword) throw new AppError('PASSWORD_POLICY', { reason: 'same_as_current' });
  await ctx.db.transaction(async (tx) => {
    const passwordHash = await rotatePassword(tx, ctx, user, input.newPassword);
    await repo.setOwnPassword(tx, userId, passwordHash, ctx.now);
    await repo.revokeOtherSessions(tx, userId, sessionId, ctx.now);
    await writeAudit(
      tx,
      ctx.audit,
      { action: 'password_change', entity: 'user', entityId: userId, regionCode: user.regionCode },
      ctx.now,
    );
  });
}

/** Starts (or restarts) a TOTP enrolment: a new secret, pending until `enableTotp` confirms a code of it. */
export async function setupTotp(ctx: RequestContext, box: SecretBox): Promise<TotpSetup> {
  const current = await repo.findTotp(ctx.db, ctx.actor.id);
  if (current?.enabledAt) throw new AppError('INVALID_STATE', { reason: 'totp_enabled' });
  const secret = newTotpSecret();
  await repo.setPendingTotp(ctx.db, ctx.actor.id, box.seal(secret), ctx.now);
  return { secret, uri: totpUri(secret, ctx.actor.username) };
}

/** Confirms the pending secret with a code from the app; returns the recovery codes, shown this once. */
export async function enableTotp(ctx: RequestContext, box: SecretBox, code: string): Promise<TotpEnabled> {
  const current = await repo.findTotp(ctx.db, ctx.actor.id);
  if (!current?.pendingSecret) throw new AppError('INVALID_STATE', { reason: 'totp_not_set_up' });
  const step = matchTotp(box.open(current.pendingSecret), code, ctx.now);
  if (step === null) throw new AppError('TOTP_INVALID');
  const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await ctx.db.transaction(async (tx) => {
    if (!(await repo.enableTotp(tx, ctx.actor.id, step, ctx.now)))
      throw new AppError('INVALID_STATE', { reason: 'totp_not_set_up' });
    await repo.replaceRecoveryCodes(tx, ctx.actor.id, recoveryCodes.map(hashRecoveryCode), ctx.now);
    await writeAudit(tx, ctx.audit, { action: 'totp_enable', entity: 'user', entityId: ctx.actor.id }, ctx.now);
  });
  return { recoveryCodes };
}

/** Turns TOTP off after the password and a current code (or an unused recovery code). */
export async function disableTotp(ctx: RequestContext, box: SecretBox, input: { password: string; code: string }): Promise<void> {
  const userId = ctx.actor.id;
  const user = await repo.findUserById(ctx.db, userId);
  if (!user) throw new AppError('UNAUTHENTICATED');
  const totp = await repo.findTotp(ctx.db, userId);
  if (!totp?.enabledAt || !totp.secret) throw new AppError('INVALID_STATE', { reason: 'totp_not_enabled' });
  if (!(await verifyPassword(user.passwordHash, input.password))) throw new AppError('WRONG_PASSWORD');
  const passed = /^\d{6}$/u.test(input.code)
    ? await acceptTotpCode(ctx.db, box, userId, totp.secret, input.code, ctx.now)
    : await repo.claimRecoveryCode(ctx.db, userId, hashRecoveryCode(input.code), ctx.now);
  if (!passed) throw new AppError('TOTP_INVALID');
  await ctx.db.transaction(async (tx) => {
    await repo.deleteTotp(tx, userId);
    await writeAudit(tx, ctx.audit, { action: 'totp_disable', entity: 'user', entityId: userId }, ctx.now);
  });
}

/** The caller's open sessions, each with its public id; `current` marks the one of this request. */
export async function listMySessions(ctx: RequestContext, currentSessionId: string): Promise<SessionList> {
  const s = await loadSettings(ctx.db, ctx.actor.regionCode);
  const idleSince = new Date(ctx.now.getTime() - s.sessionIdleMinutes * 60_000);
  const rows = await repo.listOpenSessions(ctx.db, ctx.actor.id, ctx.now, idleSince);
  const items = rows.map((r) => ({
    id: repo.publicSessionId(r.id),
    createdAt: r.createdAt.toISOString(),
    lastSeenAt: r.lastSeenAt.toISOString(),
    ip: r.ip,
    userAgent: r.userAgent,
    current: r.id === currentSessionId,
  }));
  return { items, total: items.length };
}

/** Ends one of the caller's own sessions (404 for an unknown id, an ended one, or someone else's). */
export async function endMySession(ctx: RequestContext, publicId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    if (!(await repo.revokeOwnSession(tx, ctx.actor.id, publicId, ctx.now))) throw notFound();
    await writeAudit(tx, ctx.audit, { action: 'session_end', entity: 'session', entityId: publicId }, ctx.now);
  });
}
