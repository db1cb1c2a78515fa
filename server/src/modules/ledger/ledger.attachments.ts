/** Ledger items own evidence files (佐证材料): readable with the item, added by whoever may edit it. */
import { registerAttachmentOwner } from '../attachments/owners.js';
import { ledgerPolicy } from './ledger.policy.js';
import { findLedgerItem, type LedgerItemRecord } from './ledger.repository.js';

registerAttachmentOwner<LedgerItemRecord>({
  entity: 'ledger_item',
  path: 'ledger-items',
  summary: '台账佐证材料 Evidence files of a ledger item',
  load: (ctx, id) => findLedgerItem(ctx.db, id),
  regionOf: (r) => r.project.regionCode,
  canRead: (actor, r) => ledgerPolicy.canRead(actor, r.project),
  canUpload: (actor, r) => ledgerPolicy.canUpload(actor, r.project, r.item),
});
