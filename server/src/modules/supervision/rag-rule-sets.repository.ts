/** All SQL of colour rule sets 评色规则: the newest version of every region, a region's history, a new version. */
import { desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { ragRuleSets, regions, users } from '../../db/schema/index.js';

export type RagRuleSetRow = typeof ragRuleSets.$inferSelect;

/**
 * The newest version of every region that has one. The table holds a handful of rows per region that
 * tunes its rules (a few hundred at province scale), so it is read whole, once per colour computation.
 */
export async function newestOfEveryRegion(db: Executor): Promise<RagRuleSetRow[]> {
  const r = (await db.execute(
    sql`select distinct on (region_code) id, region_code as "regionCode", version, rules, note,
          created_by as "createdBy", created_at as "createdAt"
        from ${ragRuleSets} order by region_code, version desc`,
  )) as unknown as { rows: RagRuleSetRow[] };
  return r.rows.map((x) => ({ ...x, id: Number(x.id), version: Number(x.version), createdAt: new Date(x.createdAt) }));
}

export const historyOf = (db: Executor, regionCode: string) =>
  db
    .select({ row: ragRuleSets, by: users.displayName })
    .from(ragRuleSets)
    .innerJoin(users, eq(users.id, ragRuleSets.createdBy))
    .where(eq(ragRuleSets.regionCode, regionCode))
    .orderBy(desc(ragRuleSets.version));

export async function findRegion(db: Executor, code: string): Promise<{ code: string; name: string } | null> {
  const [r] = await db.select({ code: regions.code, name: regions.name }).from(regions).where(eq(regions.code, code));
  return r ?? null;
}

export async function regionNames(db: Executor, codes: readonly string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const r = await db
    .select({ code: regions.code, name: regions.name })
    .from(regions)
    .where(sql`${regions.code} in ${[...codes]}`);
  return new Map(r.map((x) => [x.code, x.name]));
}

/** A region's newest version number, 0 when it has none. */
export async function newestVersion(db: Executor, regionCode: string): Promise<number> {
  const [r] = await db
    .select({ v: sql<number>`coalesce(max(${ragRuleSets.version}), 0)` })
    .from(ragRuleSets)
    .where(eq(ragRuleSets.regionCode, regionCode));
  return Number(r?.v ?? 0);
}

export async function insertVersion(db: Executor, row: typeof ragRuleSets.$inferInsert): Promise<RagRuleSetRow> {
  const [r] = await db.insert(ragRuleSets).values(row).returning();
  return r!;
}
