/** Ledgers (台账): each project's work items owed by its units, and the Excel import jobs that fill them. */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { units, users } from './core.js';
import { projects } from './projects.js';

export const ledgerStatusEnum = ['not_started', 'in_progress', 'done', 'blocked'] as const;
export const stageFocusEnum = ['landing', 'progress', 'completion', 'target'] as const;

/** One ledger item 台账事项: what a unit must do for a project, by when, and whether it is done. */
export const ledgerItems = pgTable(
  'ledger_items',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    /** 序号 within the project: with the project code, the key Excel imports match on. */
    seq: integer('seq').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    content: text('content').notNull(),
    measures: text('measures'),
    /** 完成时限; null exactly when the item is recurring. */
    deadline: date('deadline'),
    /** A recurring item 长期事项 (长期 / 持续推进): no deadline, judged by its progress notes, never overdue. */
    recurring: boolean('recurring').notNull().default(false),
    ownerName: text('owner_name'),
    ownerUserId: integer('owner_user_id').references(() => users.id),
    status: text('status', { enum: ledgerStatusEnum }).notNull().default('not_started'),
    /** Set exactly when status is done. */
    completedOn: date('completed_on'),
    evidenceNote: text('evidence_note'),
    /** 进展情况: the latest progress note, as the office's sheet or the unit's update last said it. */
    progressNote: text('progress_note'),
    progressNoteAt: timestamp('progress_note_at', { withTimezone: true }),
    focus: text('focus', { enum: stageFocusEnum }).notNull(),
    createdBy: integer('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('ledger_items_project_seq_uq').on(t.projectId, t.seq),
    index('ledger_items_unit_idx').on(t.unitId),
    index('ledger_items_owner_idx').on(t.ownerUserId),
    index('ledger_items_open_deadline_idx')
      .on(t.deadline)
      .where(sql`status <> 'done'`),
    // either a deadline or recurring, never both, never neither
    check('ledger_items_deadline_or_recurring', sql`${t.recurring} = (${t.deadline} is null)`),
  ],
);

/** An Excel import run: its progress and, when it fails validation, every bad row. */
export const imports = pgTable(
  'imports',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind', { enum: ['ledger_items', 'projects', 'problems'] }).notNull(),
    status: text('status', { enum: ['validating', 'importing', 'done', 'invalid', 'failed'] }).notNull(),
    filename: text('filename').notNull(),
    regionCode: text('region_code').notNull(),
    totalRows: integer('total_rows').notNull().default(0),
    processedRows: integer('processed_rows').notNull().default(0),
    /** [{ row, column, code, params }] — localised when read. */
    errors: jsonb('errors').notNull().default([]),
    errorCount: integer('error_count').notNull().default(0),
    /** How an office sheet was read: [{ row, column, original, reading }] (原文 → 读作). */
    readings: jsonb('readings').notNull().default([]),
    /** Rows left out on purpose: [{ row, reason }]. */
    skipped: jsonb('skipped').notNull().default([]),
    created: integer('created').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    dryRun: boolean('dry_run').notNull().default(false),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Heartbeat of a running import: a running job not updated for minutes has lost its process. */
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('imports_created_by_idx').on(t.createdBy, t.createdAt)],
);
