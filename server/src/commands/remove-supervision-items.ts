/**
 * Command: a source record deleted as entered by mistake (a meeting decision) takes its supervision
 * item with it, audited, in the caller's transaction — an item whose record is gone would be supervised
 * with nothing behind it.
 */
import type { SupervisionSource } from '@kpc/contracts';
import type { Executor } from '../db/client.js';
import { writeAudits } from '../lib/audit.js';
import type { RequestContext } from '../lib/request-context.js';
import { deleteItems, itemsOfSource } from '../modules/supervision/supervision-items.repository.js';

export async function removeSupervisionItemsOf(
  tx: Executor,
  ctx: Pick<RequestContext, 'audit' | 'now'>,
  source: SupervisionSource,
  sourceIds: readonly number[],
): Promise<void> {
  const items = await itemsOfSource(tx, source, sourceIds);
  await deleteItems(
    tx,
    items.map((i) => i.id),
  );
  await writeAudits(
    tx,
    ctx.audit,
    items.map((i) => ({ action: 'delete', entity: 'supervision_item', entityId: i.id, regionCode: i.regionCode, before: i })),
    ctx.now,
  );
}
