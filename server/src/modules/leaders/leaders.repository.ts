/** SQL for contracting leaders 分包领导. */
import { and, asc, count, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { updateAtVersion } from '../../lib/versioned.js';
import { leaders } from '../../db/schema/index.js';
import { contains, inSubtree, offsetOf } from '../../lib/query.js';
import type { ReferenceFilter } from '../../lib/reference-records.js';

export type LeaderRow = typeof leaders.$inferSelect;
export type NewLeaderRow = typeof leaders.$inferInsert;

export async function findLeaderById(db: Executor, id: number): Promise<LeaderRow | undefined> {
  const [row] = await db.select().from(leaders).where(eq(leaders.id, id));
  return row;
}

export async function listLeaders(db: Executor, f: ReferenceFilter): Promise<{ rows: LeaderRow[]; total: number }> {
  const conds: SQL[] = [inSubtree(leaders.regionCode, f.regionCode)];
  if (f.q) conds.push(sql`(${contains(leaders.name, f.q)} or ${contains(leaders.title, f.q)})`);
  if (f.active !== undefined) conds.push(eq(leaders.active, f.active));
  const where = and(...conds);
  const [rows, [totalRow]] = await Promise.all([
    db.select().from(leaders).where(where).orderBy(asc(leaders.id)).limit(f.pageSize).offset(offsetOf(f)),
    db.select({ n: count() }).from(leaders).where(where),
  ]);
  return { rows, total: Number(totalRow?.n ?? 0) };
}

export async function insertLeader(db: Executor, values: NewLeaderRow): Promise<LeaderRow> {
  const [row] = await db.insert(leaders).values(values).returning();
  return row!;
}

export const updateLeader = (
  db: Executor,
  id: number,
  version: number,
  set: Partial<NewLeaderRow>,
): Promise<LeaderRow | undefined> => updateAtVersion(db, leaders, id, version, set);

export async function deleteLeader(db: Executor, id: number): Promise<void> {
  await db.delete(leaders).where(eq(leaders.id, id));
}
