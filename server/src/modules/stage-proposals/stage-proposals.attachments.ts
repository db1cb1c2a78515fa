/** Stage proposals own their evidence files (佐证材料): read with the proposal, added by the proposer's side while it waits. */
import { registerAttachmentOwner } from '../attachments/owners.js';
import { findStageProposal, type StageProposalRecord } from './stage-proposals.repository.js';
import { stageProposalPolicy } from './stage-proposals.service.js';

registerAttachmentOwner<StageProposalRecord>({
  entity: 'stage_proposal',
  path: 'stage-proposals',
  summary: '阶段变更佐证材料 Evidence files of a stage proposal',
  load: (ctx, id) => findStageProposal(ctx.db, id),
  regionOf: (r) => r.project.regionCode,
  canRead: (actor, r) => stageProposalPolicy.canRead(actor, r),
  canUpload: (actor, r) => stageProposalPolicy.canUpload(actor, r),
});
