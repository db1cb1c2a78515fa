/** The SQL of logins: the failure counter and lock, kept atomic so parallel guesses cannot race it. */
import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { users } from '../../db/schema/index.js';

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
