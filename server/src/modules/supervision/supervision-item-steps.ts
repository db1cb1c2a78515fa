/**
 * A step of a supervision item 督办事项 once its row is written: the timeline event (who, when, from which
 * link to which) and the audit row, in the caller's transaction. The commands and the service's own
 * steps all record a step this way.
 */
import type { Executor } from '../../db/client.js';
import { writeAudit } from '../../lib/audit.js';
import type { RequestContext } from '../../lib/request-context.js';
import { insertEvents, type NewSupervisionItemEvent, type SupervisionItemRow } from './supervision-items.repository.js';

export async function recordItemStep(
  tx: Executor,
  ctx: Pick<RequestContext, 'actor' | 'audit' | 'now'>,
  before: SupervisionItemRow,
  after: SupervisionItemRow,
  step: { kind: NewSupervisionItemEvent['kind']; note: string | null; action: string },
): Promise<void> {
  await insertEvents(tx, [
    {
      itemId: before.id,
      kind: step.kind,
      fromLink: before.link,
      toLink: after.link,
      note: step.note,
      byUserId: ctx.actor.id > 0 ? ctx.actor.id : null,
      byName: ctx.actor.displayName,
      at: ctx.now,
    },
  ]);
  await writeAudit(
    tx,
    ctx.audit,
    { action: step.action, entity: 'supervision_item', entityId: before.id, regionCode: before.regionCode, before, after },
    ctx.now,
  );
}
