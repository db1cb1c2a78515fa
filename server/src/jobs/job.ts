/**
 * A scheduled job: one file per job in `server/src/jobs/`, listed once in `jobs/index.ts`.
 * A run covers one period (a day, a week, a month). The scheduler takes a PostgreSQL advisory lock
 * per job so one instance runs it at a time; the run table with its unique (job, period) key, which
 * makes it once per period, is still to come (issue 8 item 9). Jobs act as a named system actor
 * (`systemContext`, audited as `system:<name>`), never as a user.
 */
import type { FastifyInstance } from 'fastify';
import type { RequestContext } from '../lib/request-context.js';

export interface Job {
  /** Stable name, also the system actor: `system:<name>`. */
  name: string;
  /** cron pattern, Asia/Shanghai. */
  pattern: string;
  /** The period a run at `now` covers, e.g. the Shanghai date '2026-12-02' for a daily job. */
  period: (now: Date) => string;
  /**
   * The latest period due at `now`, for a job whose missed period must be made up: at start the
   * scheduler runs it when it has no succeeded run (a server down at 06:00 still rates the day).
   */
  dueAt?: (now: Date) => string;
  /** Does the work for `period`; what it returns is kept with the run (counts, file names) for the job list. */
  run: (ctx: RequestContext, app: FastifyInstance, period: string) => Promise<Record<string, unknown> | void>;
}
