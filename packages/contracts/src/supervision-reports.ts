/**
 * Weekly dispatch 周调度 and monthly supervision bulletin 月督导通报 (SPEC §2.5, issue 11 items 4 and 7):
 * one report per kind, period and region, drafted from the records (by the jobs or the supervisor) with
 * its figures frozen as `content`, redrafted while a draft, frozen for good once published.
 */
import { z } from 'zod';
import { dateText, regionCode, timestampText, version } from './common.js';
import { ragRuleSchema, ragSchema } from './enums.js';
import { supervisionReportKinds, supervisionReportStatuses } from './enum-values.js';

export const supervisionReportKindSchema = z
  .enum(supervisionReportKinds)
  .describe('weekly_dispatch 周调度 (period YYYY-Www) or monthly_bulletin 月督导通报 (period YYYY-MM)');
export const supervisionReportStatusSchema = z.enum(supervisionReportStatuses).describe('draft 草稿 or published 已印发');

/** `2026-W49` (ISO week, Asia/Shanghai) for a dispatch, `2026-12` for a bulletin. */
export const weekPeriod = /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/;
export const monthPeriod = /^\d{4}-(0[1-9]|1[0-2])$/;

const localised = z.object({ 'zh-CN': z.string(), en: z.string() });
const range = z.object({ from: z.string().describe(dateText), to: z.string().describe(dateText) });
const colourCounts = z.object({ green: z.number().int(), yellow: z.number().int(), red: z.number().int() });
const recordRef = z.object({ id: z.number().int(), label: z.string() });
const colourChange = z.object({
  projectId: z.number().int(),
  name: z.string(),
  from: ragSchema.describe('The colour before the period (colour history)'),
  to: ragSchema.describe('The colour now'),
});
const changeCounts = z.object({
  worse: z.number().int().describe('Projects whose colour got worse (green→yellow, yellow→red, green→red)'),
  better: z.number().int(),
  list: z.array(colourChange),
});

export const dispatchProjectSchema = z.object({
  projectId: z.number().int(),
  code: z.string(),
  name: z.string(),
  rag: ragSchema.describe('The colour shown now (an override 人工调整 included)'),
  ragBefore: ragSchema.nullable().describe('The colour before the week reviewed (colour history); null when none is kept'),
  progressNote: z
    .string()
    .nullable()
    .optional()
    .describe('形象进度: the overall progress note of the weekly update 周报 sent in the week reviewed (typed once, there)'),
  milestonesFinished: z.array(recordRef.extend({ date: z.string() })).describe('Nodes finished in the week reviewed'),
  milestonesInProgress: z.array(recordRef).describe('Nodes started and not finished'),
  problemsNew: z.array(recordRef),
  problemsSolved: z.array(recordRef),
  decisionsDue: z
    .array(recordRef.extend({ deadline: z.string(), status: z.string() }))
    .describe('Decisions due in the dispatch week'),
});
export type DispatchProject = z.infer<typeof dispatchProjectSchema>;

export const weeklyDispatchContentSchema = z.object({
  kind: z.literal('weekly_dispatch'),
  regionName: z.string(),
  asOf: z.string().describe('The day the figures were taken'),
  reviewed: range.describe('The week reviewed 上周: the seven days before the dispatch week'),
  dueWeek: range.describe('The dispatch week 本周 (the period): decisions due in it'),
  summary: z.object({
    colours: colourCounts,
    changes: changeCounts,
    problemsNew: z.number().int(),
    problemsSolved: z.number().int(),
    decisionsDue: z.number().int(),
    milestonesFinished: z.number().int(),
  }),
  projects: z.array(dispatchProjectSchema),
});
export type WeeklyDispatchContent = z.infer<typeof weeklyDispatchContentSchema>;

export const bulletinProjectSchema = z.object({
  projectId: z.number().int(),
  code: z.string(),
  name: z.string(),
  rag: ragSchema,
  overridden: z.boolean().describe('Shown by a supervisor’s override 人工调整'),
  overrideReason: z.string().nullable().describe('The override’s reason, when overridden'),
  reasons: z.array(z.object({ rule: ragRuleSchema, message: localised })),
});
export type BulletinProject = z.infer<typeof bulletinProjectSchema>;

