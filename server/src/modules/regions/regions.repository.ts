/** SQL for the regions table (real administrative codes). */
import { and, asc, eq, inArray, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { regions } from '../../db/schema/index.js';
import { inSubtree, selfAndAncestors } from '../../lib/query.js';

export type RegionRow = typeof regions.$inferSelect;

export async function regionExists(db: Executor, code: string): Promise<boolean> {
  const [row] = await db.select({ code: regions.code }).from(regions).where(eq(regions.code, code));
  return row !== undefined;
}

/** The region rows a user of `regionCode` may see: its subtree and its ancestors. */
export async function listVisibleRegions(
  db: Executor,
  regionCode: string,
  f: { parentCode?: string | undefined; level?: RegionRow['level'] | undefined },
): Promise<RegionRow[]> {
  const conds: (SQL | undefined)[] = [
    or(inSubtree(regions.code, regionCode), inArray(regions.code, selfAndAncestors(regionCode))),
  ];
  if (f.parentCode) conds.push(eq(regions.parentCode, f.parentCode));
  if (f.level) conds.push(eq(regions.level, f.level));
  return db
    .select()
    .from(regions)
    .where(and(...conds))
    .orderBy(asc(regions.code));
}

export async function existingCodes(db: Executor, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db.select({ code: regions.code }).from(regions).where(inArray(regions.code, codes));
  return new Set(rows.map((r) => r.code));
}

export async function insertRegions(
  db: Executor,
  rows: Pick<RegionRow, 'code' | 'name' | 'level' | 'parentCode'>[],
): Promise<RegionRow[]> {
  if (rows.length === 0) return [];
  return db.insert(regions).values(rows).onConflictDoNothing().returning();
}
