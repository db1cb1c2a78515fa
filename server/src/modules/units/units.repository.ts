/** SQL for responsible units 责任单位. */
import { and, asc, count, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { updateAtVersion } from '../../lib/versioned.js';
import { units } from '../../db/schema/index.js';
import { contains, inSubtree, offsetOf } from '../../lib/query.js';
import type { ReferenceFilter } from '../../lib/reference-records.js';

export type UnitRow = typeof units.$inferSelect;
export type NewUnitRow = typeof units.$inferInsert;

export async function findUnitById(db: Executor, id: number): Promise<UnitRow | undefined> {
  const [row] = await db.select().from(units).where(eq(units.id, id));
  return row;
}

export async function listUnits(db: Executor, f: ReferenceFilter): Promise<{ rows: UnitRow[]; total: number }> {
  const conds: SQL[] = [inSubtree(units.regionCode, f.regionCode)];
  if (f.q) conds.push(sql`(${contains(units.name, f.q)} or ${contains(sql`coalesce(${units.shortName}, '')`, f.q)})`);
  if (f.active !== undefined) conds.push(eq(units.active, f.active));
  const where = and(...conds);
  const [rows, [totalRow]] = await Promise.all([
    db.select().from(units).where(where).orderBy(asc(units.id)).limit(f.pageSize).offset(offsetOf(f)),
    db.select({ n: count() }).from(units).where(where),
  ]);
  return { rows, total: Number(totalRow?.n ?? 0) };
}

export async function unitNameTaken(db: Executor, regionCode: string, name: string, exceptId?: number): Promise<boolean> {
  const rows = await db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.regionCode, regionCode), eq(units.name, name)));
  return rows.some((r) => r.id !== exceptId);
}

export async function insertUnit(db: Executor, values: NewUnitRow): Promise<UnitRow> {
  const [row] = await db.insert(units).values(values).returning();
  return row!;
}

export const updateUnit = (db: Executor, id: number, version: number, set: Partial<NewUnitRow>): Promise<UnitRow | undefined> =>
  updateAtVersion(db, units, id, version, set);

export async function deleteUnit(db: Executor, id: number): Promise<void> {
  await db.delete(units).where(eq(units.id, id));
}
