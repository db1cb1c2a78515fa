/**
 * Weekly updates 周报 (issue 12): one per project per ISO week. The row keeps only who sent it, when, the
 * week's progress note 形象进度 and which records it changed (ids); the values themselves live in those
 * records (ledger, milestones, investment reports, problems) — no copy, so no figure is typed twice.
 * A second send of the week updates this row at its version.
 */
import { integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex, boolean, index } from 'drizzle-orm/pg-core';
import type { WeeklyUpdateSent } from '@kpc/contracts';
import { users } from './core.js';
import { projects } from './projects.js';

export const weeklyUpdates = pgTable(
  'weekly_updates',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    /** `2026-W49`. */
    week: text('week').notNull(),
    note: text('note'),
    unchanged: boolean('unchanged').notNull().default(false),
    changed: jsonb('changed').$type<WeeklyUpdateSent['changed']>().notNull(),
    /** A user, or null with `sentByName` `system:<name>` (demo data). */
    sentBy: integer('sent_by').references(() => users.id, { onDelete: 'set null' }),
    sentByName: text('sent_by_name').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('weekly_updates_project_week_uq').on(t.projectId, t.week), index('weekly_updates_week_idx').on(t.week)],
);
