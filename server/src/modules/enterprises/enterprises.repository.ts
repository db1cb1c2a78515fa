/** SQL for investing enterprises 项目业主. */
import { and, asc, count, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { updateAtVersion } from '../../lib/versioned.js';
import { enterprises } from '../../db/schema/index.js';
import { contains, inSubtree, offsetOf } from '../../lib/query.js';

export type EnterpriseRow = typeof enterprises.$inferSelect;
export type NewEnterpriseRow = typeof enterprises.$inferInsert;

export interface EnterpriseFilter {
  regionCode: string;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

export async function findEnterpriseById(db: Executor, id: number): Promise<EnterpriseRow | undefined> {
  const [row] = await db.select().from(enterprises).where(eq(enterprises.id, id));
  return row;
}

export async function listEnterprises(db: Executor, f: EnterpriseFilter): Promise<{ rows: EnterpriseRow[]; total: number }> {
  const conds: SQL[] = [inSubtree(enterprises.regionCode, f.regionCode)];
  if (f.q)
    conds.push(sql`(${contains(enterprises.name, f.q)} or ${contains(sql`coalesce(${enterprises.creditCode}, '')`, f.q)})`);
  const where = and(...conds);
  const [rows, [totalRow]] = await Promise.all([
    db.select().from(enterprises).where(where).orderBy(asc(enterprises.id)).limit(f.pageSize).offset(offsetOf(f)),
    db.select({ n: count() }).from(enterprises).where(where),
  ]);
  return { rows, total: Number(totalRow?.n ?? 0) };
}

/** Enterprise names are unique across the whole database (enterprises_name_uq). */
export async function enterpriseNameTaken(db: Executor, name: string, exceptId?: number): Promise<boolean> {
  const rows = await db.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.name, name));
  return rows.some((r) => r.id !== exceptId);
}

export async function insertEnterprise(db: Executor, values: NewEnterpriseRow): Promise<EnterpriseRow> {
  const [row] = await db.insert(enterprises).values(values).returning();
  return row!;
}

export const updateEnterprise = (
  db: Executor,
  id: number,
  version: number,
  set: Partial<NewEnterpriseRow>,
): Promise<EnterpriseRow | undefined> => updateAtVersion(db, enterprises, id, version, set);

export async function deleteEnterprise(db: Executor, id: number): Promise<void> {
  await db.delete(enterprises).where(eq(enterprises.id, id));
}
