/** Every scheduled job, one line each (the job's own file says what it does and when). */
import { auditRetention } from './audit-retention.js';
import { cleanup } from './cleanup.js';
import { dailyMonitoring } from './daily-monitoring.js';
import type { Job } from './job.js';
import { nightlyBackup } from './nightly-backup.js';

export const jobs: Job[] = [nightlyBackup, cleanup, auditRetention, dailyMonitoring];
