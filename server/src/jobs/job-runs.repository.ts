/** All SQL of `job_runs`: claiming a (job, period), recording how it ended, and the job list's history. */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { jobRuns } from '../db/schema/index.js';

export type JobRunRow = typeof jobRuns.$inferSelect;

/**
 * Claims the run of `job` for `period`. A period that succeeded stays done; one that failed, or was
 * left running by a dead process (the caller holds the job's advisory lock, so no live one runs it),
 * is claimed again. Returns the run's id, or null when there is nothing to do.
 */
export async function claimRun(db: Executor, job: string, period: string, at: Date): Promise<number | null> {
  const rows = await db
    .insert(jobRuns)
    .values({ job, period, status: 'running', startedAt: at })
    .onConflictDoUpdate({
      target: [jobRuns.job, jobRuns.period],
      set: { status: 'running', startedAt: at, finishedAt: null, error: null, attempts: sql`${jobRuns.attempts} + 1` },
      setWhere: sql`${jobRuns.status} <> 'succeeded'`,
    })
    .returning({ id: jobRuns.id });
  return rows[0]?.id ?? null;
}

export async function finishRun(
  db: Executor,
  id: number,
  at: Date,
  outcome: { status: 'succeeded'; result: Record<string, unknown> | null } | { status: 'failed'; error: string },
): Promise<void> {
  await db
    .update(jobRuns)
    .set({
      status: outcome.status,
      finishedAt: at,
      result: outcome.status === 'succeeded' ? outcome.result : null,
      error: outcome.status === 'failed' ? outcome.error : null,
    })
    .where(eq(jobRuns.id, id));
}

/** The latest `perJob` runs of each named job, newest first. */
export async function recentRuns(db: Executor, jobs: string[], perJob: number): Promise<JobRunRow[]> {
  if (jobs.length === 0) return [];
  const ranked = db
    .select({
      id: jobRuns.id,
      n: sql<number>`row_number() over (partition by ${jobRuns.job} order by ${jobRuns.startedAt} desc)`.as('n'),
    })
    .from(jobRuns)
    .where(inArray(jobRuns.job, jobs))
    .as('ranked');
  return db
    .select({ run: jobRuns })
    .from(jobRuns)
    .innerJoin(ranked, and(eq(ranked.id, jobRuns.id), sql`${ranked.n} <= ${perJob}`))
    .orderBy(desc(jobRuns.startedAt))
    .then((rows) => rows.map((r) => r.run));
}

/** The latest `limit` runs of the named jobs (or of `job` only), newest first. */
export async function latestRuns(db: Executor, jobs: string[], limit: number, job?: string): Promise<JobRunRow[]> {
  return db
    .select()
    .from(jobRuns)
    .where(job ? eq(jobRuns.job, job) : inArray(jobRuns.job, jobs))
    .orderBy(desc(jobRuns.startedAt), desc(jobRuns.id))
    .limit(limit);
}

/** Whether `job` has a succeeded run of `period` (a manual run of it, "<period>#manual-…", counts). */
export async function succeededFor(db: Executor, job: string, period: string): Promise<boolean> {
  const rows = await db
    .select({ id: jobRuns.id })
    .from(jobRuns)
    .where(
      and(
        eq(jobRuns.job, job),
        eq(jobRuns.status, 'succeeded'),
        sql`(${jobRuns.period} = ${period} or ${jobRuns.period} like ${`${period}#%`})`,
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** The first day a daily job ran for (scheduled runs, whatever their outcome), or null when it never ran. */
export async function firstDayRun(db: Executor, job: string): Promise<string | null> {
  const [r] = await db
    .select({ day: sql<string | null>`min(left(${jobRuns.period}, 10))` })
    .from(jobRuns)
    .where(eq(jobRuns.job, job));
  return r?.day ?? null;
}
