/** All SQL of import jobs, and the batched audit insert an import needs for thousands of rows. */
import { and, eq, inArray, lt } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { writeAudits } from '../../lib/audit.js';
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

/** A job still in progress: its row is owned by the process running it, whose heartbeat is updatedAt. */
export const runningStatuses = ['validating', 'importing'] as const;
export type RunningStatus = (typeof runningStatuses)[number];

/** Progress and heartbeat of a running job; a job that already has its outcome is left alone. */
export async function reportProgress(
  db: Executor,
  id: number,
  progress: { status: RunningStatus; processedRows: number },
  at: Date,
): Promise<void> {
  await db
    .update(imports)
    .set({ ...progress, updatedAt: at })
    .where(and(eq(imports.id, id), inArray(imports.status, [...runningStatuses])));
}

/** Marks as failed every running job whose heartbeat stopped before `before`; returns how many. */
export async function failStaleJobs(db: Executor, before: Date, at: Date, errors: unknown[]): Promise<number> {
  const rows = await db
    .update(imports)
    .set({ status: 'failed', errors, errorCount: errors.length, finishedAt: at, updatedAt: at })
    .where(and(inArray(imports.status, [...runningStatuses]), lt(imports.updatedAt, before)))
    .returning({ id: imports.id });
  return rows.length;
}

export async function findJob(db: Executor, id: number): Promise<ImportRow | null> {
  const [row] = await db.select().from(imports).where(eq(imports.id, id));
  return row ?? null;
}

/** The same rows writeAudit writes, chained, in batches (an import may change thousands of records). */
export async function insertAudits(db: Executor, rows: AuditRow[]): Promise<void> {
  const first = rows[0];
  if (!first) return;
  await writeAudits(
    db,
    { actor: null, ip: first.ip ?? null },
    rows.map((r) => ({
      action: r.action,
      entity: r.entity,
      entityId: r.entityId ?? null,
      regionCode: r.regionCode ?? null,
      before: r.before,
      after: r.after,
      username: r.username ?? null,
      userId: r.userId ?? null,
    })),
    first.at ?? undefined,
  );
}
