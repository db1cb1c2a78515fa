/**
 * Command: accepted supervision items published in a bulletin 通报 move to `bulletined`, with the
 * bulletin's id and a step each, audited. The bulletin module calls it in the transaction that
 * publishes the bulletin. Items not accepted yet (or already bulletined) are not moved: they come
 * back in `skipped`, so the bulletin can say which it left out.
 */
import { inArray } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { supervisionItems } from '../db/schema/index.js';
import type { RequestContext } from '../lib/request-context.js';
import { updateItem } from '../modules/supervision/supervision-items.repository.js';
import { recordItemStep } from '../modules/supervision/supervision-item-steps.js';

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
    // the row is locked: the update at its version cannot miss
    await recordItemStep(tx, ctx, before, after!, { kind: 'bulletined', note: bulletin.title, action: 'bulletin' });
    out.bulletined.push(before.id);
  }
  return out;
}
