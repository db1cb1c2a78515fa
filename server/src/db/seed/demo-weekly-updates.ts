/**
 * The demo's weekly updates 周报 (issue 12 item 7): the last 8 weeks (not the current one, which is the
 * liaison's to send) for every project with a lead unit, sent by that unit's first account on the due
 * Friday — most with a progress note 形象进度, every third one "本周无变化" — so the burden screen has a
 * trend. They name no changed records: the demo's records were seeded as they stand, not through updates.
 */
import { asc, inArray, isNotNull } from 'drizzle-orm';
import { addDays, addWeeks, isoWeekOf, weekBounds } from '@kpc/domain';
import type { Tx } from '../client.js';
import type { Clock } from '../../lib/clock.js';
import { projects, users, weeklyUpdates } from '../schema/index.js';

export const DEMO_WEEKLY_UPDATE_WEEKS = 8;

const notes = ['主体结构施工中', '设备进场安装', '场地平整完成', '手续办理推进中', '管网配套施工', '厂房封顶'];

export async function seedWeeklyUpdates(tx: Tx, clock: Clock): Promise<void> {
  const now = clock.now();
  const current = isoWeekOf(now);
  const ps = await tx
    .select({ id: projects.id, leadUnitId: projects.leadUnitId })
    .from(projects)
    .where(isNotNull(projects.leadUnitId))
    .orderBy(asc(projects.id));
  if (!ps.length) return;
  const accounts = await tx
    .select({ id: users.id, unitId: users.unitId, displayName: users.displayName })
    .from(users)
    .where(inArray(users.unitId, [...new Set(ps.map((p) => p.leadUnitId!))]))
    .orderBy(asc(users.id));
  const sender = new Map<number, (typeof accounts)[number]>();
  for (const a of accounts) if (a.unitId !== null && !sender.has(a.unitId)) sender.set(a.unitId, a);
  const rows = [];
  for (let w = 1; w <= DEMO_WEEKLY_UPDATE_WEEKS; w++) {
    const week = addWeeks(current, -w);
    const friday = addDays(weekBounds(week).monday, 4);
    for (const [i, p] of ps.entries()) {
      const by = sender.get(p.leadUnitId!);
      if (!by) continue;
      const unchanged = (i + w) % 3 === 0;
      rows.push({
        projectId: p.id,
        week,
        note: unchanged ? null : `${notes[(i + w) % notes.length]}（第${w}周前）`,
        unchanged,
        changed: { ledgerItemIds: [], milestoneIds: [], investmentReportIds: [], problemIds: [] },
        sentBy: by.id,
        sentByName: by.displayName,
        // between 09:00 and 11:59 Shanghai on the Friday
        sentAt: new Date(
          `${friday}T${String(9 + ((i * 7 + w) % 3)).padStart(2, '0')}:${String((i * 13 + w * 7) % 60).padStart(2, '0')}:00+08:00`,
        ),
      });
    }
  }
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(weeklyUpdates).values(rows.slice(i, i + 1000));
}
