/** All SQL of attachments (evidence files): rows per owning record, one row, insert, delete. */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { attachments, users } from '../../db/schema/index.js';

export type AttachmentRow = typeof attachments.$inferSelect;

export async function listFor(db: Executor, entity: string, entityId: number) {
  return db
    .select({ a: attachments, uploadedByName: users.displayName })
    .from(attachments)
    .leftJoin(users, eq(users.id, attachments.uploadedBy))
    .where(and(eq(attachments.entity, entity), eq(attachments.entityId, entityId)))
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
}

export async function findAttachment(db: Executor, id: number) {
  const [row] = await db
    .select({ a: attachments, uploadedByName: users.displayName })
    .from(attachments)
    .leftJoin(users, eq(users.id, attachments.uploadedBy))
    .where(eq(attachments.id, id));
  return row ?? null;
}

export async function insertAttachment(db: Executor, values: typeof attachments.$inferInsert) {
  const [row] = await db.insert(attachments).values(values).returning();
  return row!;
}

export async function deleteAttachment(db: Executor, id: number) {
  return db.delete(attachments).where(eq(attachments.id, id)).returning();
}

/** Deletes the attachment rows of one owning record and returns their storage keys. */
export async function deleteForOwner(db: Executor, entity: string, entityId: number): Promise<string[]> {
  const rows = await db
    .delete(attachments)
    .where(and(eq(attachments.entity, entity), eq(attachments.entityId, entityId)))
    .returning({ storageKey: attachments.storageKey });
  return rows.map((r) => r.storageKey);
}

/**
 * Deletes the attachment rows of every record of a project (ledger items, investment reports) and
 * returns their storage keys, so the files can be removed once the transaction has committed.
 */
export async function deleteForProject(db: Executor, projectId: number): Promise<string[]> {
  const rows = await db.execute(sql`
    delete from attachments a
    where (a.entity = 'ledger_item' and a.entity_id in (select id from ledger_items where project_id = ${projectId}))
       or (a.entity = 'investment_report' and a.entity_id in (select id from investment_reports where project_id = ${projectId}))
    returning a.storage_key`);
  return (rows as unknown as { rows: { storage_key: string }[] }).rows.map((r) => r.storage_key);
}
