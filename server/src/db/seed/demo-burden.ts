/**
 * The demo's burden measured 填报负担 (issue 12): for the 8 weeks before this one, what each project's
 * lead-unit account typed into the entry screens — two ledger edits a week and the month's investment
 * report in the month's first week — falling over the weeks as pre-filled forms replace typing, so the
 * burden screen has a trend to show against its target. Deterministic (no randomness): the same day seeds
 * the same figures. The live week stays empty for what the demo's users submit.
 */
import { sql } from 'drizzle-orm';
import { addWeeks, isoWeekOf, weekBounds } from '@kpc/domain';
import type { Tx } from '../client.js';
import type { Clock } from '../../lib/clock.js';
import { burdenEntries } from '../schema/index.js';
import { inSubtree } from '../../lib/query.js';

export const DEMO_BURDEN_WEEKS = 8;

export async function seedBurden(tx: Tx, clock: Clock, regionCode: string): Promise<void> {
  const thisWeek = isoWeekOf(clock.now());
  // one account per unit: the unit's first (unit1 for its unit, the liaison for the others)
  const { rows } = (await tx.execute(
    sql`select p.id as "projectId", p.lead_unit_id as "unitId",
        (select min(u.id) from users u where u.unit_id = p.lead_unit_id and 'unit' = any(u.roles)) as "userId"
      from projects p
      where p.lead_unit_id is not null and ${inSubtree(sql.raw('p.region_code'), regionCode)}
      order by p.id`,
  )) as unknown as { rows: { projectId: number; unitId: number; userId: number | null }[] };
  const values: (typeof burdenEntries.$inferInsert)[] = [];
  for (let i = DEMO_BURDEN_WEEKS; i >= 1; i--) {
    const week = addWeeks(thisWeek, -i);
    const { monday, start } = weekBounds(week);
    // from about 1.6× to 0.7× the typical figure over the 8 weeks
    const factor = 0.6 + (i / DEMO_BURDEN_WEEKS) * 1.0;
    const firstOfMonth = Number(monday.slice(8, 10)) <= 7;
    for (const [n, p] of rows.entries()) {
      if (p.userId === null) continue;
      const at = (day: number, hour: number) => new Date(start.getTime() + (day * 24 + hour) * 3_600_000);
      const base = { projectId: Number(p.projectId), unitId: Number(p.unitId), userId: Number(p.userId), isoWeek: week };
      for (const k of [0, 1])
        values.push({
          ...base,
          screen: 'ledger_item',
          fieldsTyped: Math.max(1, Math.round((2 + ((n + k + i) % 3)) * factor)),
          seconds: Math.round((45 + ((n * 7 + k * 13 + i * 5) % 50)) * factor),
          at: at(1 + k * 2, 9 + (n % 6)),
        });
      if (firstOfMonth)
        values.push({
          ...base,
          screen: 'investment_report',
          fieldsTyped: Math.max(1, Math.round(3 * factor)),
          seconds: Math.round((70 + ((n * 11) % 60)) * factor),
          at: at(0, 10 + (n % 5)),
        });
    }
  }
  if (values.length) await tx.insert(burdenEntries).values(values);
}
