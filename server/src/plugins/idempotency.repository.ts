/** All SQL of `idempotency_keys`. */
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { idempotencyKeys } from '../db/schema/index.js';

export type IdempotencyRow = typeof idempotencyKeys.$inferSelect;

/** Takes the key for a new request; false when it is already taken (then `findKey`). */
export async function claimKey(
  db: Executor,
  v: { userId: number; key: string; method: string; path: string; bodyHash: string; at: Date },
): Promise<boolean> {
  const rows = await db
    .insert(idempotencyKeys)
    .values({ userId: v.userId, key: v.key, method: v.method, path: v.path, bodyHash: v.bodyHash, createdAt: v.at })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  return rows.length > 0;
}

export async function findKey(db: Executor, userId: number, key: string): Promise<IdempotencyRow | undefined> {
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
  return row;
}

/** Takes over a key whose request expired or was abandoned (its process died before answering). */
export async function retakeKey(
  db: Executor,
  old: IdempotencyRow,
  v: { path: string; bodyHash: string; at: Date },
): Promise<boolean> {
  const rows = await db
    .update(idempotencyKeys)
    .set({ path: v.path, bodyHash: v.bodyHash, createdAt: v.at, statusCode: null, response: null })
    .where(
      and(eq(idempotencyKeys.userId, old.userId), eq(idempotencyKeys.key, old.key), eq(idempotencyKeys.createdAt, old.createdAt)),
    )
    .returning({ key: idempotencyKeys.key });
  return rows.length > 0;
}

export async function storeResponse(
  db: Executor,
  userId: number,
  key: string,
  statusCode: number,
  response: string,
): Promise<void> {
  await db
    .update(idempotencyKeys)
    .set({ statusCode, response })
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
}

export async function releaseKey(db: Executor, userId: number, key: string): Promise<void> {
  await db
    .delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key), sql`${idempotencyKeys.statusCode} is null`));
}
