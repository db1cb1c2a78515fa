/** All SQL of sign-in and sessions; the failure counter and lock are atomic so parallel guesses cannot race them. */
import { and, eq, isNull, lte, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { regions, sessions, units, users } from '../../db/schema/index.js';

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

/** The signed-in user with the names of their unit and region. */
export async function findCurrentUser(db: Executor, id: number) {
  const [row] = await db
    .select({ user: users, unitName: units.name, regionName: regions.name })
    .from(users)
    .leftJoin(units, eq(units.id, users.unitId))
    .leftJoin(regions, eq(regions.code, users.regionCode))
    .where(eq(users.id, id));
  return row ?? null;
}

export async function insertSession(db: Executor, values: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(values);
}

export async function revokeSession(db: Executor, sessionId: string, at: Date): Promise<void> {
  await db.update(sessions).set({ revokedAt: at }).where(eq(sessions.id, sessionId));
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
