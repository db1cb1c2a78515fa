/** SQL for accounts: lists within a region subtree, versioned updates, ending a user's sessions. */
import { and, asc, count, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { updateAtVersion } from '../../lib/versioned.js';
import { sessions, users } from '../../db/schema/index.js';
import { contains, inSubtree, offsetOf } from '../../lib/query.js';

export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;

export interface UserFilter {
  regionCode: string;
  q?: string | undefined;
  role?: string | undefined;
  unitId?: number | undefined;
  disabled?: boolean | undefined;
  page: number;
  pageSize: number;
}

export async function findUserById(db: Executor, id: number): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function usernameTaken(db: Executor, username: string): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.username}) = lower(${username})`);
  return row !== undefined;
}

export async function listUsers(db: Executor, f: UserFilter): Promise<{ rows: UserRow[]; total: number }> {
  const conds: SQL[] = [inSubtree(users.regionCode, f.regionCode)];
  if (f.q) conds.push(sql`(${contains(users.username, f.q)} or ${contains(users.displayName, f.q)})`);
  if (f.role) conds.push(sql`${f.role} = any(${users.roles})`);
  if (f.unitId !== undefined) conds.push(eq(users.unitId, f.unitId));
  if (f.disabled !== undefined) conds.push(eq(users.disabled, f.disabled));
  const where = and(...conds);
  const [rows, [totalRow]] = await Promise.all([
    db.select().from(users).where(where).orderBy(asc(users.id)).limit(f.pageSize).offset(offsetOf(f)),
    db.select({ n: count() }).from(users).where(where),
  ]);
  return { rows, total: Number(totalRow?.n ?? 0) };
}

export async function insertUser(db: Executor, values: NewUserRow): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  return row!;
}

/** Updates when the version still matches, bumping it; undefined when someone else changed the row. */
export const updateUser = (db: Executor, id: number, version: number, set: Partial<NewUserRow>): Promise<UserRow | undefined> =>
  updateAtVersion(db, users, id, version, set);

/** Ends every live session of the user. */
export async function revokeSessionsOf(db: Executor, userId: number, now: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}
