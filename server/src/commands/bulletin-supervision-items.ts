/**
 * Command: accepted supervision items published in a bulletin 通报 move to `bulletined`, with the
 * bulletin's id and a step each, audited. The bulletin module calls it in the transaction that
 * publishes the bulletin. Items not accepted yet (or already bulletined) are not moved: they come
 * back in `skipped`, so the bulletin can say which it left out.
 */
import { inArray } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { supervisionItems } from '../db/schema/index.js';
import { writeAudit } from '../lib/audit.js';
import type { RequestContext } from '../lib/request-context.js';
import { insertEvents, updateItem } from '../modules/supervision/supervision-items.repository.js';

export async function bulletinSupervisionItems(
  tx: Executor,
  ctx: Pick<RequestContext, 'actor' | 'audit' | 'now'>,
  itemIds: readonly number[],
  bulletin: { id: number | null; title: string },
): Promise<{ bulletined: number[]; skipped: number[] }> {
  const out = { bulletined: [] as number[], skipped: [] as number[] };
  if (!itemIds.length) return out;
  const rows = await tx
    .select()
    .from(supervisionItems)
    .where(inArray(supervisionItems.id, [...itemIds]))
    .for('update');
  for (const before of rows) {
    if (before.link !== 'checking' || before.acceptedAt === null) {
      out.skipped.push(before.id);
      continue;
    }
    const after = await updateItem(tx, before.id, before.version, {
      link: 'bulletined',
      bulletinedAt: ctx.now,
      bulletinId: bulletin.id,
      updatedAt: ctx.now,
    });
    await insertEvents(tx, [
      {
        itemId: before.id,
        kind: 'bulletined',
        fromLink: 'checking',
        toLink: 'bulletined',
        note: bulletin.title,
        byUserId: ctx.actor.id > 0 ? ctx.actor.id : null,
        byName: ctx.actor.displayName,
        at: ctx.now,
      },
    ]);
    await writeAudit(
      tx,
      ctx.audit,
      { action: 'bulletin', entity: 'supervision_item', entityId: before.id, regionCode: before.regionCode, before, after },
      ctx.now,
    );
    out.bulletined.push(before.id);
  }
  return out;
}
