/**
 * Supervision items 督办事项 (SPEC §2.5, issue 11): what the bureau supervises — from a meeting decision,
 * a ledger item, higher-level feedback or a leader instruction — through the four links
 * 协调、跟踪、问效、通报, with the item's colour and its reasons, and every step dated and by whom.
 */
import { z } from 'zod';
import { dateText, enumText, id, isoDate, paging, requiredText, text, timestampText, version } from './common.js';
import { ragSchema } from './enums.js';
import {
  supervisionEventKindLabels,
  supervisionEventKinds,
  supervisionItemRagRuleLabels,
  supervisionItemRagRules,
  supervisionLinkLabels,
  supervisionLinks,
  supervisionSourceLabels,
  supervisionSources,
} from './enum-values.js';

const idQuery = z.coerce.number().int().positive().max(2_147_483_647).describe('Record id (编号)');

export const supervisionSourceSchema = z
  .enum(supervisionSources)
  .describe(enumText('Where the item comes from (督办来源)', supervisionSourceLabels));
export const supervisionLinkSchema = z
  .enum(supervisionLinks)
  .describe(enumText('The link it is in (督办环节)', supervisionLinkLabels));
export const supervisionEventKindSchema = z
  .enum(supervisionEventKinds)
  .describe(enumText('What the step was (办理步骤)', supervisionEventKindLabels));
export const supervisionActionSchema = z
  .enum(['assign', 'progress', 'submit', 'accept', 'return', 'note'])
  .describe(
    'A step the user may take now: assign (交办调整), progress (报送进展), submit (提请问效), accept (验收通过), return (退回), note (备注)',
  );

export const supervisionItemReasonSchema = z.object({
  rule: z.enum(supervisionItemRagRules).describe(enumText('Colour rule (评色规则)', supervisionItemRagRuleLabels)),
  rag: ragSchema.describe('The colour this reason alone gives'),
  message: z.string().describe("Why, in plain words in the user's language"),
  value: z.number().describe('What was measured (days overdue, days left, times sent back)'),
  threshold: z.number().describe('The threshold it was measured against'),
  records: z.array(z.object({ entity: z.literal('supervision_item'), id: z.number().int(), label: z.string() })),
});
export type SupervisionItemReason = z.infer<typeof supervisionItemReasonSchema>;

export const supervisionItemSchema = z.object({
  id: z.number().int(),
  regionCode: z.string(),
  projectId: z.number().int().nullable().describe('The project it concerns; null when it concerns a unit only'),
  projectName: z.string().nullable(),
  source: supervisionSourceSchema,
  sourceId: z.number().int().nullable().describe('The decision, ledger item or instruction; null for higher-level feedback'),
  issuedBy: z.string().nullable().describe('Higher-level feedback: who sent it (反馈单位)'),
  title: z.string(),
  content: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  ownerName: z.string().nullable().describe('The person responsible (责任人)'),
  deadline: z.string().describe(dateText),
  link: supervisionLinkSchema,
  acceptedAt: z.string().nullable().describe(`Accepted in checking (${timestampText})`),
  acceptedBy: z.string().nullable(),
  returnCount: z.number().int().describe('Times sent back from checking'),
  bulletinedAt: z.string().nullable().describe(timestampText),
  overdue: z.boolean().describe('Not accepted and past its deadline'),
  rag: ragSchema,
  reasons: z.array(supervisionItemReasonSchema).describe('Why it has its colour, worst first; empty for green'),
  actions: z.array(supervisionActionSchema).describe('The steps this user may take now'),
  createdBy: z.string().nullable(),
  createdAt: z.string().describe(timestampText),
  version,
});
export type SupervisionItem = z.infer<typeof supervisionItemSchema>;

export const supervisionItemEventSchema = z.object({
  id: z.number().int(),
  kind: supervisionEventKindSchema,
  fromLink: supervisionLinkSchema.nullable(),
  toLink: supervisionLinkSchema,
  note: z.string().nullable().describe('Progress, the reason it was sent back, or a note'),
  by: z.string(),
  at: z.string().describe(timestampText),
});
export type SupervisionItemEvent = z.infer<typeof supervisionItemEventSchema>;

