/** Scheduled jobs and their runs, as the admin's job list shows them (GET /jobs). */
import { z } from 'zod';

export const jobNames = [
  'nightly-backup',
  'cleanup',
  'audit-retention',
  'daily-digest',
  'weekly-dispatch',
  'monthly-supervision',
  'daily-monitoring',
  'weekly-update-reminder',
] as const;
export type JobName = (typeof jobNames)[number];

export const jobLabels: Record<JobName, { 'zh-CN': string; en: string }> = {
  'nightly-backup': { 'zh-CN': '每日备份', en: 'Nightly backup' },
  cleanup: { 'zh-CN': '清理（孤立文件、过期会话）', en: 'Clean-up (orphan files, expired sessions)' },
  'audit-retention': { 'zh-CN': '审计日志归档', en: 'Audit log archiving' },
  'daily-digest': { 'zh-CN': '每日通知摘要', en: 'Daily notification digest' },
  'weekly-dispatch': { 'zh-CN': '周调度（起草本周调度报告）', en: 'Weekly dispatch (drafts the week’s report)' },
  'monthly-supervision': { 'zh-CN': '月督导（起草上月督导通报）', en: 'Monthly supervision (drafts last month’s bulletin)' },
  'daily-monitoring': { 'zh-CN': '日监测（三色评定）', en: 'Daily monitoring (colours)' },
  'weekly-update-reminder': {
    'zh-CN': '周报提醒（报送日提醒未报送的单位）',
    en: 'Weekly update reminder (on the due day, to units that have not sent it)',
  },
};

export const jobRun = z.object({
  id: z.number().int(),
  period: z.string().describe('The period the run covers: a Shanghai date for daily jobs; a manual run adds "#manual-…"'),
  status: z.enum(['running', 'succeeded', 'failed']),
  attempts: z.number().int().describe('How many times this period was tried (a failed period is tried again)'),
  startedAt: z.string().describe('ISO 8601 instant'),
  finishedAt: z.string().nullable(),
  result: z.record(z.string(), z.unknown()).nullable().describe('What the run reports: counts, file names'),
  error: z.string().nullable(),
});
export type JobRun = z.infer<typeof jobRun>;

export const jobView = z.object({
  name: z.enum(jobNames),
  label: z.string(),
  pattern: z.string().describe('cron pattern, Asia/Shanghai'),
  nextRunAt: z.string().nullable(),
  runs: z.array(jobRun).describe('The latest runs, newest first'),
});
export type JobView = z.infer<typeof jobView>;

export const jobList = z.object({ items: z.array(jobView) });
export type JobList = z.infer<typeof jobList>;

export const runJobResult = z.object({
  outcome: z.enum(['succeeded', 'failed', 'done_already', 'busy']),
  run: jobRun.nullable(),
});
export type RunJobResult = z.infer<typeof runJobResult>;

export const jobRunsQuery = z.strictObject({
  job: z.enum(jobNames).optional().describe('Only this job'),
  limit: z.coerce.number().int().min(1).max(500).default(100).describe('How many runs, newest first'),
});
export type JobRunsQuery = z.infer<typeof jobRunsQuery>;

export const jobRunsList = z.object({
  items: z.array(jobRun.extend({ job: z.enum(jobNames) })).describe('Runs of every job, newest first'),
});
export type JobRunsList = z.infer<typeof jobRunsList>;
