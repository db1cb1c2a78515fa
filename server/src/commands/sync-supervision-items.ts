/**
 * Command: a source record's figures changed in its own module (a meeting decision's unit, owner, deadline
 * or text corrected by the office) — its supervision item follows, so the figure is typed once. Only an
 * item not accepted yet follows; each change is a `reassigned` step, audited.
 */
import type { SupervisionSource } from '@kpc/contracts';
import type { Executor } from '../db/client.js';
import type { RequestContext } from '../lib/request-context.js';
import { itemsOfSource, updateItem } from '../modules/supervision/supervision-items.repository.js';
import { recordItemStep } from '../modules/supervision/supervision-item-steps.js';

export interface SourceFigures {
  projectId?: number | null;
  title?: string;
  content?: string;
  unitId?: number;
  ownerName?: string | null;
  deadline?: string;
}

export async function syncSupervisionItemsOf(
  tx: Executor,
  ctx: Pick<RequestContext, 'actor' | 'audit' | 'now'>,
  source: SupervisionSource,
  sourceId: number,
  figures: SourceFigures,
): Promise<void> {
  for (const before of await itemsOfSource(tx, source, [sourceId])) {
    if (before.acceptedAt !== null || before.link === 'bulletined') continue;
    const set = Object.fromEntries(
      Object.entries(figures).filter(([k, v]) => v !== undefined && before[k as keyof typeof before] !== v),
    ) as SourceFigures;
    if (Object.keys(set).length === 0) continue;
    const after = await updateItem(tx, before.id, before.version, { ...set, updatedAt: ctx.now });
    if (!after) continue;
    const what = [
      set.unitId !== undefined ? '责任单位' : null,
      set.ownerName !== undefined ? `责任人：${set.ownerName ?? '—'}` : null,
      set.deadline !== undefined ? `办理时限：${before.deadline} → ${set.deadline}` : null,
      set.content !== undefined || set.title !== undefined ? '事项内容' : null,
    ].filter(Boolean);
    await recordItemStep(tx, ctx, before, after, {
      kind: 'reassigned',
      note: `随来源记录调整：${what.join('；') || '所属项目'}`,
      action: 'update',
    });
  }
}
