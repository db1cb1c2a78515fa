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
      const period = opts.period ?? job.period(now);
      const id = await claimRun(app.db, job.name, period, now);
      if (id === null) return 'done_already';
      try {
        const result = await job.run(systemContext(app.db, app.clock, job.name), app, period);
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

/**
 * Runs the latest due period of each job that has one (`dueAt`) unless it succeeded already: what the
 * process missed while it was down, or a failed run. Also a fresh demo's first colours.
 */
export async function catchUp(app: FastifyInstance, list: readonly Job[] = jobs): Promise<Record<string, RunOutcome>> {
  const out: Record<string, RunOutcome> = {};
  for (const job of list) {
    if (!job.dueAt) continue;
    try {
      out[job.name] = await runJob(app, job, { period: job.dueAt(app.clock.now()) });
    } catch (err) {
      app.log.error({ err, job: job.name }, 'catch-up run could not start');
    }
  }
  return out;
}

/** Starts the crons, then catches up the due periods in the background. */
export function startScheduler(app: FastifyInstance): { stop: () => void; caughtUp: Promise<Record<string, RunOutcome>> } {
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
  const caughtUp = catchUp(app).then((r) => {
    app.log.info(r, 'start-up catch-up of due jobs');
    return r;
  });
  return { stop: () => crons.forEach((c) => c.stop()), caughtUp };
}
