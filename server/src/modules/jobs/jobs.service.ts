/** The job list (the admin whose region covers every account): every scheduled job, its next run and latest runs; run one now. */
import { Cron } from 'croner';
import type { FastifyInstance } from 'fastify';
import {
  jobLabels,
  type JobList,
  type JobName,
  type JobRun,
  type JobRunsList,
  type JobRunsQuery,
  type RunJobResult,
} from '@kpc/contracts';
import { AppError } from '../../lib/errors.js';
import { requireRole } from '../../lib/policy.js';
import type { RequestContext } from '../../lib/request-context.js';
import { jobs } from '../../jobs/index.js';
import { latestRuns, recentRuns, type JobRunRow } from '../../jobs/job-runs.repository.js';
import { runJob } from '../../jobs/scheduler.js';
import { coversEveryAccount } from './jobs.repository.js';

const RUNS_SHOWN = 10;

async function requireJobAdmin(ctx: RequestContext): Promise<void> {
  requireRole(ctx.actor, 'admin');
  if (!(await coversEveryAccount(ctx.db, ctx.actor.regionCode))) throw new AppError('FORBIDDEN');
}

const present = (r: JobRunRow): JobRun => ({
  id: r.id,
  period: r.period,
  status: r.status,
  attempts: r.attempts,
  startedAt: r.startedAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
  result: (r.result as Record<string, unknown> | null) ?? null,
  error: r.error,
});

export async function listJobs(ctx: RequestContext): Promise<JobList> {
  await requireJobAdmin(ctx);
  const runs = await recentRuns(
    ctx.db,
    jobs.map((j) => j.name),
    RUNS_SHOWN,
  );
  return {
    items: jobs.map((j) => ({
      name: j.name as JobName,
      label: jobLabels[j.name as JobName][ctx.locale],
      pattern: j.pattern,
      nextRunAt: new Cron(j.pattern, { timezone: 'Asia/Shanghai', paused: true }).nextRun(ctx.now)?.toISOString() ?? null,
      runs: runs.filter((r) => r.job === j.name).map(present),
    })),
  };
}

/** Runs a job now, outside its schedule (its own period, so the scheduled run still happens). */
export async function runJobNow(ctx: RequestContext, app: FastifyInstance, name: string): Promise<RunJobResult> {
  await requireJobAdmin(ctx);
  const job = jobs.find((j) => j.name === name);
  if (!job) throw new AppError('NOT_FOUND');
  const period = `${job.period(ctx.now)}#manual-${ctx.now.toISOString()}`;
  const outcome = await runJob(app, job, { period });
  const [run] = (await recentRuns(ctx.db, [job.name], RUNS_SHOWN)).filter((r) => r.period === period);
  return { outcome, run: run ? present(run) : null };
}

/** The runs of every job (or one), newest first: the history of what ran when, with its counts or error. */
export async function listRuns(ctx: RequestContext, q: JobRunsQuery): Promise<JobRunsList> {
  await requireJobAdmin(ctx);
  const rows = await latestRuns(
    ctx.db,
    jobs.map((j) => j.name),
    q.limit,
    q.job,
  );
  return { items: rows.map((r) => ({ ...present(r), job: r.job as JobName })) };
}
