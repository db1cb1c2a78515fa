/**
 * Writes append-only audit rows, always inside the transaction of the change they record, each
 * chained to the one before by an HMAC (lib/audit-chain.ts).
 */
import { auditLog } from '../db/schema/index.js';
import type { Executor } from '../db/client.js';
import { advanceHead, reserveChain, rowHash, type ChainedRow } from './audit-chain.js';
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

export async function writeAudit(db: Executor, ctx: AuditContext, e: AuditEntry, at?: Date): Promise<void> {
  await writeAudits(db, ctx, [e], at);
}

/** Several rows at once (an import may change thousands of records): one chain lock, batched inserts. */
export async function writeAudits(db: Executor, ctx: AuditContext, entries: readonly AuditEntry[], at?: Date): Promise<void> {
  if (entries.length === 0) return;
  const when = at ?? new Date();
  const { prevHash, ids } = await reserveChain(db, entries.length);
  let prev = prevHash;
  const rows = entries.map((e, i) => {
    const row: ChainedRow = {
      id: ids[i]!,
      at: when,
      // System actors (id 0, scheduled jobs) have no users row: audited by name only.
      userId: e.userId !== undefined ? e.userId : ctx.actor && ctx.actor.id > 0 ? ctx.actor.id : null,
      username: e.username !== undefined ? e.username : (ctx.actor?.username ?? null),
      ip: ctx.ip,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId == null ? null : String(e.entityId),
      regionCode: e.regionCode ?? null,
      before: e.before ?? null,
      after: e.after ?? null,
    };
    const hash = rowHash(prev, row);
    const stored = { ...row, before: row.before as object | null, after: row.after as object | null, hash, prevHash: prev };
    prev = hash;
    return stored;
  });
  for (let i = 0; i < rows.length; i += 500) await db.insert(auditLog).values(rows.slice(i, i + 500));
  await advanceHead(db, ids[ids.length - 1]!, prev, rows.length);
}
