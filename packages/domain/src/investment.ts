/**
 * Investment rules: the monthly report's states, which months may be reported, exact money sums
 * and completion rates. Money is integer yuan; sums go through BigInt so they are exact.
 */
import type { ReportStatus } from '@kpc/contracts';

export type ReportAction = 'edit' | 'submit' | 'approve' | 'return' | 'delete';

/**
 * draft → submitted → approved | returned; returned → submitted (after an edit);
 * approved is final (a correction is a new report that supersedes it once approved).
 */
const allowedFrom: Record<ReportAction, readonly ReportStatus[]> = {
  edit: ['draft', 'returned'],
  submit: ['draft', 'returned'],
  approve: ['submitted'],
  return: ['submitted'],
  delete: ['draft', 'returned'],
};

export const reportActionAllowed = (status: ReportStatus, action: ReportAction): boolean => allowedFrom[action].includes(status);

export const statusAfter: Record<Exclude<ReportAction, 'edit' | 'delete'>, ReportStatus> = {
  submit: 'submitted',
  approve: 'approved',
  return: 'returned',
};

/** A month may be reported once it has begun: not after asOf's month. */
export function monthReportable(year: number, month: number, asOf: string): boolean {
  const y = Number(asOf.slice(0, 4));
  const m = Number(asOf.slice(5, 7));
  return year < y || (year === y && month <= m);
}

/** The last month whose completed investment counts for `year` as of `asOf` (0 for a future year). */
export function throughMonth(year: number, asOf: string): number {
  const y = Number(asOf.slice(0, 4));
  if (year < y) return 12;
  if (year > y) return 0;
  return Number(asOf.slice(5, 7));
}

/** Exact sum of integer-yuan amounts; throws if the result leaves the safe-integer range. */
export function sumYuan(amounts: Iterable<number>): number {
  let total = 0n;
  for (const a of amounts) {
    if (!Number.isSafeInteger(a)) throw new RangeError(`not an integer yuan amount: ${a}`);
    total += BigInt(a);
  }
  if (total > BigInt(Number.MAX_SAFE_INTEGER) || total < BigInt(Number.MIN_SAFE_INTEGER))
    throw new RangeError('sum exceeds the safe-integer range');
  return Number(total);
}

/** completed / planned as a fraction; null when there is no (positive) plan. */
export function completionRate(completed: number, planned: number | null | undefined): number | null {
  if (!planned || planned <= 0) return null;
  return completed / planned;
}

export interface MonthFigure {
  month: number;
  amount: number;
  cumulative: number;
}

/** Months 1–12 with the approved amount of each and the running total. */
export function monthlySeries(approved: readonly { month: number; amount: number }[]): MonthFigure[] {
  const byMonth = new Map<number, number>();
  for (const r of approved) byMonth.set(r.month, sumYuan([byMonth.get(r.month) ?? 0, r.amount]));
  let cumulative = 0;
  return Array.from({ length: 12 }, (_, i) => {
    const amount = byMonth.get(i + 1) ?? 0;
    cumulative = sumYuan([cumulative, amount]);
    return { month: i + 1, amount, cumulative };
  });
}

/** Yuan → 万元 for display and Excel (two decimals are exact: 1 万元 = 10,000 yuan). */
export const toWan = (yuan: number): number => Math.round(yuan / 100) / 100;
