/**
 * All SQL of sign-in, sessions, second factors and password history. The failure counter and lock,
 * the TOTP step and the recovery codes are each claimed by one atomic UPDATE, so parallel requests
 * cannot race them.
 */
import { and, desc, eq, gt, isNotNull, isNull, like, lt, lte, ne, notInArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { passwordHistory, recoveryCodes, regions, sessions, units, users, userTotp } from '../../db/schema/index.js';

/**
 * Reserves one password attempt before the password is checked: one UPDATE counts it, unless the
 * account is locked. Returns the attempt's number (1 = first since the last success or lock), or
 * null when the account is locked. Because the count is taken before the slow argon2 check, a burst
 * of parallel guesses gets exactly `attempts` checks; the rest are refused as locked.
 */
export async function reserveLoginAttempt(db: Executor, userId: number, now: Date): Promise<number | null> {
  const [row] = await db
    .update(users)
    .set({ failedLogins: sql`${users.failedLogins} + 1` })
    .where(and(eq(users.id, userId), or(isNull(users.lockedUntil), lte(users.lockedUntil, now))))
    .returning({ n: users.failedLogins });
  return row ? row.n : null;
}

/** Locks the account until `until` and starts the count afresh for the next window. */
export async function lockAccount(db: Executor, userId: number, until: Date): Promise<void> {
  await db.update(users).set({ failedLogins: 0, lockedUntil: until }).where(eq(users.id, userId));
}

/**
 * Gives back an attempt reserved by a request that checked the right password but was then asked for
 * its second factor: the two steps of one TOTP login count once, not twice.
 */
export async function releaseLoginAttempt(db: Executor, userId: number): Promise<void> {
  await db
    .update(users)
    .set({ failedLogins: sql`greatest(${users.failedLogins} - 1, 0)` })
    .where(eq(users.id, userId));
}

/** A successful login clears the count and any expired lock. */
export async function clearLoginFailures(db: Executor, userId: number): Promise<void> {
  await db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, userId));
}

export type UserRow = typeof users.$inferSelect;

