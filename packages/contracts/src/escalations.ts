/**
 * The escalation ladder 预警提示 → 通报批评 → 问责 → 表态发言 (SPEC §2.5, issue 11): each step a dated record
 * of a project (and its responsible unit), why, on what evidence, proposed by the system or a person and,
 * beyond a warning, confirmed or dismissed by the supervisor. And the bureau's workbench 督查工作台.
 */
import { z } from 'zod';
import { dateText, enumText, requiredText, timestampText, version } from './common.js';
import { escalationStatusLabels, escalationStatuses, escalationStepLabels, escalationSteps, ragRules } from './enum-values.js';

const recordId = z.number().int().positive().max(2_147_483_647);

export const escalationStepSchema = z
  .enum(escalationSteps)
  .describe(enumText('Escalation step (问责阶梯)', escalationStepLabels));
export const escalationStatusSchema = z
  .enum(escalationStatuses)
  .describe(enumText('Escalation status (问责状态)', escalationStatusLabels));

export const escalationEvidenceSchema = z
  .object({
    spellId: z.number().int().describe('The red colour spell (颜色历史) the step was proposed on'),
    since: z.string().describe(`Red since (${dateText})`),
    weeks: z.number().int().describe('Whole weeks red when proposed'),
    rules: z.array(z.enum(ragRules)).describe('The colour rules that made it red on its first day'),
  })
  .describe('What the system saw: the red spell, since when, for how many weeks, by which rules');
export type EscalationEvidence = z.infer<typeof escalationEvidenceSchema>;

export const escalationSchema = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  projectCode: z.string(),
  projectName: z.string(),
  unitId: z.number().int().nullable().describe('The responsible unit (责任单位) when the step was proposed'),
  unitName: z.string().nullable(),
  step: escalationStepSchema,
  status: escalationStatusSchema,
  reason: z.string().describe("Why, in the user's language"),
  evidence: escalationEvidenceSchema.nullable().describe('Null for a step a person proposed on no red spell'),
  proposedBy: z.string().describe('Who proposed it: a person, or 系统 for the daily monitoring'),
  proposedBySystem: z.boolean(),
  proposedAt: z.string().describe(timestampText),
  decidedBy: z.string().nullable().describe('Who confirmed or dismissed it (系统 for a warning issued at once)'),
  decidedAt: z.string().nullable().describe(timestampText),
  dismissalReason: z.string().nullable(),
  meetingId: z.number().int().nullable().describe('For a statement: the review meeting it was made at'),
  meetingTitle: z.string().nullable(),
  doneAt: z.string().nullable().describe(`For a statement: when it was made (${timestampText})`),
  version,
});
export type Escalation = z.infer<typeof escalationSchema>;

export const listEscalationsQuery = z.strictObject({
  status: escalationStatusSchema.optional(),
  step: escalationStepSchema.optional(),
  projectId: z.coerce.number().int().positive().max(2_147_483_647).optional().describe("Only this project's steps"),
});
export type ListEscalationsQuery = z.infer<typeof listEscalationsQuery>;

/** POST /escalations: a supervisor proposes a step by hand (a warning is issued at once). */
export const proposeEscalationBody = z.strictObject({
  projectId: recordId.describe('The project'),
  step: escalationStepSchema,
  reason: requiredText(500).describe('Why (理由)'),
});
export type ProposeEscalationBody = z.infer<typeof proposeEscalationBody>;

export const confirmEscalationBody = z.strictObject({ version });
export type ConfirmEscalationBody = z.infer<typeof confirmEscalationBody>;

export const dismissEscalationBody = z.strictObject({
  version,
  reason: requiredText(500).describe('Why it is not taken up (不予采纳理由)'),
});
export type DismissEscalationBody = z.infer<typeof dismissEscalationBody>;

/** POST /escalations/:id/statement-made: a confirmed 表态发言 was made at this review meeting. */
export const markStatementMadeBody = z.strictObject({ version, meetingId: recordId.describe('The review meeting (项目评审会)') });
export type MarkStatementMadeBody = z.infer<typeof markStatementMadeBody>;

/** GET /meetings/:id/statements: a review meeting's pending statements and those made at it. */
export const meetingStatementsSchema = z.object({
  pending: z.array(escalationSchema).describe('Confirmed 表态发言 of the region not made yet'),
  made: z.array(escalationSchema).describe('Statements made at this meeting'),
});
export type MeetingStatements = z.infer<typeof meetingStatementsSchema>;

export const overdueKinds = ['decision', 'problem', 'ledger_item'] as const;
export type OverdueKind = (typeof overdueKinds)[number];

export const workbenchOverdueSchema = z.object({
  kind: z.enum(overdueKinds).describe('议定事项 decision, 问题 problem, 台账事项 ledger item'),
  id: z.number().int(),
  label: z.string(),
  deadline: z.string().describe(dateText),
  daysOverdue: z.number().int(),
  projectId: z.number().int(),
  projectCode: z.string(),
  projectName: z.string(),
});
export type WorkbenchOverdue = z.infer<typeof workbenchOverdueSchema>;

/** A supervision item 督办事项 in checking, to verify (filled by the supervision-items module). */
export const workbenchToVerifySchema = z.object({
  id: z.number().int(),
  label: z.string(),
  projectId: z.number().int().nullable(),
  projectName: z.string().nullable(),
  since: z.string().nullable().describe(timestampText),
});

export const workbenchSchema = z.object({
  asOf: z.string().describe(dateText),
  proposed: z.array(escalationSchema).describe('待确认的问责建议: proposed steps, oldest first'),
  overdue: z.array(workbenchOverdueSchema).describe('逾期事项: overdue decisions, problems, ledger items, most overdue first'),
  toVerify: z
    .array(workbenchToVerifySchema)
    .describe('待核验: supervision items submitted for checking, not yet accepted, oldest first'),
  counts: z.object({
    proposed: z.number().int(),
    overdue: z.number().int(),
    toVerify: z.number().int(),
    total: z.number().int(),
  }),
});
export type Workbench = z.infer<typeof workbenchSchema>;
