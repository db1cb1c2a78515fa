/** Leader instructions 领导批示: issued on a project, problem, report or decision; the addressed unit replies until accepted. */
import { z } from 'zod';
import { dateText, id, isoDate, paging, requiredText, text, timestampText, version } from './common.js';
import { instructionStatusSchema, instructionSubjectSchema } from './enums.js';

const idQuery = z.coerce.number().int().positive().max(2_147_483_647).describe('Record id (编号)');

export const createInstructionBody = z.strictObject({
  subjectType: instructionSubjectSchema,
  subjectId: id.describe('Id of the project, problem, monthly investment report or decision it is about (批示对象)'),
  leaderId: id
    .optional()
    .describe(
      "The leader whose instruction it is (批示领导): a leader's own when omitted; the office entering one names the leader",
    ),
  text: requiredText(2000).describe('The instruction (批示内容)'),
  unitId: id.describe('Id of the unit that must reply (承办单位)'),
  replyDeadline: isoDate.describe(
    'Reply deadline (回复时限) YYYY-MM-DD, Asia/Shanghai; overdue from the day after without an accepted reply',
  ),
});
export type CreateInstructionBody = z.infer<typeof createInstructionBody>;

export const replyInstructionBody = z.strictObject({
  version,
  text: requiredText(2000).describe('What the unit did (办理情况); files go to /instruction-replies/:id/attachments'),
});
export type ReplyInstructionBody = z.infer<typeof replyInstructionBody>;

export const acceptInstructionBody = z.strictObject({
  version,
  note: text(1000).nullable().optional().describe('A word on the reply (批示意见)'),
});
export type AcceptInstructionBody = z.infer<typeof acceptInstructionBody>;

export const returnInstructionBody = z.strictObject({
  version,
  note: requiredText(1000).describe('Why the reply is sent back (退回原因); the unit replies again'),
});
export type ReturnInstructionBody = z.infer<typeof returnInstructionBody>;

export const instructionReplySchema = z.object({
  id,
  text: z.string().describe('What the unit did (办理情况)'),
  byName: z.string().nullable().describe('Who replied (回复人)'),
  at: z.string().describe(timestampText),
  outcome: z.enum(['pending', 'accepted', 'returned']).describe('pending (待确认), accepted (已采纳), returned (已退回)'),
  outcomeNote: z.string().nullable().describe('The leader’s word on it (批示意见 / 退回原因)'),
  outcomeAt: z.string().nullable().describe(timestampText),
  attachmentCount: z.number().int().describe('Files attached to the reply'),
});
export type InstructionReply = z.infer<typeof instructionReplySchema>;

export const instructionSchema = z.object({
  id,
  subjectType: instructionSubjectSchema,
  subjectId: z.number().int(),
  subjectTitle: z.string().describe('What it is about, as the screens name it (批示对象)'),
  projectId: z.number().int().nullable().describe('The project of the subject (项目)'),
  projectName: z.string().nullable(),
  leaderId: z.number().int().describe('The leader whose instruction it is (批示领导)'),
  leaderName: z.string(),
  text: z.string().describe('The instruction (批示内容)'),
  unitId: z.number().int().describe('The unit that must reply (承办单位)'),
  unitName: z.string(),
  replyDeadline: z.string().describe(`Reply deadline (回复时限): ${dateText}`),
  status: instructionStatusSchema,
  overdue: z.boolean().describe('Not accepted and past the reply deadline (逾期)'),
  issuedAt: z.string().describe(timestampText),
  closedAt: z.string().nullable().describe(timestampText),
  replies: z.array(instructionReplySchema).describe('The replies, oldest first'),
  version,
  permissions: z
    .object({ reply: z.boolean(), accept: z.boolean(), return: z.boolean() })
    .describe('What the current user may do now (the server checks again)'),
});
export type Instruction = z.infer<typeof instructionSchema>;

export const listInstructionsQuery = z.strictObject({
  ...paging,
  box: z
    .enum(['all', 'mine', 'overdue'])
    .default('all')
    .describe(
      'all: every one in scope; mine: to answer (a unit) or to accept (a leader, the office); overdue: not accepted past the deadline',
    ),
  status: instructionStatusSchema.optional(),
  projectId: idQuery.optional().describe("Only this project's instructions"),
  unitId: idQuery.optional().describe('Only those addressed to this unit'),
  leaderId: idQuery.optional().describe('Only those of this leader'),
  subjectType: instructionSubjectSchema.optional(),
  subjectId: idQuery.optional().describe('With subjectType: only those on this record'),
});
export type ListInstructionsQuery = z.infer<typeof listInstructionsQuery>;
