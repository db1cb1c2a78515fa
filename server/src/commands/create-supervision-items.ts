/**
 * Command: supervision items 督办事项 made from records of other modules — every decision a meeting
 * records (in the meeting's transaction), a ledger item or an instruction put under supervision
 * (列入督办), higher-level feedback typed in by the bureau. Inserts them in `coordinating` (assigned),
 * with their first step and an audit row each, and tells the responsible unit. A source record that already has an item gets no second
 * one: it is skipped, not returned. The caller has checked the policy and the references.
 */
import type { SupervisionSource } from '@kpc/contracts';
import type { Executor } from '../db/client.js';
import { writeAudits } from '../lib/audit.js';
import type { RequestContext } from '../lib/request-context.js';
import { tellSupervisionItems } from './tell-supervision-items.js';
import { insertEvents, insertItems, type SupervisionItemRow } from '../modules/supervision/supervision-items.repository.js';

export interface SupervisionItemDraft {
  regionCode: string;
  projectId: number | null;
  source: SupervisionSource;
  sourceId: number | null;
  issuedBy?: string | null;
  title: string;
  content: string;
  unitId: number;
  ownerName: string | null;
  ownerUserId?: number | null;
  deadline: string;
}

export async function createSupervisionItems(
  tx: Executor,
  ctx: Pick<RequestContext, 'actor' | 'audit' | 'now'>,
  drafts: readonly SupervisionItemDraft[],
): Promise<SupervisionItemRow[]> {
  const byUser = ctx.actor.id > 0 ? ctx.actor.id : null;
  const rows = await insertItems(
    tx,
    drafts.map((d) => ({
      ...d,
      issuedBy: d.issuedBy ?? null,
      ownerUserId: d.ownerUserId ?? null,
      link: 'coordinating' as const,
      createdBy: byUser,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })),
  );
  await insertEvents(
    tx,
    rows.map((r) => ({
      itemId: r.id,
      kind: 'assigned' as const,
      fromLink: null,
      toLink: 'coordinating' as const,
      note: r.ownerName ? `责任人：${r.ownerName}；办理时限：${r.deadline}` : `办理时限：${r.deadline}`,
      byUserId: byUser,
      byName: ctx.actor.displayName,
      at: ctx.now,
    })),
  );
  await writeAudits(
    tx,
    ctx.audit,
    rows.map((r) => ({ action: 'create', entity: 'supervision_item', entityId: r.id, regionCode: r.regionCode, after: r })),
    ctx.now,
  );
  await tellSupervisionItems(tx, ctx, 'assigned', rows);
  return rows;
}
