/** The dashboard summary: the article's headline figures computed from records at request time. */
import { z } from 'zod';
import { dateText, isoDate, regionCode } from './common.js';
import { problemCategorySchema, problemStatusSchema, projectLevelSchema, ragRuleSchema, stageSchema } from './enums.js';
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

/** A count with the ids of the records behind it, so the figure clicks through to them. */
const countedIds = (what: string) =>
  z.object({
    count: z.number().int().describe(`Number of ${what}`),
    ids: z.array(z.number().int()).describe(`Ids of the ${what}, ascending`),
  });

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
  meetingsHeld: countedIds('meetings held').describe(
    'Meetings held in the year by asOf (召开会议次数): weekly and on-site office meetings with status held whose start (Asia/Shanghai) falls in [1 January, asOf]; in the region for region-wide readers, else those with an agenda item or a site on a project in scope',
  ),
  problemsSolved: countedIds('problems solved').describe(
    'Problems solved in the year by asOf (解决问题个数): status resolved or verified with resolvedOn in [1 January, asOf], on projects in scope',
  ),
  problemsByCategory: z
    .array(
      z.object({
        category: problemCategorySchema,
        solved: z.number().int().describe('Solved in the year by asOf (counted in problemsSolved)'),
        unsolved: z.number().int().describe('Not solved yet: open, in progress or escalated'),
      }),
    )
    .describe('Problems on projects in scope by category (问题类别), every category listed'),
  problemsByStatus: z
    .array(z.object({ status: problemStatusSchema, count: z.number().int().describe('Problems now in this status') }))
    .describe('Problems on projects in scope by their current status (问题状态), every status listed'),
  weeklyComplianceRate: z
    .object({
      week: z.string().describe('The ISO week of asOf, YYYY-Www (Asia/Shanghai)'),
      metCount: z.number().int().describe('People who met the quota by the end of asOf'),
      total: z.number().int().describe('Contracting leaders and task-force heads the quota applies to'),
      rate: z.number().nullable().describe('metCount / total as a fraction (1 = 100 %); null with nobody listed'),
    })
    .nullable()
    .describe(
      "This week's weekly-quota compliance (本周督查达标率), counting checks and on-site solutions up to the end of asOf; null for units and enterprises, who do not read the compliance table",
    ),
  problemsOverdue: z.number().int().describe('Problems not solved yet whose deadline is before asOf (超期未解决)'),
  colours: z
    .object({
      green: z.number().int(),
      yellow: z.number().int(),
      red: z.number().int(),
      ids: z.object({ green: z.array(z.number().int()), yellow: z.array(z.number().int()), red: z.array(z.number().int()) }),
    })
    .describe(
      'The projects in scope by supervision colour on asOf (三色分布), as GET /supervision/colours shows them: from the daily monitoring job’s spells when asOf’s run is done, else rated from the records; overrides applied',
    ),
  colourTrend: z
    .array(
      z.object({
        week: z.string().describe('ISO week YYYY-Www'),
        day: z.string().describe(`The day counted: the week’s Sunday, or asOf in asOf’s week (${dateText})`),
        green: z.number().int(),
        yellow: z.number().int(),
        red: z.number().int(),
      }),
    )
    .describe(
      'The 12 ISO weeks to asOf’s: the projects in scope by rated colour on each week’s last day, from the colour spells (overrides not applied); a project not rated yet then counts nowhere',
    ),
  redList: z
    .array(
      z.object({
        projectId: z.number().int(),
        code: z.string(),
        name: z.string(),
        since: z.string().nullable().describe(`Red since (${dateText}); null before the daily job rated it`),
        rule: ragRuleSchema.nullable().describe('The worst reason’s rule; null for a red set by an override'),
      }),
    )
    .describe('The projects shown red on asOf, longest red first'),
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
