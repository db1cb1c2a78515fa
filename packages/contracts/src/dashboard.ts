/** The dashboard summary: the article's headline figures computed from records at request time. */
import { z } from 'zod';
import { dateText, isoDate, regionCode } from './common.js';
import { projectLevelSchema, stageSchema } from './enums.js';
import { periodRatesSchema } from './batches.js';
import { yearParam } from './investment.js';

export const dashboardSummaryQuery = z.strictObject({
  /** Defaults to the year of asOf. */
  year: yearParam.optional().describe('Calendar year of the investment figures (年度); defaults to the year of asOf'),
  /** Defaults to today (Asia/Shanghai). */
  asOf: isoDate.optional().describe('Figures as of this date (截至日期), YYYY-MM-DD Asia/Shanghai; defaults to today'),
  /** Defaults to the actor's region; must lie within it. */
  regionCode: regionCode.optional().describe("Region to sum; defaults to the actor's region and must lie within it"),
});
export type DashboardSummaryQuery = z.infer<typeof dashboardSummaryQuery>;

/** Investment figures of a group of projects: money in integer yuan, rate 0–1 (null without a plan). */
const investmentFigures = {
  projects: z.number().int().describe('Number of projects'),
  annualPlan: z.number().int().describe('Sum of the annual investment plans, integer yuan (年度计划投资, 元)'),
  completedInvestment: z
    .number()
    .int()
    .describe('Approved investment completed in the year through throughMonth, integer yuan (完成投资, 元)'),
  completionRate: z
    .number()
    .nullable()
    .describe('completedInvestment / annualPlan as a fraction (1 = 100 %) (完成率); null without a plan'),
};
export const investmentGroupSchema = z.object(investmentFigures);
export type InvestmentGroup = z.infer<typeof investmentGroupSchema>;

export const dashboardSummarySchema = z.object({
  year: z.number().int().describe('Calendar year of the figures (年度)'),
  asOf: z.string().describe(`Figures as of: ${dateText}`),
  /** The month up to which completed investment is summed (12 for a past year). */
  throughMonth: z.number().int(),
  regionCode,
  regionName: z.string().nullable(),
  keyProjects: z.number().int().describe('Key projects in scope (重点项目数)'),
  contractingLeaders: z.number().int().describe('County leaders contracting them (包联县级领导数)'),
  responsibleUnits: z.number().int().describe('Responsible units, lead or cooperating (责任单位数)'),
  /** All projects in scope. */
  investment: investmentGroupSchema,
  /** Provincial and municipal key projects; drill down with level=provincial and level=municipal. */
  provincialAndMunicipal: investmentGroupSchema.extend({ levels: z.array(projectLevelSchema) }),
  /** Projects of total investment ≥ 100,000,000 yuan signed in the year, by asOf. */
  signedAtLeast100M: z.object({ count: z.number().int(), projectIds: z.array(z.number().int()) }),
  batches: z.array(periodRatesSchema),
  byLevel: z.array(investmentGroupSchema.extend({ level: projectLevelSchema })),
  /** By lead unit (null: no lead unit). */
  byUnit: z.array(investmentGroupSchema.extend({ unitId: z.number().int().nullable(), unitName: z.string().nullable() })),
  byLeader: z.array(investmentGroupSchema.extend({ leaderId: z.number().int().nullable(), leaderName: z.string().nullable() })),
  /** By the region the project lies in. */
  byRegion: z.array(investmentGroupSchema.extend({ regionCode, regionName: z.string().nullable() })),
  /** Current stage of each project (the stage funnel). */
  byStage: z.array(z.object({ stage: stageSchema, projects: z.number().int() })),
});
export type DashboardSummary = z.infer<typeof dashboardSummarySchema>;
