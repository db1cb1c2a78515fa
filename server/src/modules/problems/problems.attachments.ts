/** Problems own evidence files (佐证材料): readable with the problem, added by whoever may edit or resolve it. */
import { registerAttachmentOwner } from '../attachments/owners.js';
import { problemPolicy } from './problems.policy.js';
import { findProblemRecord, type ProblemRecord } from './problems.repository.js';

registerAttachmentOwner<ProblemRecord>({
  entity: 'problem',
  path: 'problems',
  summary: '问题佐证材料 Evidence files of a problem',
  load: (ctx, id) => findProblemRecord(ctx.db, id),
  regionOf: (r) => r.project.regionCode,
  canRead: (actor, r) => problemPolicy.canRead(actor, r.project, r.problem),
  canUpload: (actor, r) => problemPolicy.canUpload(actor, r.project, r.problem),
});
