/**
 * The burden measured 填报负担 (issue 12, ADR 0012): one row per measured submission of an entry screen,
 * written by the `recordBurden` command in the submission's own transaction. Only the fields typed or
 * changed and the seconds from opening the form to sending it — no keystrokes, no login or online time.
 * Nothing reads these rows for colours or evaluations.
 */
import { bigserial, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { burdenScreens } from '@kpc/contracts';
import { units, users } from './core.js';
import { projects } from './projects.js';

export const burdenEntries = pgTable(
  'burden_entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    screen: text('screen', { enum: burdenScreens }).notNull(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    /** The submitting user's unit at the time (null: an office or leader account without one). */
    unitId: integer('unit_id').references(() => units.id, { onDelete: 'set null' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** ISO week (Asia/Shanghai) of `at`, YYYY-Www. */
    isoWeek: text('iso_week').notNull(),
    fieldsTyped: integer('fields_typed').notNull(),
    /** Client-measured, clamped to 0–3600. */
    seconds: integer('seconds').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('burden_entries_at_idx').on(t.at), index('burden_entries_project_week_idx').on(t.projectId, t.isoWeek)],
);
