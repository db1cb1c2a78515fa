/** Supervision items own evidence files (佐证材料): read with the item, added by the responsible unit or the bureau until accepted. */
import { isSupervisionStepTaker, nextSupervisionLink } from '@kpc/domain';
import { registerAttachmentOwner } from '../attachments/owners.js';
import type { SupervisionItemRecord } from './supervision-items.repository.js';
import { loadReadable, stateOf } from './supervision-items.service.js';

registerAttachmentOwner<SupervisionItemRecord>({
  entity: 'supervision_item',
  path: 'supervision/items',
  summary: '督办佐证材料 Evidence files of a supervision item',
  // 404 outside the actor's scope, 403 for a role that reads no items
  load: (ctx, id) => loadReadable(ctx, id),
  regionOf: (r) => r.item.regionCode,
  canRead: () => true,
  canUpload: (actor, r) => {
    const s = stateOf(r.item);
    return isSupervisionStepTaker(actor, s, 'note') && nextSupervisionLink(s, 'progress') !== null;
  },
});
