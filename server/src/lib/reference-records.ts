/** What the reference records (units, leaders, enterprises) share beyond their own columns. */
import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { enterprises, leaders, units } from '../db/schema/index.js';
import { writeAudit } from './audit.js';
import { AppError } from './errors.js';
import { requireRole } from './policy.js';
import { pgErrorCode } from './query.js';
import type { RequestContext } from './request-context.js';

/** The filters of a reference list (units, leaders): the actor's region subtree, a search, active or not, a page. */
export interface ReferenceFilter {
  regionCode: string;
  q?: string | undefined;
  active?: boolean | undefined;
  page: number;
  pageSize: number;
}

/**
 * Deletes a record nobody refers to, audited, for admin or office. Every table that refers to a
 * reference record has a foreign key, so the database knows all the references: a violation → 409 IN_USE.
 */
export async function deleteUnreferenced<Row extends { regionCode: string }>(
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
    await ctx.db.transaction(async (tx) => {
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

const referenceTables = { unitId: units, leaderId: leaders, enterpriseId: enterprises } as const;

/**
 * The region of the unit, leader or enterprise an account or record links to, or null when there is
 * no such record (a shared read: modules do not import each other's repositories).
 */
export async function referenceRegion(db: Executor, field: keyof typeof referenceTables, id: number): Promise<string | null> {
  const t = referenceTables[field];
  const [row] = await db.select({ regionCode: t.regionCode }).from(t).where(eq(t.id, id));
  return row?.regionCode ?? null;
}
