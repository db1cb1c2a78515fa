/** Writes one append-only audit row, always inside the transaction of the change it records. */
import { auditLog } from '../db/schema/index.js';
import type { Executor } from '../db/client.js';
import type { Actor } from './policy.js';

export interface AuditContext {
  actor: Pick<Actor, 'id' | 'username'> | null;
  ip: string | null;
}

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | number | null;
  regionCode?: string | null;
  before?: unknown;
  after?: unknown;
  /** Overrides the actor (e.g. a failed login names the attempted username). */
  username?: string | null;
  userId?: number | null;
}

function auditRow(ctx: AuditContext, e: AuditEntry, at: Date): typeof auditLog.$inferInsert {
  return {
    at,
    // System actors (id 0, scheduled jobs) have no users row: audited by name only.
    userId: e.userId !== undefined ? e.userId : ctx.actor && ctx.actor.id > 0 ? ctx.actor.id : null,
    username: e.username !== undefined ? e.username : (ctx.actor?.username ?? null),
    ip: ctx.ip,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId == null ? null : String(e.entityId),
    regionCode: e.regionCode ?? null,
    before: (e.before ?? null) as object | null,
    after: (e.after ?? null) as object | null,
  };
}

export async function writeAudit(db: Executor, ctx: AuditContext, e: AuditEntry, at?: Date): Promise<void> {
  await db.insert(auditLog).values(auditRow(ctx, e, at ?? new Date()));
}

/** The batch form for changes of thousands of records (an import): the same rows, 500 per statement. */
export async function writeAudits(db: Executor, ctx: AuditContext, entries: readonly AuditEntry[], at?: Date): Promise<void> {
  const when = at ?? new Date();
  for (let i = 0; i < entries.length; i += 500)
    await db.insert(auditLog).values(entries.slice(i, i + 500).map((e) => auditRow(ctx, e, when)));
}