/** The account of a username, case-insensitively (usernames are unique that way). */
export async function findUserByUsername(db: Executor, username: string): Promise<UserRow | null> {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.username}) = lower(${username})`);
  return row ?? null;
}

export async function findUserById(db: Executor, id: number): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row ?? null;
}

/** The signed-in user with the names of their unit and region, and since when TOTP is on (null: off). */
export async function findCurrentUser(db: Executor, id: number) {
  const [row] = await db
    .select({ user: users, unitName: units.name, regionName: regions.name, totpEnabledAt: userTotp.enabledAt })
    .from(users)
    .leftJoin(units, eq(units.id, users.unitId))
    .leftJoin(regions, eq(regions.code, users.regionCode))
    .leftJoin(userTotp, eq(userTotp.userId, users.id))
    .where(eq(users.id, id));
  return row ?? null;
}

export async function insertSession(db: Executor, values: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(values);
}

export async function revokeSession(db: Executor, sessionId: string, at: Date): Promise<void> {
  await db.update(sessions).set({ revokedAt: at }).where(eq(sessions.id, sessionId));
}

/** Characters of the session id (the token's SHA-256 in hex) shown as its public handle. */
export const PUBLIC_SESSION_ID_LENGTH = 16;
export const publicSessionId = (sessionId: string) => sessionId.slice(0, PUBLIC_SESSION_ID_LENGTH);

/** The user's sessions that are neither revoked, nor past their absolute expiry, nor idle since `idleSince`; newest first. */
export async function listOpenSessions(db: Executor, userId: number, now: Date, idleSince: Date) {
  return db
    .select({
      id: sessions.id,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      ip: sessions.ip,
      userAgent: sessions.userAgent,
    })
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
        gt(sessions.lastSeenAt, idleSince),
      ),
    )
    .orderBy(desc(sessions.lastSeenAt));
}

/** Revokes the user's own open session with this public id; false when there is none (or it is someone else's). */
export async function revokeOwnSession(db: Executor, userId: number, publicId: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: at })
    .where(and(eq(sessions.userId, userId), like(sessions.id, `${publicId}%`), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length > 0;
}

/** Ends every other open session of the user (after a password change). */
export async function revokeOtherSessions(db: Executor, userId: number, keep: string, at: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: at })
    .where(and(eq(sessions.userId, userId), ne(sessions.id, keep), isNull(sessions.revokedAt)));
}

/** Sets a new own password (no version check: only the signed-in user changes it, after re-entering the old one). */
export async function setOwnPassword(db: Executor, userId: number, passwordHash: string, at: Date): Promise<void> {
  await db
    .update(users)
    .set({
      passwordHash,
      mustChangePassword: false,
      passwordChangedAt: at,
      updatedAt: at,
      version: sql`${users.version} + 1`,
    })
    .where(eq(users.id, userId));
}

export type TotpRow = typeof userTotp.$inferSelect;

export async function findTotp(db: Executor, userId: number): Promise<TotpRow | null> {
  const [row] = await db.select().from(userTotp).where(eq(userTotp.userId, userId));
  return row ?? null;
}

/** Stores a new secret awaiting confirmation (replacing an earlier pending one). */
export async function setPendingTotp(db: Executor, userId: number, sealedSecret: string, at: Date): Promise<void> {
  await db
    .insert(userTotp)
    .values({ userId, pendingSecret: sealedSecret, updatedAt: at })
    .onConflictDoUpdate({
      target: userTotp.userId,
      set: { pendingSecret: sealedSecret, updatedAt: at, version: sql`${userTotp.version} + 1` },
    });
}

/** Makes the pending secret the active one; `step` (the confirming code's) cannot be used again. False if none was pending. */
export async function enableTotp(db: Executor, userId: number, step: number, at: Date): Promise<boolean> {
  const rows = await db
    .update(userTotp)
    .set({
      secret: sql`${userTotp.pendingSecret}`,
      pendingSecret: null,
      enabledAt: at,
      lastUsedStep: step,
      updatedAt: at,
      version: sql`${userTotp.version} + 1`,
    })
    .where(and(eq(userTotp.userId, userId), isNotNull(userTotp.pendingSecret)))
    .returning({ userId: userTotp.userId });
  return rows.length > 0;
}

/** Removes the authenticator and every recovery code of the user. */
export async function deleteTotp(db: Executor, userId: number): Promise<void> {
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await db.delete(userTotp).where(eq(userTotp.userId, userId));
}

/** Claims a TOTP step: true only if it is later than the last one used (a replayed or older code gets false). */
export async function claimTotpStep(db: Executor, userId: number, step: number, at: Date): Promise<boolean> {
  const rows = await db
    .update(userTotp)
    .set({ lastUsedStep: step, updatedAt: at })
    .where(
      and(
        eq(userTotp.userId, userId),
        isNotNull(userTotp.enabledAt),
        or(isNull(userTotp.lastUsedStep), lt(userTotp.lastUsedStep, step)),
      ),
    )
    .returning({ userId: userTotp.userId });
  return rows.length > 0;
}

/** Replaces the user's recovery codes with these hashes. */
export async function replaceRecoveryCodes(db: Executor, userId: number, codeHashes: string[], at: Date): Promise<void> {
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await db.insert(recoveryCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash, createdAt: at })));
}

/** Marks an unused recovery code of the user used; false when there is no such unused code. */
export async function claimRecoveryCode(db: Executor, userId: number, codeHash: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(recoveryCodes)
    .set({ usedAt: at })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return rows.length > 0;
}

/** The user's unused recovery codes (how many are left). */
export async function countUnusedRecoveryCodes(db: Executor, userId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return row?.n ?? 0;
}

/** The hashes the user's password had before the current one, newest first. */
export async function previousPasswordHashes(db: Executor, userId: number, limit: number): Promise<string[]> {
  const rows = await db
    .select({ hash: passwordHistory.passwordHash })
    .from(passwordHistory)
    .where(eq(passwordHistory.userId, userId))
    .orderBy(desc(passwordHistory.id))
    .limit(limit);
  return rows.map((r) => r.hash);
}

/** Records a replaced password hash and forgets all but the newest `keep`. */
export async function rememberPasswordHash(db: Executor, userId: number, hash: string, at: Date, keep: number): Promise<void> {
  await db.insert(passwordHistory).values({ userId, passwordHash: hash, replacedAt: at });
  const kept = db
    .select({ id: passwordHistory.id })
    .from(passwordHistory)
    .where(eq(passwordHistory.userId, userId))
    .orderBy(desc(passwordHistory.id))
    .limit(keep);
  await db.delete(passwordHistory).where(and(eq(passwordHistory.userId, userId), notInArray(passwordHistory.id, kept)));
}
