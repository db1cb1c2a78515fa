/**
 * The optimistic-lock write every editable table takes: change or delete a row only while it is
 * still at the version the caller read, moving the version on. A stale write touches nothing and
 * returns nothing; the service then answers 409 with the current record.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db, Executor } from '../db/client.js';

export type VersionedTable = PgTable & { id: PgColumn; version: PgColumn };

const atVersion = (table: VersionedTable, id: number, version: number, also?: SQL) =>
  and(eq(table.id, id), eq(table.version, version), also);

/** Updates the row at `version` (and matching `also`); the updated row, or undefined when stale. */
export async function updateAtVersion<T extends VersionedTable>(
  db: Executor,
  table: T,
  id: number,
  version: number,
  set: Partial<T['$inferInsert']>,
  also?: SQL,
): Promise<T['$inferSelect'] | undefined> {
  const rows = await (db as Db)
    .update(table as PgTable)
    .set({ ...set, version: sql`${table.version} + 1` } as never)
    .where(atVersion(table, id, version, also))
    .returning();
  return (rows as T['$inferSelect'][])[0];
}

/** Deletes the row at `version` (and matching `also`); false when stale. */
export async function deleteAtVersion(
  db: Executor,
  table: VersionedTable,
  id: number,
  version: number,
  also?: SQL,
): Promise<boolean> {
  const rows = await (db as Db)
    .delete(table as PgTable)
    .where(atVersion(table, id, version, also))
    .returning({ id: table.id });
  return rows.length > 0;
}
