/** Every scheduled job, one line each (the job's own file says what it does and when). */
import { auditRetention } from './audit-retention.js';
import { cleanup } from './cleanup.js';
import { dailyDigest } from './daily-digest.js';
import { dailyMonitoring } from './daily-monitoring.js';
import type { Job } from './job.js';
import { monthlySupervision } from './monthly-supervision.js';
import { nightlyBackup } from './nightly-backup.js';
import { weeklyDispatch } from './weekly-dispatch.js';
import { weeklyUpdateReminder } from './weekly-update-reminder.js';

export const jobs: Job[] = [
  nightlyBackup,
  cleanup,
  auditRetention,
  dailyMonitoring,
  dailyDigest,
  weeklyDispatch,
  monthlySupervision,
  weeklyUpdateReminder,
];
