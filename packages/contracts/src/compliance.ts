/**
 * The weekly quota 周督查 (SPEC §2.4): per ISO week (Asia/Shanghai), each contracting leader's and
 * task-force head's site checks and problems solved on site against the region's quota.
 */
import { z } from 'zod';

/** 52 or 53 ISO weeks: a year has 53 when 28 December's Thursday-anchored week is its 53rd. */
function weeksIn(year: number): number {
  const dow = (m: number, d: number) => new Date(Date.UTC(year, m, d)).getUTCDay();
  const jan1 = dow(0, 1);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return jan1 === 4 || (leap && jan1 === 3) ? 53 : 52;
}

/** `YYYY-Www` (ISO 8601 week, Asia/Shanghai), e.g. 2026-W53; week 53 only in a year that has one. */
export const isoWeek = z
  .string()
  .regex(/^\d{4}-W\d{2}$/, 'iso_week')
  .refine((s) => {
    const year = Number(s.slice(0, 4));
    const n = Number(s.slice(6));
    return year >= 1900 && year <= 2999 && n >= 1 && n <= weeksIn(year);
  }, 'iso_week')
  .describe('ISO week YYYY-Www, Monday to Sunday in Asia/Shanghai (ISO 周), e.g. 2026-W53');

export const compliancePersonTypes = ['leader', 'task_force_head'] as const;
export const compliancePersonTypeSchema = z
  .enum(compliancePersonTypes)
  .describe(
    'leader: a contracting leader 包联领导 (personId = leaders.id); task_force_head: a task-force head 专班负责人 (personId = users.id)',
  );

export const weeklyComplianceQuery = z.strictObject({
  week: isoWeek.optional().describe('The ISO week; defaults to the current week (Asia/Shanghai)'),
});
export type WeeklyComplianceQuery = z.infer<typeof weeklyComplianceQuery>;

export const quotaSchema = z.object({
  siteChecks: z.number().int().describe('Site checks required per week (weeklySiteChecksRequired)'),
  solvedOnSite: z.number().int().describe('Problems solved on site required per week (weeklySolvedOnSiteRequired)'),
});

export const complianceRowSchema = z.object({
  personType: compliancePersonTypeSchema,
  personId: z.number().int(),
  name: z.string(),
  siteChecks: z.number().int().describe('Site checks in the week (实地检查次数)'),
  solvedOnSite: z
    .number()
    .int()
    .describe('Problems solved on site in the week, in a check or an on-site office meeting (现场解决问题数)'),
  met: z.boolean().describe('Both figures reach the quota (达标)'),
});
export type ComplianceRowView = z.infer<typeof complianceRowSchema>;

export const weeklyComplianceSchema = z.object({
  week: z.string().describe('ISO week YYYY-Www'),
  monday: z.string().describe('First day of the week, YYYY-MM-DD Asia/Shanghai'),
  sunday: z.string().describe('Last day of the week, YYYY-MM-DD Asia/Shanghai'),
  quota: quotaSchema,
  rows: z.array(complianceRowSchema).describe('Everyone the quota applies to, also those with nothing; met first'),
  metCount: z.number().int().describe('Rows that met the quota'),
  total: z.number().int().describe('Rows listed'),
});
export type WeeklyCompliance = z.infer<typeof weeklyComplianceSchema>;

export const complianceHeatmapQuery = z.strictObject({
  to: isoWeek.optional().describe('The last week shown; defaults to the current week (Asia/Shanghai)'),
  weeks: z.coerce.number().int().min(1).max(53).default(12).describe('How many weeks, ending with `to` (default 12)'),
});
export type ComplianceHeatmapQuery = z.infer<typeof complianceHeatmapQuery>;

export const complianceHeatmapSchema = z.object({
  weeks: z.array(z.string()).describe('The weeks shown, oldest first'),
  quota: quotaSchema,
  rows: z.array(
    z.object({
      personType: compliancePersonTypeSchema,
      personId: z.number().int(),
      name: z.string(),
      metWeeks: z.number().int().describe('Weeks in which the quota was met'),
      cells: z
        .array(z.object({ week: z.string(), siteChecks: z.number().int(), solvedOnSite: z.number().int(), met: z.boolean() }))
        .describe('One per week, in the order of `weeks`'),
    }),
  ),
});
export type ComplianceHeatmap = z.infer<typeof complianceHeatmapSchema>;
