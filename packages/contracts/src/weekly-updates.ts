/**
 * The weekly update 周报 (SPEC §2.9, 最多报一次): one per project per ISO week. GET gives the form
 * pre-filled from the records (each row names the record it is); POST sends only what changed and
 * writes those records themselves — the ledger, the milestones, the month's investment report (submitted
 * for the office's approval), the problems — so no figure is typed twice.
 */
import { z } from 'zod';
import { burdenInput } from './burden.js';
import { dateText, id, isoDate, requiredText, text, timestampText, version, yuan } from './common.js';
import { isoWeek } from './compliance.js';
import { ledgerStatuses } from './ledger.js';
import { problemCategorySchema, problemStatusSchema } from './enums.js';
import { ragReasonSchema } from './supervision.js';
import { ragSchema } from './enums.js';
import { reportStatuses } from './investment.js';

export const weeklyUpdateQuery = z.strictObject({
  week: isoWeek.optional().describe('The ISO week; defaults to the current week (Asia/Shanghai)'),
});
export type WeeklyUpdateQuery = z.infer<typeof weeklyUpdateQuery>;

const source = <E extends string>(entity: E) =>
  z.object({ entity: z.literal(entity), id: z.number().int() }).describe('The record this value is (no copy is kept)');

export const weeklyUpdateSentSchema = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  week: z.string(),
  note: z.string().nullable().describe('形象进度 the overall progress note of the week'),
  unchanged: z.boolean().describe('本周无变化: sent with nothing changed'),
  changed: z
    .object({
      ledgerItemIds: z.array(z.number().int()),
      milestoneIds: z.array(z.number().int()),
      investmentReportIds: z.array(z.number().int()),
      problemIds: z.array(z.number().int()),
    })
    .describe('The records the update changed or created (all sends of the week)'),
  sentBy: z.number().int().nullable(),
  sentByName: z.string(),
  sentAt: z.string().describe(timestampText),
  version: z.number().int(),
});
export type WeeklyUpdateSent = z.infer<typeof weeklyUpdateSentSchema>;

export const weeklyUpdateFormSchema = z.object({
  projectId: z.number().int(),
  projectCode: z.string(),
  projectName: z.string(),
  week: z.string(),
  asOf: z.string().describe(`The day the form is filled as of (${dateText}): today, or the Sunday of a past week`),
  ledgerItems: z
    .array(
      z.object({
        source: source('ledger_item'),
        id: z.number().int(),
        version: z.number().int(),
        seq: z.number().int(),
        content: z.string(),
        unitName: z.string().nullable(),
        deadline: z.string().nullable(),
        status: z.enum(ledgerStatuses),
        overdue: z.boolean(),
        progressNote: z.string().nullable(),
        canComplete: z.boolean().describe('Whether the user may tick it done (the unit that owes it)'),
      }),
    )
    .describe('Open ledger items due within 14 days or overdue'),
  nodes: z
    .array(
      z.object({
        source: source('milestone'),
        id: z.number().int(),
        version: z.number().int(),
        name: z.string(),
        actualStart: z.string().nullable(),
        actualFinish: z.string().nullable(),
        latestStart: z.string().nullable(),
        latestFinish: z.string().nullable(),
      }),
    )
    .describe('Milestone nodes in progress, or due to start or finish within 14 days'),
  investment: z
    .object({
      year: z.number().int(),
      month: z.number().int(),
      yearApproved: z.number().int().describe('Approved investment of the year so far, yuan (for reference)'),
    })
    .nullable()
    .describe('The month whose amount is asked for; null when the month already has a current report'),
  investmentReport: z
    .object({
      source: source('investment_report'),
      id: z.number().int(),
      amount: z.number().int(),
      status: z.enum(reportStatuses),
    })
    .nullable()
    .describe('The month’s current report, when there is one'),
  problems: z
    .array(
      z.object({
        source: source('problem'),
        id: z.number().int(),
        version: z.number().int(),
        category: problemCategorySchema,
        description: z.string(),
        status: problemStatusSchema,
        deadline: z.string().nullable(),
        progressNote: z.string().nullable(),
      }),
    )
    .describe('The project’s open problems'),
  rag: z.object({ rag: ragSchema, reasons: z.array(ragReasonSchema) }).describe('The project’s colour and why'),
  sent: weeklyUpdateSentSchema.nullable().describe('The update already sent for the week, if any'),
  permissions: z.object({ send: z.boolean() }),
});
export type WeeklyUpdateForm = z.infer<typeof weeklyUpdateFormSchema>;

export const sendWeeklyUpdateBody = z
  .strictObject({
    version: version.optional().describe('The version of the week’s update already sent; required to send again'),
    unchanged: z.boolean().optional().describe('本周无变化: nothing changed this week (no other change allowed)'),
    note: text(2000).nullable().optional().describe('形象进度 the overall progress of the week'),
    ledgerItems: z
      .array(
        z.strictObject({
          id,
          version,
          doneOn: isoDate.optional().describe('Ticked done on this date'),
          progressNote: text(500).optional().describe('A one-line progress note (进展情况)'),
        }),
      )
      .max(200)
      .optional(),
    nodes: z
      .array(z.strictObject({ id, version, actualStart: isoDate.optional(), actualFinish: isoDate.optional() }))
      .max(200)
      .optional(),
    investment: z
      .strictObject({ year: z.number().int(), month: z.number().int().min(1).max(12), amount: yuan })
      .optional()
      .describe('The month’s amount: a submitted report for the office to approve'),
    problems: z
      .array(
        z.strictObject({
          id,
          version,
          progressNote: text(2000).optional(),
          resolution: requiredText(2000).optional().describe('Resolved, and how (解决情况)'),
        }),
      )
      .max(200)
      .optional(),
    newProblems: z
      .array(z.strictObject({ category: problemCategorySchema, description: requiredText(1000) }))
      .max(50)
      .optional(),

    burden: burdenInput.optional().describe('Fields typed and seconds spent (client-measured); recorded by the burden counters'),
  })
  .describe('Only what changed; everything is optional');
export type SendWeeklyUpdateBody = z.infer<typeof sendWeeklyUpdateBody>;

export const weeklyUpdateListSchema = z.object({
  week: z.string(),
  items: z.array(
    z.object({
      projectId: z.number().int(),
      projectCode: z.string(),
      projectName: z.string(),
      sent: weeklyUpdateSentSchema.nullable(),
    }),
  ),
});
export type WeeklyUpdateList = z.infer<typeof weeklyUpdateListSchema>;