export const overdueRecordSchema = z.object({
  id: z.number().int(),
  /** null for a supervision item that concerns a unit only: `projectName` is then the unit's name. */
  projectId: z.number().int().nullable(),
  projectName: z.string(),
  label: z.string(),
  deadline: z.string(),
  daysOverdue: z.number().int(),
});
export type OverdueRecord = z.infer<typeof overdueRecordSchema>;

export const escalationStepRefSchema = z.object({
  id: z.number().int(),
  step: z.string().describe('预警提示 / 通报批评 / 问责 / 表态发言'),
  subject: z.string().describe('The project or unit'),
  reason: z.string(),
  date: z.string(),
});
export type EscalationStepRef = z.infer<typeof escalationStepRefSchema>;

export const monthlyBulletinContentSchema = z.object({
  kind: z.literal('monthly_bulletin'),
  regionName: z.string(),
  asOf: z.string().describe('The day the colours and overdue records were taken (the month’s last day, or today)'),
  month: range,
  opening: localised.describe('The opening paragraph, generated from the figures'),
  colours: colourCounts,
  changes: changeCounts,
  red: z.array(bulletinProjectSchema),
  yellow: z.array(bulletinProjectSchema),
  overdueDecisions: z.array(overdueRecordSchema),
  overdueProblems: z.array(overdueRecordSchema),
  overdueSupervisionItems: z.array(overdueRecordSchema).describe('Supervision items 督办事项 past their deadline'),
  escalations: z.array(escalationStepRefSchema).describe('Escalation steps of the month 通报批评/问责/表态发言'),
});
export type MonthlyBulletinContent = z.infer<typeof monthlyBulletinContentSchema>;

export const supervisionReportContentSchema = z.discriminatedUnion('kind', [
  weeklyDispatchContentSchema,
  monthlyBulletinContentSchema,
]);
export type SupervisionReportContent = z.infer<typeof supervisionReportContentSchema>;

const reportBase = {
  id: z.number().int(),
  kind: supervisionReportKindSchema,
  period: z.string(),
  regionCode: z.string(),
  status: supervisionReportStatusSchema,
  docNumber: z.string().describe('发文字号, e.g. 〔2026〕12号'),
  draftedAt: z.string().describe(timestampText),
  draftedBy: z.string().describe('Who drafted it (a person, or system:<job>)'),
  publishedAt: z.string().nullable(),
  publishedBy: z.string().nullable(),
  version,
};

export const supervisionReportSummarySchema = z.object({
  ...reportBase,
  colours: colourCounts.describe('The headline colour counts of the content'),
});
export type SupervisionReportSummary = z.infer<typeof supervisionReportSummarySchema>;

export const supervisionReportSchema = z.object({ ...reportBase, content: supervisionReportContentSchema });
export type SupervisionReport = z.infer<typeof supervisionReportSchema>;

export const listSupervisionReportsQuery = z.strictObject({
  kind: supervisionReportKindSchema.optional(),
  regionCode: regionCode.optional().describe("A region within the actor's (default: all of the actor's)"),
});
export type ListSupervisionReportsQuery = z.infer<typeof listSupervisionReportsQuery>;

export const draftSupervisionReportBody = z
  .strictObject({
    kind: supervisionReportKindSchema,
    period: z.string().describe('YYYY-Www for a dispatch, YYYY-MM for a bulletin'),
  })
  .superRefine((b, ctx) => {
    const ok = b.kind === 'weekly_dispatch' ? weekPeriod.test(b.period) : monthPeriod.test(b.period);
    if (!ok) ctx.addIssue({ code: 'custom', path: ['period'], message: 'report_period' });
  });
export type DraftSupervisionReportBody = z.infer<typeof draftSupervisionReportBody>;

export const publishSupervisionReportBody = z.strictObject({ version });
export type PublishSupervisionReportBody = z.infer<typeof publishSupervisionReportBody>;
