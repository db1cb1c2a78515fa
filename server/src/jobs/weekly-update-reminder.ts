/**
 * Weekly update reminder 周报提醒 (09:00 Shanghai daily; period the date): on the weekday the update is
 * due (setting `weeklyUpdateDueWeekday` of the project's region, Friday by default), the lead unit's
 * accounts (its liaison) of each project that has not sent the week's update get one notification —
 * dedupe key per project and week, so a rerun tells nobody twice. Nothing about app activity: it asks
 * only for the week's update, and colours never read whether it came on time.
 */
import { isoWeekOf, shanghaiDate } from '@kpc/domain';
import { notify, usersOfUnits } from '../commands/notify.js';
import { loadSettings } from '../modules/settings/settings.service.js';
import { projectsWithoutUpdate } from '../modules/weekly-updates/weekly-updates.repository.js';
import type { Job } from './job.js';

/** 1 Monday … 7 Sunday of a calendar date. */
const isoWeekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay() || 7;

export async function remindWeeklyUpdates(db: Parameters<Job['run']>[0]['db'], now: Date) {
  const date = shanghaiDate(now);
  const week = isoWeekOf(now);
  const dueDay = new Map<string, number>();
  let projects = 0;
  let people = 0;
  await db.transaction(async (tx) => {
    for (const p of await projectsWithoutUpdate(tx, week)) {
      if (!dueDay.has(p.regionCode)) dueDay.set(p.regionCode, (await loadSettings(tx, p.regionCode)).weeklyUpdateDueWeekday);
      if (dueDay.get(p.regionCode) !== isoWeekday(date)) continue;
      const userIds = await usersOfUnits(tx, [p.leadUnitId!]);
      if (!userIds.length) continue;
      const { inbox } = await notify(
        tx,
        { now },
        {
          userIds,
          kind: 'deadline',
          title: { 'zh-CN': `今日请报送本周周报：${p.name}`, en: `This week's update is due today: ${p.name}` },
          body: {
            'zh-CN': `${week} 的周报尚未报送。打开即已预填，只需勾选或填写有变化的内容；无变化可一键报“本周无变化”。`,
            en: `The update for ${week} has not been sent. It opens pre-filled: tick or type only what changed, or send "no change this week" in one tap.`,
          },
          link: `/weekly-updates/${p.id}?week=${week}`,
          entity: { type: 'project', id: p.id },
          dedupeKey: `weekly-update:${p.id}:${week}`,
        },
      );
      projects++;
      people += inbox;
    }
  });
  return { week, projects, people };
}

export const weeklyUpdateReminder: Job = {
  name: 'weekly-update-reminder',
  pattern: '0 9 * * *',
  period: shanghaiDate,
  run: async (ctx) => ({ ...(await remindWeeklyUpdates(ctx.db, ctx.now)) }),
};
