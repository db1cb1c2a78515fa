/**
 * The burden measured 填报负担 (SPEC §2.9, issue 12 item 3): per submission of an entry screen, the fields
 * the person typed or changed (never those left pre-filled) and the seconds from opening the form to
 * sending it, measured by the client. Nothing else: no keystrokes, no login or online time. The figures
 * never feed colours or evaluations (ADR 0012).
 */
import { z } from 'zod';
import { enumText, isoDate } from './common.js';
import { burdenGroupBys, burdenGroupByLabels, burdenScreenLabels, burdenScreens } from './enum-values.js';

export type BurdenScreen = (typeof burdenScreens)[number];
export type BurdenGroupBy = (typeof burdenGroupBys)[number];

/** The longest time one submission counts for: a form left open over lunch is not an hour of work. */
export const BURDEN_MAX_SECONDS = 3600;

export const burdenScreenSchema = z
  .enum(burdenScreens)
  .describe(enumText('Entry screen measured (填报界面)', burdenScreenLabels));

/**
 * The optional `burden` of a submission's body: absent → nothing recorded. Seconds above
 * BURDEN_MAX_SECONDS are clamped by the server (not refused: the record is what matters).
 */
export const burdenInput = z
  .strictObject({
    fieldsTyped: z.number().int().min(0).max(500).describe('Fields typed or changed from their pre-filled value (填写字段数)'),
    seconds: z
      .number()
      .min(0)
      .max(7 * 24 * 3600)
      .describe(`Seconds from opening the form to sending it, client-measured; counted up to ${BURDEN_MAX_SECONDS}`),
  })
  .describe('Burden of this submission (填报负担), measured by the client; omit it to record nothing');
export type BurdenInput = z.infer<typeof burdenInput>;

export const burdenQuery = z
  .strictObject({
    from: isoDate.describe('First day (Asia/Shanghai), inclusive'),
    to: isoDate.describe('Last day (Asia/Shanghai), inclusive'),
    groupBy: z.enum(burdenGroupBys).default('unit').describe(enumText('Rows per (分组)', burdenGroupByLabels)),
  })
  .refine((q) => q.from <= q.to, { message: 'from_after_to', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 400 * 86_400_000, { message: 'span_too_long', path: ['to'] });
export type BurdenQuery = z.input<typeof burdenQuery>;

const figures = {
  submissions: z.number().int().describe('Submissions measured (填报次数)'),
  fieldsTyped: z.number().int().describe('Fields typed or changed, summed (填写字段数)'),
  seconds: z.number().int().describe('Seconds spent, summed (用时, 秒)'),
  projectWeeks: z.number().int().describe('Distinct (project, ISO week) pairs with a submission: the denominator of the target'),
};

export const burdenRowSchema = z.object({
  key: z.string().describe('Id of the unit, person or project ("none": submissions by an account without a unit)'),
  label: z.string(),
  ...figures,
});
export type BurdenRow = z.infer<typeof burdenRowSchema>;

export const burdenWeekSchema = z.object({ week: z.string().describe('ISO week YYYY-Www'), ...figures });
export type BurdenWeek = z.infer<typeof burdenWeekSchema>;

export const burdenReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(burdenGroupBys),
  target: z.object({
    fields: z.number().int().describe('Target: at most this many fields per project per week (burdenTargetFields)'),
    minutes: z.number().int().describe('Target: at most this many minutes per project per week (burdenTargetMinutes)'),
  }),
  rows: z.array(burdenRowSchema).describe('Most fields first'),
  trend: z.array(burdenWeekSchema).describe('Every ISO week of the span, oldest first, also those with nothing'),
});
export type BurdenReport = z.infer<typeof burdenReportSchema>;
