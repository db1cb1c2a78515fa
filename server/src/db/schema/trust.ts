/** Runs of scheduled jobs, idempotent-create keys and the head of the audit chain. */
import { bigint, bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** One row per (job, period): the unique key makes a job run once per period across instances. */
export const jobRuns = pgTable(
  'job_runs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    job: text('job').notNull(),
    period: text('period').notNull(),
    status: text('status', { enum: ['running', 'succeeded', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(1),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    result: jsonb('result'),
    error: text('error'),
  },
  (t) => [uniqueIndex('job_runs_job_period_uq').on(t.job, t.period), index('job_runs_started_idx').on(t.startedAt)],
);

/**
 * A create's response kept for 24 h under the caller's Idempotency-Key: the same key again replays
 * it, so a phone that lost the answer and retries makes no duplicate.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: integer('user_id').notNull(),
    key: text('key').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    bodyHash: text('body_hash').notNull(),
    statusCode: integer('status_code'),
    response: text('response'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index('idempotency_created_idx').on(t.createdAt)],
);

/**
 * The one row that ends the audit chain: the last row's id and HMAC, the number of rows since the
 * base, and the base (the last archived row) the live table starts from. Appending locks it, so
 * audit rows are chained in commit order; an emptied or cut table no longer matches it.
 */
export const auditChain = pgTable('audit_chain', {
  id: integer('id').primaryKey(),
  lastId: bigint('last_id', { mode: 'number' }).notNull().default(0),
  lastHash: text('last_hash').notNull(),
  rows: bigint('rows', { mode: 'number' }).notNull().default(0),
  baseId: bigint('base_id', { mode: 'number' }).notNull().default(0),
  baseHash: text('base_hash').notNull(),
  archivedRows: bigint('archived_rows', { mode: 'number' }).notNull().default(0),
});
