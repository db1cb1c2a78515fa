/** Annual investment plans, monthly completed-investment reports and a project's plan-vs-actual series. */
import { z } from 'zod';
import { id, idParam, isoDate, paging, regionCode, text, version, yuan } from './common.js';
import { listProjectsQuery } from './projects.js';

type Labels<T extends string> = Record<T, { 'zh-CN': string; en: string }>;

export const reportStatuses = ['draft', 'submitted', 'approved', 'returned', 'superseded'] as const;
export type ReportStatus = (typeof reportStatuses)[number];
export const reportStatusSchema = z.enum(reportStatuses);
export const reportStatusLabels: Labels<ReportStatus> = {
  draft: { 'zh-CN': '草稿', en: 'Draft' },
  submitted: { 'zh-CN': '待审核', en: 'Submitted' },
  approved: { 'zh-CN': '已审核', en: 'Approved' },
  returned: { 'zh-CN': '已退回', en: 'Returned' },
  superseded: { 'zh-CN': '已更正', en: 'Superseded' },
};

export const year = z.number().int().min(2000).max(2100);
export const yearParam = z.coerce.number().int().min(2000).max(2100);
export const month = z.number().int().min(1).max(12);

/** A project's planned investment for one year. */
export const annualPlanSchema = z.object({
  id,
  projectId: id,
  year,
  plannedAmount: z.number().int(),
  version,
  updatedAt: z.string(),
});
export type AnnualPlan = z.infer<typeof annualPlanSchema>;

export const projectYearParams = z.strictObject({ id: idParam, year: yearParam });

/** Creates the plan when `version` is absent and none exists; otherwise updates it (stale → 409). */
export const putAnnualPlanBody = z.strictObject({ plannedAmount: yuan, version: version.optional() });
export type PutAnnualPlanBody = z.infer<typeof putAnnualPlanBody>;

export const investmentReportSchema = z.object({
  id,
  projectId: id,
  projectCode: z.string(),
  projectName: z.string(),
  regionCode,
  year,
  month,
  /** Completed investment of the month, integer yuan. */
  amount: z.number().int(),
  progressNote: z.string().nullable(),
  status: reportStatusSchema,
  /** The approved report this one corrects. */
  correctsId: z.number().int().nullable(),
  supersededById: z.number().int().nullable(),
  createdBy: z.number().int().nullable(),
  createdByName: z.string().nullable(),
  submittedAt: z.string().nullable(),
  reviewedBy: z.number().int().nullable(),
  reviewedAt: z.string().nullable(),
  returnReason: z.string().nullable(),
  /** Number of site photos attached to the report. */
  attachmentCount: z.number().int(),
  version,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** What the current user may do with this report (drives buttons in the web). */
  permissions: z.object({ edit: z.boolean(), submit: z.boolean(), review: z.boolean(), delete: z.boolean() }),
});
export type InvestmentReport = z.infer<typeof investmentReportSchema>;

export const createInvestmentReportBody = z.strictObject({
  projectId: id,
  year,
  month,
  amount: yuan,
  progressNote: text(2000).nullable().optional(),
  /** Set to start a correction of an approved report of the same project and month. */
  correctsId: id.optional(),
});
export type CreateInvestmentReportBody = z.infer<typeof createInvestmentReportBody>;

export const updateInvestmentReportBody = z.strictObject({
  version,
  amount: yuan.optional(),
  progressNote: text(2000).nullable().optional(),
});
export type UpdateInvestmentReportBody = z.infer<typeof updateInvestmentReportBody>;

export const reportActionBody = z.strictObject({ version });
export const returnReportBody = z.strictObject({ version, reason: text(500).pipe(z.string().min(1)) });
export type ReturnReportBody = z.infer<typeof returnReportBody>;
export const deleteReportQuery = z.strictObject({ version: z.coerce.number().int().min(1).max(2_147_483_647) });

export const listInvestmentReportsQuery = z.strictObject({
  ...paging,
  status: reportStatusSchema.optional(),
  projectId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  year: yearParam.optional(),
  month: z.coerce.number().int().min(1).max(12).optional(),
  /** Reports of projects this unit leads or cooperates on. */
  unitId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
});
export type ListInvestmentReportsQuery = z.infer<typeof listInvestmentReportsQuery>;

export const projectInvestmentQuery = z.strictObject({ year: yearParam.optional() });

/** A project's plan vs approved actuals by month (the data of the plan-vs-cumulative chart). */
export const projectInvestmentSchema = z.object({
  projectId: id,
  year,
  asOf: isoDate,
  plannedAmount: z.number().int().nullable(),
  planVersion: z.number().int().nullable(),
  months: z.array(
    z.object({
      month,
      /** Approved completed investment of the month (0 when none). */
      amount: z.number().int(),
      cumulative: z.number().int(),
      /** Status of the month's report in progress, if any (draft / submitted / returned). */
      pendingStatus: reportStatusSchema.nullable(),
    }),
  ),
  yearToDate: z.number().int(),
  /** yearToDate / plannedAmount; null without a plan. */
  completionRate: z.number().nullable(),
});
export type ProjectInvestment = z.infer<typeof projectInvestmentSchema>;

/** The project list's filters plus the investment year and the as-of date for the month columns. */
export const exportProjectsQuery = listProjectsQuery.omit({ page: true, pageSize: true }).extend({
  year: yearParam.optional(),
  asOf: isoDate.optional(),
});
export type ExportProjectsQuery = z.infer<typeof exportProjectsQuery>;
