/** The audit log as admins read it: filtered, newest first, limited to their region subtree. */
import { canReadAuditLog } from '@kpc/domain';
import { verifyAuditChain } from '../../lib/audit-chain.js';
import { AppError } from '../../lib/errors.js';
import type { AuditEntry } from '@kpc/contracts';
import type { RequestContext } from '../../lib/request-context.js';
import * as repo from './audit.repository.js';

const toEntry = (r: repo.AuditRow): AuditEntry => ({
  id: r.id,
  at: r.at.toISOString(),
  userId: r.userId,
  username: r.username,
  ip: r.ip,
  action: r.action,
  entity: r.entity,
  entityId: r.entityId,
  before: r.before,
  after: r.after,
});

const DAY_MS = 86_400_000;
/** Midnight at the start of a calendar day in Asia/Shanghai (UTC+8, no daylight saving). */
const shanghaiMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`);

export interface ListAuditInput {
  page: number;
  pageSize: number;
  entity?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  userId?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export async function listAudit(ctx: RequestContext, q: ListAuditInput) {
  const { db } = ctx;
  // 三员: only the audit administrator reads the log (the system administrator's own acts are in it)
  if (!canReadAuditLog(ctx.actor)) throw new AppError('FORBIDDEN');
  const { rows, total } = await repo.listAudit(db, {
    regionCode: ctx.actor.regionCode,
    seesUnattributed: await repo.isTopRegion(db, ctx.actor.regionCode),
    entity: q.entity || undefined,
    entityId: q.entityId || undefined,
    action: q.action || undefined,
    userId: q.userId,
    // from and to are whole days, both inclusive
    from: q.from ? shanghaiMidnight(q.from) : undefined,
    before: q.to ? new Date(shanghaiMidnight(q.to).getTime() + DAY_MS) : undefined,
    page: q.page,
    pageSize: q.pageSize,
  });
  return { items: rows.map(toEntry), total };
}

/** Walks the HMAC chain (lib/audit-chain.ts), as `npm run audit:verify` does: for the audit administrator. */
export async function verifyAuditLog(ctx: RequestContext) {
  if (!canReadAuditLog(ctx.actor)) throw new AppError('FORBIDDEN');
  return verifyAuditChain(ctx.db);
}
