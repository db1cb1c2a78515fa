/** Annual investment plans, monthly completed-investment reports and a project's plan-vs-actual series. */
import { z } from 'zod';
import { burdenInput } from './burden.js';
import { enumText, id, idParam, isoDate, paging, regionCode, text, timestampText, version, yuan } from './common.js';
import { listProjectsQuery } from './projects.js';

type Labels<T extends string> = Record<T, { 'zh-CN': string; en: string }>;

export const reportStatuses = ['draft', 'submitted', 'approved', 'returned', 'superseded'] as const;
export type ReportStatus = (typeof reportStatuses)[number];
export const reportStatusLabels: Labels<ReportStatus> = {
  draft: { 'zh-CN': '草稿', en: 'Draft' },
  submitted: { 'zh-CN': '待审核', en: 'Submitted' },
  approved: { 'zh-CN': '已审核', en: 'Approved' },
  returned: { 'zh-CN': '已退回', en: 'Returned' },
  superseded: { 'zh-CN': '已更正', en: 'Superseded' },
};
export const reportStatusSchema = z
  .enum(reportStatuses)
  .describe(enumText('Status of a monthly investment report (填报状态)', reportStatusLabels));

export const year = z.number().int().min(2000).max(2100).describe('Calendar year, e.g. 2026 (年度)');
export const yearParam = z.coerce.number().int().min(2000).max(2100).describe('Calendar year, e.g. 2026 (年度)');
export const month = z.number().int().min(1).max(12).describe('Month of the year, 1–12 (月份)');

/** A project's planned investment for one year. */
export const annualPlanSchema = z.object({
  id,
  projectId: id,
  year,
  plannedAmount: z.number().int().describe('Planned investment of the year in integer yuan (年度计划投资, 元)'),
  version,
  updatedAt: z.string().describe(timestampText),
});
export type AnnualPlan = z.infer<typeof annualPlanSchema>;

export const projectYearParams = z.strictObject({ id: idParam, year: yearParam });

/** Creates the plan when `version` is absent and none exists; otherwise updates it (stale → 409). */
export const putAnnualPlanBody = z.strictObject({
  plannedAmount: yuan.describe('Planned investment of the year in integer yuan (年度计划投资, 元)'),
  version: version.optional().describe('Omit to create the plan; send the version you read to update it (stale → 409)'),
});
export type PutAnnualPlanBody = z.infer<typeof putAnnualPlanBody>;

export const investmentReportSchema = z.object({
  id,
  projectId: id.describe('Id of the project'),
  projectCode: z.string().describe('Project code (项目编号)'),
  projectName: z.string(),
  regionCode: regionCode.describe('Region of the project'),
  year,
  month,
  /** Completed investment of the month, integer yuan. */
  amount: z.number().int().describe('Investment completed in the month, integer yuan (当月完成投资, 元)'),
  progressNote: z.string().nullable().describe('Progress of the month (形象进度)'),
  status: reportStatusSchema,
  /** The approved report this one corrects. */
  correctsId: z.number().int().nullable().describe('The approved report this one corrects (更正); null for a first report'),
  supersededById: z.number().int().nullable().describe('The approved correction that replaced this report'),
  createdBy: z.number().int().nullable(),
  createdByName: z.string().nullable(),
  submittedAt: z.string().nullable().describe(timestampText),
  reviewedBy: z.number().int().nullable().describe('User who approved or returned it (审核人)'),
  reviewedAt: z.string().nullable().describe(timestampText),
  returnReason: z.string().nullable().describe('Why it was returned (退回原因)'),
  /** Number of site photos attached to the report. */
  attachmentCount: z.number().int().describe('Number of site photos attached (现场照片数)'),
  version,
  createdAt: z.string().describe(timestampText),
  updatedAt: z.string().describe(timestampText),
  /** What the current user may do with this report (drives buttons in the web). */
  permissions: z
    .object({ edit: z.boolean(), submit: z.boolean(), review: z.boolean(), delete: z.boolean() })
    .describe(
      'What the current user may do with this report: edit, submit, review (approve/return), delete (the server checks again)',
    ),
});
export type InvestmentReport = z.infer<typeof investmentReportSchema>;

