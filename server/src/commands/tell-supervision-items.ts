/**
 * Command: who hears of a supervision item's step 督办事项 — the responsible unit when an item is assigned
 * to it, sent back or accepted; the bureau (the region's supervisors) when the unit submits it for the
 * check 问效. Through `notify`, in the caller's transaction, once per item and step.
 */
import type { Executor } from '../db/client.js';
import type { RequestContext } from '../lib/request-context.js';
import type { SupervisionItemRow } from '../modules/supervision/supervision-items.repository.js';
import { notify, usersOfUnits, usersWithRole } from './notify.js';

export type ItemNews = 'assigned' | 'returned' | 'accepted' | 'submitted';

const headline: Record<ItemNews, { 'zh-CN': string; en: string }> = {
  assigned: { 'zh-CN': '新督办事项', en: 'New supervision item' },
  returned: { 'zh-CN': '督办事项被退回', en: 'Supervision item sent back' },
  accepted: { 'zh-CN': '督办事项已通过核验', en: 'Supervision item accepted' },
  submitted: { 'zh-CN': '督办事项待核验', en: 'Supervision item to check' },
};

export async function tellSupervisionItems(
  tx: Executor,
  ctx: Pick<RequestContext, 'now'>,
  news: ItemNews,
  items: readonly SupervisionItemRow[],
  note: string | null = null,
): Promise<void> {
  for (const i of items) {
    const userIds =
      news === 'submitted' ? await usersWithRole(tx, i.regionCode, ['supervisor']) : await usersOfUnits(tx, [i.unitId]);
    const h = headline[news];
    const extra = note ? `\n${note}` : '';
    await notify(tx, ctx, {
      userIds,
      kind: 'supervision_item',
      title: { 'zh-CN': `【${h['zh-CN']}】${i.title}`, en: `[${h.en}] ${i.title}` },
      body: { 'zh-CN': `办理时限：${i.deadline}${extra}`, en: `Deadline: ${i.deadline}${extra}` },
      link: `/supervision/items?item=${i.id}`,
      entity: { type: 'supervision_item', id: i.id },
      // once per item and step; a second return is a new step (the event count moves the key on)
      dedupeKey: `supervision_item:${i.id}:${news}:${i.version}`,
      ...(news === 'submitted' ? {} : { robots: { unitIds: [i.unitId] } }),
    });
  }
}
