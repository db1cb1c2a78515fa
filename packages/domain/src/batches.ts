/**
 * "Three batches" rates of a period, from the projects' dated stage transitions as of a date:
 * - fulfilment rate 履约率: signing-list projects at 'started' or beyond;
 * - commissioning rate 投产率: starting-list projects at 'producing' or 'at_target';
 * - target-attainment rate 达效率: commissioning-list projects at 'at_target'.
 * A rate over an empty list is null, never NaN. Rates are computed from counts, never stored.
 */
import type { Stage } from '@kpc/contracts';
import { stageAsOf, stageIndex, type DatedTransition } from './lifecycle.js';

export interface CohortProject {
  projectId: number;
  /** The project's transitions in the order they were made. */
  transitions: readonly DatedTransition[];
  /** Its current stage: used only when it has no recorded transitions (entered directly at a stage). */
  currentStage?: Stage;
}

export interface CohortRate {
  rate: number | null;
  numerator: number;
  denominator: number;
  listProjectIds: number[];
  metProjectIds: number[];
}

/** The stage of a cohort member as of `asOf`. */
export function memberStageAsOf(p: CohortProject, asOf: string): Stage {
  if (p.transitions.length === 0) return p.currentStage ?? 'planned';
  return stageAsOf(p.transitions, asOf);
}

/** Share of the list at `atLeast` or beyond as of `asOf`. Duplicate ids count once. */
export function cohortRate(list: readonly CohortProject[], atLeast: Stage, asOf: string): CohortRate {
  const seen = new Set<number>();
  const listProjectIds: number[] = [];
  const metProjectIds: number[] = [];
  const threshold = stageIndex(atLeast);
  for (const p of list) {
    if (seen.has(p.projectId)) continue;
    seen.add(p.projectId);
    listProjectIds.push(p.projectId);
    if (stageIndex(memberStageAsOf(p, asOf)) >= threshold) metProjectIds.push(p.projectId);
  }
  const denominator = listProjectIds.length;
  const numerator = metProjectIds.length;
  return { rate: denominator === 0 ? null : numerator / denominator, numerator, denominator, listProjectIds, metProjectIds };
}

export interface PeriodLists {
  signing: readonly CohortProject[];
  starting: readonly CohortProject[];
  commissioning: readonly CohortProject[];
}

export interface BatchRates {
  fulfilmentRate: number | null;
  commissioningRate: number | null;
  targetAttainmentRate: number | null;
  fulfilment: CohortRate;
  commissioning: CohortRate;
  targetAttainment: CohortRate;
}

export const fulfilmentRate = (signing: readonly CohortProject[], asOf: string) => cohortRate(signing, 'started', asOf);
export const commissioningRate = (starting: readonly CohortProject[], asOf: string) => cohortRate(starting, 'producing', asOf);
export const targetAttainmentRate = (commissioning: readonly CohortProject[], asOf: string) =>
  cohortRate(commissioning, 'at_target', asOf);

/** The three rates of one period as of `asOf`. */
export function batchRates(lists: PeriodLists, asOf: string): BatchRates {
  const fulfilment = fulfilmentRate(lists.signing, asOf);
  const commissioning = commissioningRate(lists.starting, asOf);
  const targetAttainment = targetAttainmentRate(lists.commissioning, asOf);
  return {
    fulfilmentRate: fulfilment.rate,
    commissioningRate: commissioning.rate,
    targetAttainmentRate: targetAttainment.rate,
    fulfilment,
    commissioning,
    targetAttainment,
  };
}

/** Two periods overlap when their inclusive date ranges share a day. */
export const periodsOverlap = (a: { startDate: string; endDate: string }, b: { startDate: string; endDate: string }) =>
  a.startDate <= b.endDate && b.startDate <= a.endDate;