export const createInvestmentReportBody = z.strictObject({
  projectId: id.describe('Id of the project reported on'),
  year,
  month,
  amount: yuan.describe('Investment completed in the month, integer yuan (当月完成投资, 元)'),
  progressNote: text(2000).nullable().optional().describe('Progress of the month (形象进度)'),
  /** Set to start a correction of an approved report of the same project and month. */
  correctsId: id.optional().describe('To correct an approved report (更正): its id; same project and month'),
});
export type CreateInvestmentReportBody = z.infer<typeof createInvestmentReportBody>;

export const updateInvestmentReportBody = z.strictObject({
  version,
  amount: yuan.optional().describe('Investment completed in the month, integer yuan (当月完成投资, 元)'),
  progressNote: text(2000).nullable().optional().describe('Progress of the month (形象进度)'),
});
export type UpdateInvestmentReportBody = z.infer<typeof updateInvestmentReportBody>;

export const reportActionBody = z.strictObject({ version });
/** The submit action also carries the form's burden (issue 12), recorded with the submission. */
export const submitReportBody = z.strictObject({ version, burden: burdenInput.optional() });
export type SubmitReportBody = z.infer<typeof submitReportBody>;
export const returnReportBody = z.strictObject({
  version,
  reason: text(500).pipe(z.string().min(1)).describe('Why it is returned (退回原因), shown to the reporter'),
});
export type ReturnReportBody = z.infer<typeof returnReportBody>;
export const deleteReportQuery = z.strictObject({
  version: z.coerce
    .number()
    .int()
    .min(1)
    .max(2_147_483_647)
    .describe('The version you read (版本号); a stale one is refused with 409'),
});

export const listInvestmentReportsQuery = z.strictObject({
  ...paging,
  status: reportStatusSchema.optional(),
  projectId: z.coerce.number().int().positive().max(2_147_483_647).optional().describe("Only this project's reports"),
  year: yearParam.optional(),
  month: z.coerce.number().int().min(1).max(12).optional().describe('Month of the year, 1–12 (月份)'),
  /** Reports of projects this unit leads or cooperates on. */
  unitId: z.coerce
    .number()
    .int()
    .positive()
    .max(2_147_483_647)
    .optional()
    .describe('Reports of projects this unit leads or cooperates on (责任单位)'),
});
export type ListInvestmentReportsQuery = z.infer<typeof listInvestmentReportsQuery>;

export const projectInvestmentQuery = z.strictObject({
  year: yearParam.optional().describe('Calendar year (年度); defaults to the current year in Asia/Shanghai'),
});

/** A project's plan vs approved actuals by month (the data of the plan-vs-cumulative chart). */
export const projectInvestmentSchema = z.object({
  projectId: id,
  year,
  asOf: isoDate.describe('The figures as of this date (截至日期), YYYY-MM-DD Asia/Shanghai'),
  plannedAmount: z
    .number()
    .int()
    .nullable()
    .describe('Planned investment of the year, integer yuan (年度计划投资, 元); null without a plan'),
  planVersion: z.number().int().nullable().describe('Version of the annual plan, to send back when updating it'),
  months: z.array(
    z.object({
      month,
      /** Approved completed investment of the month (0 when none). */
      amount: z.number().int().describe('Approved investment completed in the month, integer yuan (元)'),
      cumulative: z.number().int().describe('Approved investment from January to this month, integer yuan (累计完成, 元)'),
      /** Status of the month's report in progress, if any (draft / submitted / returned). */
      pendingStatus: reportStatusSchema
        .nullable()
        .describe('Status of a report of the month not yet approved (draft, submitted or returned), if any'),
    }),
  ),
  yearToDate: z.number().int().describe('Approved investment of the year so far, integer yuan (年度累计完成, 元)'),
  /** yearToDate / plannedAmount; null without a plan. */
  completionRate: z
    .number()
    .nullable()
    .describe('yearToDate / plannedAmount as a fraction (1 = 100 %, may exceed 1) (完成率); null without a plan'),
});
export type ProjectInvestment = z.infer<typeof projectInvestmentSchema>;

/** The project list's filters plus the investment year and the as-of date for the month columns. */
export const exportProjectsQuery = listProjectsQuery.omit({ page: true, pageSize: true }).extend({
  year: yearParam.optional().describe('Investment year of the month columns (年度); defaults to the year of asOf'),
  asOf: isoDate.optional().describe('Figures as of this date (截至日期), YYYY-MM-DD Asia/Shanghai; defaults to today'),
});
export type ExportProjectsQuery = z.infer<typeof exportProjectsQuery>;
