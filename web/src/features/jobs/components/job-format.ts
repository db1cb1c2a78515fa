/** How the job list words a job: its schedule, a run's duration and size figures, and what a run reports. */
import type { JobName, JobRun } from '@kpc/contracts';

type T = (key: string, opts?: Record<string, unknown>) => string;

/** "Daily at 02:30" for the daily patterns the jobs use; the cron pattern itself otherwise. */
export function scheduleText(pattern: string, t: T): string {
  const daily = /^(\d{1,2}) (\d{1,2}) \* \* \*$/.exec(pattern.trim());
  if (daily) return t('jobs.schedule.daily', { time: `${daily[2]!.padStart(2, '0')}:${daily[1]!.padStart(2, '0')}` });
  return t('jobs.schedule.cron', { pattern });
}

export function durationText(run: Pick<JobRun, 'startedAt' | 'finishedAt'>, t: T): string | null {
  if (!run.finishedAt) return null;
  const ms = Math.max(0, Date.parse(run.finishedAt) - Date.parse(run.startedAt));
  if (ms < 60_000) return t('jobs.duration.seconds', { n: (ms / 1000).toFixed(1) });
  return t('jobs.duration.minutes', { m: Math.floor(ms / 60_000), s: Math.round((ms % 60_000) / 1000) });
}

export function bytesText(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v < 10 ? 2 : 1)} ${units[u]}`;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** One line saying what a run did, in the words of its job (a job this web does not know: its figures as they come). */
export function resultText(name: JobName | string, result: Record<string, unknown> | null, t: T): string | null {
  if (!result) return null;
  switch (name) {
    case 'nightly-backup':
      return [
        str(result.file),
        bytesText(num(result.bytes)),
        t('jobs.result.backupFiles', { count: num(result.files) }),
        ...(num(result.removed) > 0 ? [t('jobs.result.backupRemoved', { count: num(result.removed) })] : []),
      ]
        .filter(Boolean)
        .join(' · ');
    case 'cleanup':
      return t('jobs.result.cleanup', {
        orphanFiles: num(result.orphanFiles),
        tempFiles: num(result.tempFiles),
        sessions: num(result.sessions),
        idempotencyKeys: num(result.idempotencyKeys),
      });
    case 'audit-retention': {
      const before = str(result.olderThan).slice(0, 10);
      return num(result.archived) > 0
        ? t('jobs.result.auditArchived', {
            count: num(result.archived),
            files: Array.isArray(result.files) ? result.files.length : 0,
            before,
          })
        : t('jobs.result.auditNothing', { before });
    }
    case 'weekly-dispatch':
    case 'monthly-supervision':
      return t('jobs.result.reportsDrafted', {
        period: str(result.week) || str(result.month),
        created: num(result.created),
        redrafted: num(result.redrafted),
        published: num(result.published_already),
      });
    case 'daily-monitoring':
      return t('jobs.result.dailyMonitoring', {
        day: str(result.day),
        projects: num(result.projects),
        changed: num(result.changed),
        red: num(result.red),
        yellow: num(result.yellow),
        green: num(result.green),
      });
    default:
      return Object.entries(result)
        .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
        .join(' · ');
  }
}

/** A run started by 立即运行 carries "#manual-…" in its period. */
export const isManual = (run: Pick<JobRun, 'period'>): boolean => run.period.includes('#manual');
