/** What the reference records (units, leaders, enterprises) share beyond their own columns. */
import type { Db, Executor } from '../db/client.js';
import { writeAudit } from './audit.js';
import { AppError } from './errors.js';
import { requireRole } from './policy.js';
import { pgErrorCode } from './query.js';
import type { RequestContext } from './request-context.js';

/**
 * Deletes a record nobody refers to, audited, for admin or office. Every table that refers to a
 * reference record has a foreign key, so the database knows all the references: a violation → 409 IN_USE.
 */
export async function deleteUnreferenced<Row extends { regionCode: string }>(
  db: Db,
  ctx: RequestContext,
  id: number,
  o: {
    entity: string;
    /** The row, or 404 when it is missing or outside the actor's region. */
    load: (tx: Executor, id: number) => Promise<Row>;
    remove: (tx: Executor, id: number) => Promise<unknown>;
    present: (row: Row) => unknown;
  },
): Promise<void> {
  requireRole(ctx.actor, 'admin', 'office');
  try {
    await db.transaction(async (tx) => {
      const current = await o.load(tx, id);
      await o.remove(tx, id);
      await writeAudit(
        tx,
        ctx.audit,
        { action: 'delete', entity: o.entity, entityId: id, regionCode: current.regionCode, before: o.present(current) },
        ctx.now,
      );
    });
  } catch (e) {
    if (pgErrorCode(e) === '23503') throw new AppError('IN_USE');
    throw e;
  }
}
