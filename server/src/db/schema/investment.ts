/** Annual investment plans, monthly completed-investment reports, and the "three batches" periods. */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { regions, users } from './core.js';
import { projects } from './projects.js';

/** A project's planned investment for one year (integer yuan). */
export const annualPlans = pgTable(
  'annual_plans',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    year: smallint('year').notNull(),
    plannedAmount: bigint('planned_amount', { mode: 'number' }).notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('annual_plans_project_year_uq').on(t.projectId, t.year),
    // covers the dashboard's per-year plan sum (index-only scan)
    index('annual_plans_year_idx').on(t.year, t.projectId, t.plannedAmount),
  ],
);

export const reportStatuses = ['draft', 'submitted', 'approved', 'returned', 'superseded'] as const;

/**
 * Completed investment of one project in one month, reported by the unit or enterprise and
 * counted only once the office approves it. An approved report is never edited: a correction is
 * a new report that, once approved, supersedes it (status 'superseded', superseded_by set).
 */
export const investmentReports = pgTable(
  'investment_reports',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    year: smallint('year').notNull(),
    month: smallint('month').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    progressNote: text('progress_note'),
    status: text('status', { enum: reportStatuses }).notNull().default('draft'),
    /** The approved report this one corrects, if any. */
    correctsId: integer('corrects_id'),
    supersededById: integer('superseded_by_id'),
    createdBy: integer('created_by').references(() => users.id),
    submittedBy: integer('submitted_by').references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    reviewedBy: integer('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    returnReason: text('return_reason'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // one current (approved) figure per project and month
    uniqueIndex('investment_reports_approved_uq')
      .on(t.projectId, t.year, t.month)
      .where(sql`status = 'approved'`),
    // at most one report in progress per project and month
    uniqueIndex('investment_reports_open_uq')
      .on(t.projectId, t.year, t.month)
      .where(sql`status in ('draft', 'submitted', 'returned')`),
    index('investment_reports_status_idx').on(t.status, t.year, t.month),
    // covers the dashboard's sum of approved amounts by year and month (index-only scan)
    index('investment_reports_approved_year_idx')
      .on(t.year, t.projectId, t.month, t.amount)
      .where(sql`status = 'approved'`),
    index('investment_reports_project_idx').on(t.projectId, t.year, t.month),
  ],
);

/** A "three batches" period (第1期, 第2期, …) of a region. */
export const periods = pgTable(
  'periods',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    seq: integer('seq').notNull(),
    name: text('name').notNull(),
    startDate: date('start_date').notNull(),
    endDate: date('end_date').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('periods_region_seq_uq').on(t.regionCode, t.seq)],
);

export const batchLists = ['signing', 'starting', 'commissioning'] as const;

/** A project on one of a period's three lists. */
export const batchEntries = pgTable(
  'batch_entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    periodId: integer('period_id')
      .notNull()
      .references(() => periods.id, { onDelete: 'cascade' }),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    list: text('list', { enum: batchLists }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('batch_entries_uq').on(t.periodId, t.list, t.projectId),
    index('batch_entries_project_idx').on(t.projectId),
  ],
);

/**
 * Per project and year: the annual plan and the cumulative approved investment through each month
 * (approved_cum[m], 1-based). Kept in step with every plan write and every approval in the same
 * transaction (investment.totals.ts), so the dashboard sums one row per project instead of twelve
 * reports per project: the difference between ~100,000 and ~1,200,000 rows at province scale.
 * A derived table: refreshInvestmentTotals rebuilds it from the records at any time.
 */
export const investmentTotals = pgTable(
  'investment_totals',
  {
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    year: smallint('year').notNull(),
    plannedAmount: bigint('planned_amount', { mode: 'number' }).notNull().default(0),
    approvedCum: bigint('approved_cum', { mode: 'number' }).array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.year] }), index('investment_totals_year_idx').on(t.year)],
);
