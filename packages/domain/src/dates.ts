/** Calendar dates in Asia/Shanghai, as 'YYYY-MM-DD' strings. */

const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date in Asia/Shanghai at the instant `at`. */
export function shanghaiDate(at: Date): string {
  return fmt.format(at);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The share (0–1) of the calendar year `year` (default: the year of `asOf`) that has gone by at the end of
 * the day `asOf` ('YYYY-MM-DD'): 2026-12-02 → 336 / 365 ≈ 0.92, 2026-12-31 → 1. A year already over is 1,
 * a year not yet begun 0. This is the dashboard's 时序进度, compared with the investment completion rate.
 */
export function yearElapsedShare(asOf: string, year: number = Number(asOf.slice(0, 4))): number {
  const asOfYear = Number(asOf.slice(0, 4));
  if (year < asOfYear) return 1;
  if (year > asOfYear) return 0;
  const start = `${year}-01-01`;
  const daysInYear = daysBetween(start, `${year + 1}-01-01`);
  return (daysBetween(start, asOf) + 1) / daysInYear;
}
