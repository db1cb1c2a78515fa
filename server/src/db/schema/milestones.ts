/**
 * Milestone nodes 节点 and reverse scheduling 倒排工期: templates per project category, each project's
 * own copy of the nodes and dependencies (so it can be adjusted), actual dates, and dated baselines
 * (replanning adds a baseline, the old ones stay).
 */
import { sql } from 'drizzle-orm';
import { bigserial, boolean, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './core.js';
import { projects } from './projects.js';

const calendarModes = ['calendar', 'working'] as const;

export const milestoneTemplates = pgTable(
  'milestone_templates',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** One template per project category. */
    category: text('category').notNull(),
    name: text('name').notNull(),
    /** Durations and lags count calendar days or working days (Monday–Friday). */
    calendarMode: text('calendar_mode', { enum: calendarModes }).notNull().default('calendar'),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('milestone_templates_category_uq').on(t.category)],
);

export const templateNodes = pgTable(
  'template_nodes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    templateId: integer('template_id')
      .notNull()
      .references(() => milestoneTemplates.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    name: text('name').notNull(),
    durationDays: integer('duration_days').notNull(),
    sortOrder: integer('sort_order').notNull(),
  },
  (t) => [uniqueIndex('template_nodes_key_uq').on(t.templateId, t.key)],
);

/** Finish-to-start: the successor starts after the predecessor finished, plus the lag. */
export const templateDependencies = pgTable(
  'template_dependencies',
  {
    templateId: integer('template_id')
      .notNull()
      .references(() => milestoneTemplates.id, { onDelete: 'cascade' }),
    predecessorKey: text('predecessor_key').notNull(),
    successorKey: text('successor_key').notNull(),
    lagDays: integer('lag_days').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.templateId, t.predecessorKey, t.successorKey] })],
);

/** A project's milestone node, copied from its category's template. Status follows the actual dates. */
export const milestones = pgTable(
  'milestones',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    name: text('name').notNull(),
    durationDays: integer('duration_days').notNull(),
    sortOrder: integer('sort_order').notNull(),
    actualStart: date('actual_start'),
    actualFinish: date('actual_finish'),
    status: text('status', { enum: ['not_started', 'in_progress', 'done'] })
      .notNull()
      .default('not_started'),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('milestones_project_key_uq').on(t.projectId, t.key)],
);

export const milestoneDependencies = pgTable(
  'milestone_dependencies',
  {
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    predecessorId: integer('predecessor_id')
      .notNull()
      .references(() => milestones.id, { onDelete: 'cascade' }),
    successorId: integer('successor_id')
      .notNull()
      .references(() => milestones.id, { onDelete: 'cascade' }),
    lagDays: integer('lag_days').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.predecessorId, t.successorId] }), index('milestone_dependencies_project_idx').on(t.projectId)],
);

/** A saved plan: numbered 1, 2, … per project; exactly one is current. Never edited, only superseded. */
export const scheduleBaselines = pgTable(
  'schedule_baselines',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    targetDate: date('target_date').notNull(),
    calendarMode: text('calendar_mode', { enum: calendarModes }).notNull(),
    isCurrent: boolean('is_current').notNull().default(true),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('schedule_baselines_number_uq').on(t.projectId, t.number),
    uniqueIndex('schedule_baselines_current_uq')
      .on(t.projectId)
      .where(sql`is_current`),
  ],
);

export const baselineNodes = pgTable(
  'baseline_nodes',
  {
    baselineId: integer('baseline_id')
      .notNull()
      .references(() => scheduleBaselines.id, { onDelete: 'cascade' }),
    milestoneId: integer('milestone_id')
      .notNull()
      .references(() => milestones.id, { onDelete: 'cascade' }),
    latestStart: date('latest_start').notNull(),
    latestFinish: date('latest_finish').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.baselineId, t.milestoneId] }),
    index('baseline_nodes_milestone_idx').on(t.milestoneId),
    index('baseline_nodes_finish_idx').on(t.latestFinish),
  ],
);
