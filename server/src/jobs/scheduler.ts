/**
 * In-process scheduled jobs (croner, Asia/Shanghai) over the jobs of `jobs/index.ts`. A run holds the
 * job's PostgreSQL advisory lock and claims its (job, period) row in `job_runs`, so however many app
 * instances share the database, each period of a job runs once; a failed period is tried again at
 * the next tick. Each run acts as the job's system actor.
 */
import { createHash } from 'node:crypto';
import { Cron } from 'croner';
import type { FastifyInstance } from 'fastify';
import { systemContext } from '../lib/request-context.js';
import { jobs } from './index.js';
import type { Job } from './job.js';
import { claimRun, finishRun } from './job-runs.repository.js';

/** A stable 32-bit advisory-lock key from the job's name. */
const lockKey = (name: string) => createHash('sha256').update(`kpc-job:${name}`).digest().readInt32BE(0);

export type RunOutcome = 'succeeded' | 'failed' | 'done_already' | 'busy';

/**
 * Runs `job` for the period `now` falls in (or for `period` when given: a manual run), unless another
 * instance is running it right now or that period already succeeded.
 */
export async function runJob(app: FastifyInstance, job: Job, opts: { period?: string } = {}): Promise<RunOutcome> {
  const client = await app.database.pool.connect();
  try {
    const key = lockKey(job.name);
    const { rows } = await client.query('select pg_try_advisory_lock($1) as ok', [key]);
    if (!rows[0]?.ok) return 'busy';
    try {
      const now = app.clock.now();
      const id = await claimRun(app.db, job.name, opts.period ?? job.period(now), now);
      if (id === null) return 'done_already';
      try {
        const result = await job.run(systemContext(app.db, app.clock, job.name), app);
        await finishRun(app.db, id, app.clock.now(), { status: 'succeeded', result: result ?? null });
        return 'succeeded';
      } catch (err) {
        app.log.error({ err, job: job.name }, 'scheduled job failed');
        await finishRun(app.db, id, app.clock.now(), { status: 'failed', error: String((err as Error)?.message ?? err) });
        return 'failed';
      }
    } finally {
      await client.query('select pg_advisory_unlock($1)', [key]);
    }
  } finally {
    client.release();
  }
}

export function startScheduler(app: FastifyInstance): { stop: () => void } {
  const crons = jobs.map(
    (job) =>
      new Cron(job.pattern, { timezone: 'Asia/Shanghai', protect: true }, async () => {
        try {
          await runJob(app, job);
        } catch (err) {
          app.log.error({ err, job: job.name }, 'scheduled job could not start');
        }
      }),
  );
  return { stop: () => crons.forEach((c) => c.stop()) };
}
