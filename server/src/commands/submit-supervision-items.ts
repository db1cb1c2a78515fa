/**
 * Command: the items of source records that were done elsewhere move to checking 问效 — a meeting
 * decision marked done 办结 in the meetings module puts its item before the bureau, with the done note,
 * so the result is typed once. Items already in checking, accepted or bulletined stay as they are.
 */
import type { SupervisionSource } from '@kpc/contracts';
import type { Executor } from '../db/client.js';
import type { RequestContext } from '../lib/request-context.js';
import { itemsOfSource, updateItem } from '../modules/supervision/supervision-items.repository.js';
import { recordItemStep } from '../modules/supervision/supervision-item-steps.js';

export async function submitSupervisionItemsOf(
  tx: Executor,
  ctx: Pick<RequestContext, 'actor' | 'audit' | 'now'>,
  source: SupervisionSource,
  sourceIds: readonly number[],
  note: string,
): Promise<number[]> {
  const moved: number[] = [];
  for (const before of await itemsOfSource(tx, source, sourceIds)) {
    if (before.acceptedAt !== null || (before.link !== 'coordinating' && before.link !== 'tracking')) continue;
    const after = await updateItem(tx, before.id, before.version, { link: 'checking', updatedAt: ctx.now });
    if (!after) continue; // changed meanwhile in this transaction: nothing to move
    await recordItemStep(tx, ctx, before, after, { kind: 'submitted', note: note, action: 'submit' });
    moved.push(before.id);
  }
  return moved;
}
