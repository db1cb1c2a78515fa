/**
 * Demo only: a colour history so the dashboard's 12-week trend is not empty on a fresh demo. The demo's
 * records say how things stand now, not how they stood in past weeks, so this is BACK-FILLED FROM TODAY'S
 * RECORDS: the daily monitoring job rates each Monday of the 11 weeks before this one (and this week's
 * Monday when it is not today) as of that Monday — the slips and overdue items of the records as they are
 * now, measured against that day. The start-up catch-up then rates today (or yesterday before 06:00).
 */
import { addDays, isoWeekOfDate, shanghaiDate, weekBounds } from '@kpc/domain';
import type { Db } from '../client.js';
import type { Clock } from '../../lib/clock.js';
import { monitorDay } from '../../jobs/daily-monitoring.js';

export async function backfillDemoColours(db: Db, clock: Clock): Promise<string[]> {
  const today = shanghaiDate(clock.now());
  const monday = weekBounds(isoWeekOfDate(today)).monday;
  const days: string[] = [];
  for (let i = 11; i >= 0; i--) {
    const d = addDays(monday, -7 * i);
    if (d < today) days.push(d);
  }
  for (const d of days) await monitorDay(db, d);
  return days;
}
