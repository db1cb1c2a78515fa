/**
 * The burden measured 填报负担 (issue 12, ADR 0012): what one submission counts for, and the weeks of a
 * span. Pure; the server records and sums. These figures describe the product's cost to the people who
 * type into it — they never feed colours, rankings or evaluations.
 */
import { addWeeks, isoWeekOfDate, type IsoWeek } from './compliance.js';

export const BURDEN_SECONDS_CAP = 3600;

/** What a client-measured submission counts for: whole fields ≥ 0, whole seconds in 0–3600. */
export function clampBurden(b: { fieldsTyped: number; seconds: number }): { fieldsTyped: number; seconds: number } {
  const fieldsTyped = Number.isFinite(b.fieldsTyped) ? Math.max(0, Math.trunc(b.fieldsTyped)) : 0;
  const seconds = Number.isFinite(b.seconds) ? Math.min(BURDEN_SECONDS_CAP, Math.max(0, Math.round(b.seconds))) : 0;
  return { fieldsTyped, seconds };
}

/** Every ISO week from the week of `from` to the week of `to` (calendar dates), oldest first. */
export function burdenWeeks(from: string, to: string): IsoWeek[] {
  const last = isoWeekOfDate(to);
  const weeks: IsoWeek[] = [];
  for (let w = isoWeekOfDate(from); weeks.length < 60; w = addWeeks(w, 1)) {
    weeks.push(w);
    if (w === last) break;
  }
  return weeks;
}

/** Fields and minutes per project per week (the target's unit); null with no project-week. */
export function perProjectWeek(f: { fieldsTyped: number; seconds: number; projectWeeks: number }) {
  if (f.projectWeeks === 0) return null;
  return { fields: f.fieldsTyped / f.projectWeeks, minutes: f.seconds / 60 / f.projectWeeks };
}
