/**
 * Daily digest 每日摘要 (08:00 Shanghai, period = the date): each person with notifications of the last
 * 24 hours still unread gets one digest notification listing them. Once a day per person: the run table
 * claims the (job, date) once, and the digest's dedupe key `digest:<date>` holds even for a manual rerun.
 */
import { shanghaiDate } from '@kpc/domain';
import { notify } from '../commands/notify.js';
import { unreadSince, type NotificationRow } from '../modules/notifications/notifications.repository.js';
import type { Job } from './job.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const LISTED = 10;

function digestOf(rows: NotificationRow[], date: string) {
  const shown = rows.slice(0, LISTED);
  const more = rows.length - shown.length;
  const lines = (lang: 'zh' | 'en') =>
    [
      ...shown.map((r) => `· ${lang === 'zh' ? r.titleZh : r.titleEn}`),
      ...(more > 0 ? [lang === 'zh' ? `……另有 ${more} 条` : `… and ${more} more`] : []),
    ].join('\n');
  return {
    title: { 'zh-CN': `每日摘要：${rows.length} 条未读通知（${date}）`, en: `Daily digest: ${rows.length} unread (${date})` },
    body: { 'zh-CN': lines('zh'), en: lines('en') },
  };
}

export async function sendDailyDigest(
  db: Parameters<Job['run']>[0]['db'],
  now: Date,
): Promise<{ people: number; notifications: number }> {
  const date = shanghaiDate(now);
  const rows = await unreadSince(db, new Date(now.getTime() - DAY_MS), now);
  const byUser = new Map<number, NotificationRow[]>();
  for (const r of rows) byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), r]);
  let people = 0;
  await db.transaction(async (tx) => {
    for (const [userId, list] of byUser) {
      const d = digestOf(list, date);
      const { inbox } = await notify(
        tx,
        { now },
        { userIds: [userId], kind: 'digest', ...d, link: '/inbox', dedupeKey: `digest:${date}` },
      );
      people += inbox;
    }
  });
  return { people, notifications: rows.length };
}

export const dailyDigest: Job = {
  name: 'daily-digest',
  pattern: '0 8 * * *',
  period: shanghaiDate,
  run: async (ctx) => ({ ...(await sendDailyDigest(ctx.db, ctx.now)) }),
};
