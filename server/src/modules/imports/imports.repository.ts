/** All SQL of import jobs, and the batched audit insert an import needs for thousands of rows. */
import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { auditLog, imports } from '../../db/schema/index.js';

export type ImportRow = typeof imports.$inferSelect;
export type AuditRow = typeof auditLog.$inferInsert;

export async function insertJob(db: Executor, values: typeof imports.$inferInsert): Promise<ImportRow> {
  const [row] = await db.insert(imports).values(values).returning();
  return row!;
}

export async function updateJob(db: Executor, id: number, values: Partial<typeof imports.$inferInsert>): Promise<void> {
  await db.update(imports).set(values).where(eq(imports.id, id));
}

export async function findJob(db: Executor, id: number): Promise<ImportRow | null> {
  const [row] = await db.select().from(imports).where(eq(imports.id, id));
  return row ?? null;
}

/** The same rows writeAudit writes, in batches (an import may change thousands of records). */
export async function insertAudits(db: Executor, rows: AuditRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insert(auditLog).values(rows.slice(i, i + 500));
}
