/**
 * 阶段变更申请: a unit or an enterprise proposes that the office move its project to the next stage, with
 * the date it was reached and the evidence (a note, then files); the office confirms (the transition is
 * made) or returns it with a reason; the proposer may withdraw it while it waits (ADR 0009).
 */
import { z } from 'zod';
import { dateText, id, isoDate, paging, requiredText, text, timestampText, version } from './common.js';
import { stageProposalStatusSchema, stageSchema } from './enums.js';

export const createStageProposalBody = z.strictObject({
  toStage: stageSchema.describe('The stage proposed: the one after the project’s current stage'),
  onDate: isoDate.describe(
    'Date the stage was reached (YYYY-MM-DD, Asia/Shanghai): not in the future, not before the last transition',
  ),
  evidenceNote: requiredText(1000).describe(
    'What shows it (佐证说明), e.g. 施工许可证编号; files go to /stage-proposals/:id/attachments',
  ),
});
export type CreateStageProposalBody = z.infer<typeof createStageProposalBody>;

export const confirmStageProposalBody = z.strictObject({
  version,
  note: text(500).nullable().optional().describe('A word on the decision (审核意见)'),
});
export type ConfirmStageProposalBody = z.infer<typeof confirmStageProposalBody>;

export const returnStageProposalBody = z.strictObject({
  version,
  note: requiredText(500).describe('Why it is returned (退回原因): what is missing or wrong'),
});
export type ReturnStageProposalBody = z.infer<typeof returnStageProposalBody>;

export const withdrawStageProposalBody = z.strictObject({ version });
export type WithdrawStageProposalBody = z.infer<typeof withdrawStageProposalBody>;

export const stageProposalSchema = z.object({
  id,
  projectId: z.number().int(),
  projectCode: z.string(),
  projectName: z.string(),
  fromStage: stageSchema.describe('The project’s stage when it was proposed'),
  toStage: stageSchema,
  onDate: z.string().describe(`Date the stage was reached: ${dateText}`),
  evidenceNote: z.string().nullable().describe('What shows it (佐证说明)'),
  status: stageProposalStatusSchema,
  proposedByName: z.string().describe('Who proposed it (申请人)'),
  proposedAt: z.string().describe(timestampText),
  decidedByName: z.string().nullable().describe('Who confirmed or returned it (审核人)'),
  decidedAt: z.string().nullable().describe(timestampText),
  decisionNote: z.string().nullable().describe('审核意见 / 退回原因'),
  attachmentCount: z.number().int().describe('Evidence files (佐证材料)'),
  version,
  permissions: z
    .object({ confirm: z.boolean(), return: z.boolean(), withdraw: z.boolean(), upload: z.boolean() })
    .describe('What the current user may do now (the server checks again)'),
});
export type StageProposal = z.infer<typeof stageProposalSchema>;

export const listStageProposalsQuery = z.strictObject({
  ...paging,
  status: stageProposalStatusSchema.optional().describe('Only proposals in this status (e.g. proposed: the office’s queue)'),
  projectId: z.coerce.number().int().positive().max(2_147_483_647).optional().describe("Only this project's proposals"),
});
export type ListStageProposalsQuery = z.infer<typeof listStageProposalsQuery>;
