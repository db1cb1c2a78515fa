/** "Three batches" 三个一批: periods, their signing / starting / commissioning lists, and the rates. */
import { z } from 'zod';
import { id, idParam, isoDate, regionCode, requiredText, version } from './common.js';

type Labels<T extends string> = Record<T, { 'zh-CN': string; en: string }>;

export const batchLists = ['signing', 'starting', 'commissioning'] as const;
export type BatchList = (typeof batchLists)[number];
export const batchListSchema = z.enum(batchLists);
export const batchListLabels: Labels<BatchList> = {
  signing: { 'zh-CN': '签约一批', en: 'Signing batch' },
  starting: { 'zh-CN': '开工一批', en: 'Starting batch' },
  commissioning: { 'zh-CN': '投产一批', en: 'Commissioning batch' },
};

export const periodSchema = z.object({
  id,
  regionCode,
  seq: z.number().int(),
  name: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  version,
  counts: z.object({ signing: z.number().int(), starting: z.number().int(), commissioning: z.number().int() }),
});
export type Period = z.infer<typeof periodSchema>;

export const periodDetailSchema = periodSchema.extend({
  lists: z.object({
    signing: z.array(z.number().int()),
    starting: z.array(z.number().int()),
    commissioning: z.array(z.number().int()),
  }),
});
export type PeriodDetail = z.infer<typeof periodDetailSchema>;

export const listPeriodsQuery = z.strictObject({ regionCode: regionCode.optional() });

export const createPeriodBody = z.strictObject({
  /** Defaults to the actor's region. */
  regionCode: regionCode.optional(),
  /** Defaults to the next number in the region. */
  seq: z.number().int().min(1).max(10_000).optional(),
  name: requiredText(50),
  startDate: isoDate,
  endDate: isoDate,
});
export type CreatePeriodBody = z.infer<typeof createPeriodBody>;

export const updatePeriodBody = z.strictObject({
  version,
  name: requiredText(50).optional(),
  startDate: isoDate.optional(),
  endDate: isoDate.optional(),
});
export type UpdatePeriodBody = z.infer<typeof updatePeriodBody>;

export const deletePeriodQuery = z.strictObject({ version: z.coerce.number().int().min(1).max(2_147_483_647) });

export const periodListParams = z.strictObject({ id: idParam, list: batchListSchema });

/** Replaces one list of a period; the period's version guards against lost updates. */
export const putPeriodListBody = z.strictObject({ version, projectIds: z.array(id).max(2000) });
export type PutPeriodListBody = z.infer<typeof putPeriodListBody>;

/** One rate with what it was computed from, so a screen can drill down to the projects. */
export const cohortRateSchema = z.object({
  /** numerator / denominator, 0–1; null for an empty list. */
  rate: z.number().nullable(),
  numerator: z.number().int(),
  denominator: z.number().int(),
  /** Projects on the list. */
  listProjectIds: z.array(z.number().int()),
  /** Projects counted in the numerator. */
  metProjectIds: z.array(z.number().int()),
});
export type CohortRate = z.infer<typeof cohortRateSchema>;

export const periodRatesSchema = z.object({
  period: z.object({ id, seq: z.number().int(), name: z.string(), startDate: z.string(), endDate: z.string(), regionCode }),
  fulfilmentRate: z.number().nullable(),
  commissioningRate: z.number().nullable(),
  targetAttainmentRate: z.number().nullable(),
  fulfilment: cohortRateSchema,
  commissioning: cohortRateSchema,
  targetAttainment: cohortRateSchema,
});
export type PeriodRates = z.infer<typeof periodRatesSchema>;

export const periodRatesQuery = z.strictObject({ asOf: isoDate.optional(), regionCode: regionCode.optional() });
export const periodRatesTrendSchema = z.object({ asOf: z.string(), periods: z.array(periodRatesSchema) });
