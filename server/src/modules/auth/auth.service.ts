/** Login with lockout, logout, current user, password change. */
import type { CurrentUser, Role } from '@kpc/contracts';
import type { Db } from '../../db/client.js';
import { writeAudit, type AuditContext } from '../../lib/audit.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { assertPasswordPolicy, dummyVerify, hashPassword, verifyPassword } from '../../lib/password.js';
import { hashToken, newToken } from '../../plugins/auth.js';
import { loadSettings } from '../settings/settings.service.js';
import * as repo from './auth.repository.js';

export async function currentUser(db: Db, userId: number): Promise<CurrentUser> {
  const row = await repo.findCurrentUser(db, userId);
  if (!row) throw new AppError('UNAUTHENTICATED');
  const u = row.user;
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

export async function login(
  db: Db,
  clock: Clock,
  input: { username: string; password: string; ip: string; userAgent: string | null },
): Promise<LoginResult> {
  const now = clock.now();
  const ctx: AuditContext = { actor: null, ip: input.ip };
  const user = await repo.findUserByUsername(db, input.username);
  const fail = async (reason: string, userId: number | null) => {
    // An unknown username is often a password typed into the wrong box: keep a marker, not the text.
    const username = userId === null ? UNKNOWN_USERNAME : input.username;
    await writeAudit(db, ctx, { action: 'login_failed', entity: 'session', username, userId, after: { reason } }, now);
    throw new AppError('INVALID_CREDENTIALS');
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
      { action: 'login', entity: 'session', entityId: user.id },
      now,
    );
  });
  return { token, csrfToken, user: await currentUser(db, user.id), maxAgeSeconds };
}

export async function logout(db: Db, clock: Clock, sessionId: string, ctx: AuditContext): Promise<void> {
  await db.transaction(async (tx) => {
    const now = clock.now();
    await repo.revokeSession(tx, sessionId, now);
    await writeAudit(tx, ctx, { action: 'logout', entity: 'session', entityId: ctx.actor?.id ?? null }, now);
  });
}

/** Changes the own password; ends the user's other sessions. */
export async function changePassword(
  db: Db,
  clock: Clock,
  userId: number,
  sessionId: string,
  input: { currentPassword: string; newPassword: string },
  ctx: AuditContext,
): Promise<void> {
  const user = await repo.findUserById(db, userId);
  if (!user) throw new AppError('UNAUTHENTICATED');
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) throw new AppError('WRONG_PASSWORD');
  assertPasswordPolicy(input.newPassword, await loadSettings(db, user.regionCode), user.username);
  if (input.newPassword === input.currentPassword) throw new AppError('PASSWORD_POLICY', { reason: 'same_as_current' });
  const passwordHash = await hashPassword(input.newPassword);
  const now = clock.now();
  await db.transaction(async (tx) => {
    await repo.setOwnPassword(tx, userId, passwordHash, now);
    await repo.revokeOtherSessions(tx, userId, sessionId, now);
    await writeAudit(tx, ctx, { action: 'password_change', entity: 'user', entityId: userId, regionCode: user.regionCode }, now);
  });
}
