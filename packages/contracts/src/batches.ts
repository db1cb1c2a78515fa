/** "Three batches" 三个一批: periods, their signing / starting / commissioning lists, and the rates. */
import { z } from 'zod';
import { dateText, enumText, id, idParam, isoDate, regionCode, requiredText, version } from './common.js';

type Labels<T extends string> = Record<T, { 'zh-CN': string; en: string }>;

export const batchLists = ['signing', 'starting', 'commissioning'] as const;
export type BatchList = (typeof batchLists)[number];
export const batchListLabels: Labels<BatchList> = {
  signing: { 'zh-CN': '签约一批', en: 'Signing batch' },
  starting: { 'zh-CN': '开工一批', en: 'Starting batch' },
  commissioning: { 'zh-CN': '投产一批', en: 'Commissioning batch' },
};
export const batchListSchema = z
  .enum(batchLists)
  .describe(enumText('List of a "three batches" period (三个一批)', batchListLabels));

const rateOut = (what: string) =>
  z.number().nullable().describe(`${what} as a fraction 0–1 (not percent); null when its list is empty`);

export const periodSchema = z.object({
  id,
  regionCode: regionCode.describe('Region the period belongs to'),
  seq: z.number().int().describe('Number of the period in its region (期次)'),
  name: z.string(),
  startDate: z.string().describe(`First day of the period: ${dateText}`),
  endDate: z.string().describe(`Last day of the period: ${dateText}`),
  version,
  counts: z
    .object({ signing: z.number().int(), starting: z.number().int(), commissioning: z.number().int() })
    .describe('Number of projects on each list (签约 / 开工 / 投产一批)'),
});
export type Period = z.infer<typeof periodSchema>;

export const periodDetailSchema = periodSchema.extend({
  lists: z
    .object({
      signing: z.array(z.number().int()),
      starting: z.array(z.number().int()),
      commissioning: z.array(z.number().int()),
    })
    .describe('Project ids on each list (签约 / 开工 / 投产一批)'),
});
export type PeriodDetail = z.infer<typeof periodDetailSchema>;

export const listPeriodsQuery = z.strictObject({
  regionCode: regionCode.optional().describe("Periods of this region; defaults to the actor's region"),
});

export const createPeriodBody = z.strictObject({
  /** Defaults to the actor's region. */
  regionCode: regionCode.optional().describe("Region of the period; defaults to the actor's region"),
  /** Defaults to the next number in the region. */
  seq: z.number().int().min(1).max(10_000).optional().describe('Number of the period (期次); defaults to the next in the region'),
  name: requiredText(50).describe('Name, e.g. 2026年第一批'),
  startDate: isoDate.describe('First day of the period (开始日期), YYYY-MM-DD Asia/Shanghai'),
  endDate: isoDate.describe('Last day of the period (结束日期), YYYY-MM-DD Asia/Shanghai; not before startDate'),
});
export type CreatePeriodBody = z.infer<typeof createPeriodBody>;

export const updatePeriodBody = z.strictObject({
  version,
  name: requiredText(50).optional(),
  startDate: isoDate.optional(),
  endDate: isoDate.optional(),
});
export type UpdatePeriodBody = z.infer<typeof updatePeriodBody>;

export const deletePeriodQuery = z.strictObject({
  version: z.coerce
    .number()
    .int()
    .min(1)
    .max(2_147_483_647)
    .describe('The version you read (版本号); a stale one is refused with 409'),
});

export const periodListParams = z.strictObject({ id: idParam, list: batchListSchema });

/** Replaces one list of a period; the period's version guards against lost updates. */
export const putPeriodListBody = z.strictObject({
  version: version.describe("The period's version you read (版本号); a stale one is refused with 409"),
  projectIds: z.array(id).max(2000).describe('Every project of the list; replaces it'),
});
export type PutPeriodListBody = z.infer<typeof putPeriodListBody>;

/** One rate with what it was computed from, so a screen can drill down to the projects. */
export const cohortRateSchema = z.object({
  /** numerator / denominator, 0–1; null for an empty list. */
  rate: rateOut('numerator / denominator'),
  numerator: z.number().int().describe('Projects on the list that met the stage by asOf'),
  denominator: z.number().int().describe('Projects on the list'),
  /** Projects on the list. */
  listProjectIds: z.array(z.number().int()),
  /** Projects counted in the numerator. */
  metProjectIds: z.array(z.number().int()),
});
export type CohortRate = z.infer<typeof cohortRateSchema>;

export const periodRatesSchema = z.object({
  period: z.object({
    id,
    seq: z.number().int().describe('Number of the period in its region (期次)'),
    name: z.string(),
    startDate: z.string().describe(`First day of the period: ${dateText}`),
    endDate: z.string().describe(`Last day of the period: ${dateText}`),
    regionCode,
  }),
  fulfilmentRate: rateOut('Fulfilment rate (履约率): signing-list projects started or beyond'),
  commissioningRate: rateOut('Commissioning rate (投产率): starting-list projects producing or at target'),
  targetAttainmentRate: rateOut('Target-attainment rate (达效率): commissioning-list projects at target'),
  fulfilment: cohortRateSchema,
  commissioning: cohortRateSchema,
  targetAttainment: cohortRateSchema,
});
export type PeriodRates = z.infer<typeof periodRatesSchema>;

export const periodRatesQuery = z.strictObject({
  asOf: isoDate.optional().describe('Rates as of this date (截至日期), YYYY-MM-DD Asia/Shanghai; defaults to today'),
  regionCode: regionCode.optional().describe("Periods of this region; defaults to the actor's region"),
});
export const periodRatesTrendSchema = z.object({
  asOf: z.string().describe(`The rates as of: ${dateText}`),
  periods: z.array(periodRatesSchema),
});
