/** Reads the append-only audit log. There is deliberately no update or delete here. */
import { and, count, desc, eq, gte, isNull, lt, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { auditLog, regions, users } from '../../db/schema/index.js';
import { inSubtree, offsetOf } from '../../lib/query.js';

export type AuditRow = typeof auditLog.$inferSelect;

export interface AuditFilter {
  regionCode: string;
  /** Rows of no region and no user (unknown-username logins): the top region's admin only. */
  seesUnattributed: boolean;
  entity?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  userId?: number | undefined;
  from?: Date | undefined;
  /** Exclusive upper bound. */
  before?: Date | undefined;
  page: number;
  pageSize: number;
}

/**
 * Region scope of an audit row. Rows of a change carry the changed record's region. Rows without one
 * (login, failed login, logout) belong to the acting user's region; a failed login for an unknown
 * username belongs to no region and no user: only the admin of the top region sees those.
 */
function scope(regionCode: string, seesUnattributed: boolean): SQL {
  return or(
    inSubtree(auditLog.regionCode, regionCode),
    and(isNull(auditLog.regionCode), inSubtree(users.regionCode, regionCode)),
    seesUnattributed ? and(isNull(auditLog.regionCode), isNull(auditLog.userId)) : undefined,
  )!;
}

/** True for a region with no parent: the top of this installation's region tree. */
export async function isTopRegion(db: Executor, code: string): Promise<boolean> {
  const [row] = await db.select({ parent: regions.parentCode }).from(regions).where(eq(regions.code, code));
  return !!row && row.parent === null;
}

export async function listAudit(db: Executor, f: AuditFilter): Promise<{ rows: AuditRow[]; total: number }> {
  const conds: SQL[] = [scope(f.regionCode, f.seesUnattributed)];
  if (f.entity) conds.push(eq(auditLog.entity, f.entity));
  if (f.entityId) conds.push(eq(auditLog.entityId, f.entityId));
  if (f.action) conds.push(eq(auditLog.action, f.action));
  if (f.userId !== undefined) conds.push(eq(auditLog.userId, f.userId));
  if (f.from) conds.push(gte(auditLog.at, f.from));
  if (f.before) conds.push(lt(auditLog.at, f.before));
  const where = and(...conds);
  const [rows, [totalRow]] = await Promise.all([
    db
      .select({ row: auditLog })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.userId))
      .where(where)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(f.pageSize)
      .offset(offsetOf(f)),
    db.select({ n: count() }).from(auditLog).leftJoin(users, eq(users.id, auditLog.userId)).where(where),
  ]);
  return { rows: rows.map((r) => r.row), total: Number(totalRow?.n ?? 0) };
}
