/** All SQL of colour overrides 人工调整: the ones of a project, those in force for many projects, the writes. */
import { and, desc, eq, gte, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import { ragOverrides, users } from '../../db/schema/index.js';

export type RagOverrideRow = typeof ragOverrides.$inferSelect;
export interface RagOverrideRecord {
  row: RagOverrideRow;
  by: string;
  endedBy: string | null;
}

const ender = alias(users, 'ender');

function baseSelect(db: Executor) {
  return db
    .select({ row: ragOverrides, by: users.displayName, endedBy: ender.displayName })
    .from(ragOverrides)
    .innerJoin(users, eq(users.id, ragOverrides.byUserId))
    .leftJoin(ender, eq(ender.id, ragOverrides.endedBy));
}

/** In force on `asOf`: not ended, and `until` not yet past. */
const inForce = (asOf: string) => and(isNull(ragOverrides.endedAt), gte(ragOverrides.until, asOf));

export const overridesOfProject = (db: Executor, projectId: number): Promise<RagOverrideRecord[]> =>
  baseSelect(db).where(eq(ragOverrides.projectId, projectId)).orderBy(desc(ragOverrides.id));

/** The override in force on `asOf` for each of the projects (the newest, should there be two). */
export async function overridesInForce(
  db: Executor,
  projectIds: readonly number[],
  asOf: string,
): Promise<Map<number, RagOverrideRecord>> {
  const out = new Map<number, RagOverrideRecord>();
  if (projectIds.length === 0) return out;
  const rows = await baseSelect(db)
    // one array parameter: a district's 100,000 ids exceed a statement's 65,535 parameters
    .where(
      and(sql`${ragOverrides.projectId} = any(${`{${projectIds.map((i) => Math.trunc(i)).join(',')}}`}::int[])`, inForce(asOf)),
    )
    .orderBy(desc(ragOverrides.id));
  for (const r of rows) if (!out.has(r.row.projectId)) out.set(r.row.projectId, r);
  return out;
}

export async function findOverride(db: Executor, id: number): Promise<RagOverrideRecord | null> {
  const [r] = await baseSelect(db).where(eq(ragOverrides.id, id));
  return r ?? null;
}

export async function insertOverride(db: Executor, row: typeof ragOverrides.$inferInsert): Promise<number> {
  const [r] = await db.insert(ragOverrides).values(row).returning({ id: ragOverrides.id });
  return r!.id;
}
