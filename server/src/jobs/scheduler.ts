/**
 * In-process scheduled jobs (croner). Each run takes a PostgreSQL advisory lock so that, with
 * several app instances on one database, each job runs once; jobs are idempotent besides.
 */
import { Cron } from 'croner';
import type { FastifyInstance } from 'fastify';

export interface Job {
  name: string;
  /** cron pattern, Asia/Shanghai */
  pattern: string;
  /** A stable number for pg_try_advisory_lock. */
  lockKey: number;
  run: (app: FastifyInstance) => Promise<void>;
}

export const jobs: Job[] = [];

/** Runs the job if no other instance holds its lock right now. Returns whether it ran. */
export async function runExclusive(app: FastifyInstance, job: Job): Promise<boolean> {
  const db = app.database;
  if (db.pool) {
    const client = await db.pool.connect();
    try {
      const { rows } = await client.query('select pg_try_advisory_lock($1) as ok', [job.lockKey]);
      if (!rows[0]?.ok) return false;
      try {
        await job.run(app);
      } finally {
        await client.query('select pg_advisory_unlock($1)', [job.lockKey]);
      }
      return true;
    } finally {
      client.release();
    }
  }
  // PGlite is single-process: the data-directory lock already makes this instance the only one.
  await job.run(app);
  return true;
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
