/** All SQL of attachments (evidence files): rows per owning record, one row, insert, delete. */
import { and, asc, eq } from 'drizzle-orm';
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