export const supervisionItemDetailSchema = supervisionItemSchema.extend({
  events: z.array(supervisionItemEventSchema).describe('Every step, oldest first'),
});
export type SupervisionItemDetail = z.infer<typeof supervisionItemDetailSchema>;

export const supervisionItemPageSchema = z.object({
  items: z.array(supervisionItemSchema),
  total: z.number().int(),
  counts: z
    .object({
      coordinating: z.number().int(),
      tracking: z.number().int(),
      checking: z.number().int(),
      bulletined: z.number().int(),
    })
    .describe('Items per link under the other filters'),
});
export type SupervisionItemPage = z.infer<typeof supervisionItemPageSchema>;

export const listSupervisionItemsQuery = z.strictObject({
  ...paging,
  pageSize: z.coerce.number().int().min(1).max(500).default(200).describe('Rows per page, 1–500 (每页条数)'),
  link: supervisionLinkSchema.optional(),
  overdue: z.enum(['true', 'false']).optional().describe('true: only items not accepted past their deadline'),
  unitId: idQuery.optional().describe('Only this responsible unit'),
  projectId: idQuery.optional().describe('Only this project'),
  source: supervisionSourceSchema.optional(),
  sourceId: idQuery.optional().describe('With source: the item of this source record'),
});
export type ListSupervisionItemsQuery = z.infer<typeof listSupervisionItemsQuery>;

const assignFields = {
  ownerName: text(50).nullable().optional().describe('The person responsible (责任人)'),
  deadline: isoDate.describe('Deadline (办理时限)'),
};

/**
 * POST /supervision/items: higher-level feedback 上级督导反馈 typed in by the bureau, or 列入督办 of an
 * existing decision, ledger item or instruction (its text, unit and project are taken from the record).
 */
export const createSupervisionItemBody = z.discriminatedUnion('source', [
  z.strictObject({
    source: z.literal('higher_feedback'),
    issuedBy: requiredText(100).describe('Who sent it (反馈单位, e.g. 市委督查室)'),
    title: requiredText(200).describe('Title (事项标题)'),
    content: requiredText(4000).describe('What is to be done (督办内容)'),
    unitId: id.describe('Responsible unit (责任单位)'),
    projectId: id.nullable().optional().describe('The project it concerns, if any'),
    ...assignFields,
  }),
  z.strictObject({
    source: z.enum(['decision', 'ledger_item', 'leader_instruction']),
    sourceId: id.describe('The record put under supervision (列入督办)'),
    ownerName: assignFields.ownerName,
    deadline: isoDate.optional().describe("Deadline (办理时限); default the record's own"),
  }),
]);
export type CreateSupervisionItemBody = z.infer<typeof createSupervisionItemBody>;

/** PATCH: the bureau reassigns (unit, owner, deadline) or corrects the text, before it is accepted. */
export const updateSupervisionItemBody = z.strictObject({
  version,
  title: requiredText(200).optional(),
  content: requiredText(4000).optional(),
  unitId: id.optional().describe('Responsible unit (责任单位)'),
  ownerName: assignFields.ownerName,
  deadline: isoDate.optional().describe('Deadline (办理时限)'),
});
export type UpdateSupervisionItemBody = z.infer<typeof updateSupervisionItemBody>;

/** POST /supervision/items/:id/steps: one step of the four links. */
export const supervisionStepBody = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('progress'), version, note: requiredText(2000).describe('Progress (进展情况)') }),
  z.strictObject({ action: z.literal('submit'), version, note: requiredText(2000).describe('What was done (办理结果)') }),
  z.strictObject({ action: z.literal('accept'), version, note: text(2000).optional().describe('Verification note (问效意见)') }),
  z.strictObject({ action: z.literal('return'), version, note: requiredText(2000).describe('Why it is sent back (退回原因)') }),
  z.strictObject({ action: z.literal('note'), version, note: requiredText(2000) }),
]);
export type SupervisionStepBody = z.infer<typeof supervisionStepBody>;

export const supervisionItemMessages = {
  not_possible: { 'zh-CN': '该督办事项当前环节不能执行此操作', en: 'This step is not possible in the item’s current link' },
  source_not_found: { 'zh-CN': '找不到要列入督办的记录', en: 'The record to put under supervision was not found' },
  duplicate: { 'zh-CN': '该记录已列入督办', en: 'This record is already under supervision' },
} as const;
