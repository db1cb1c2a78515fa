/**
 * In-process scheduled jobs (croner) over the jobs of `jobs/index.ts`. Each run takes a PostgreSQL
 * advisory lock keyed by the job's name, so with several app instances on one database a job runs
 * once at a time; jobs are idempotent besides. Each run acts as the job's system actor.
 */
import { createHash } from 'node:crypto';
import { Cron } from 'croner';
import type { FastifyInstance } from 'fastify';
import { systemContext } from '../lib/request-context.js';
import { jobs } from './index.js';
import type { Job } from './job.js';

/** A stable 32-bit advisory-lock key from the job's name. */
const lockKey = (name: string) => createHash('sha256').update(`kpc-job:${name}`).digest().readInt32BE(0);

/** Runs the job if no other instance holds its lock right now. Returns whether it ran. */
export async function runExclusive(app: FastifyInstance, job: Job): Promise<boolean> {
  const client = await app.database.pool.connect();
  try {
    const key = lockKey(job.name);
    const { rows } = await client.query('select pg_try_advisory_lock($1) as ok', [key]);
    if (!rows[0]?.ok) return false;
    try {
      await job.run(systemContext(app.db, app.clock, job.name), app);
    } finally {
      await client.query('select pg_advisory_unlock($1)', [key]);
    }
    return true;
  } finally {
    client.release();
  }
}

export function startScheduler(app: FastifyInstance): { stop: () => void } {
  const crons = jobs.map(
    (job) =>
      new Cron(job.pattern, { timezone: 'Asia/Shanghai', protect: true }, async () => {
        try {
          await runExclusive(app, job);
        } catch (err) {
          app.log.error({ err, job: job.name }, 'scheduled job failed');
        }
      }),
  );
  return { stop: () => crons.forEach((c) => c.stop()) };
}
