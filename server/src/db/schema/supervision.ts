/** Supervision 督办 (issue 11): a supervisor's override of a project's computed colour, with its reason and expiry. */
import { sql } from 'drizzle-orm';
import { bigserial, boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { rags } from '@kpc/contracts';
import { users } from './core.js';
import { projects } from './projects.js';

/**
 * 人工调整: shown instead of the computed colour from `createdAt` through `until` (an Asia/Shanghai date,
 * inclusive), unless ended earlier (`endedAt`). It ends by itself: nothing has to run on its expiry.
 * At most one is in force per project (the service ends the previous one in the same transaction).
 */
export const ragOverrides = pgTable(
  'rag_overrides',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    rag: text('rag', { enum: rags }).notNull(),
    reason: text('reason').notNull(),
    until: date('until').notNull(),
    byUserId: integer('by_user_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endedBy: integer('ended_by').references(() => users.id),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('rag_overrides_project_idx').on(t.projectId, t.until)],
);

/** What a colour spell is the colour of: a project, or a supervision item 督办事项. */
export const ragSubjects = ['project', 'supervision_item'] as const;

/**
 * Colour history 颜色历史 (ADR 0010): one row per colour spell — a run of consecutive days in one colour —
 * not one per day, so a year at 100,000 projects stays a few hundred thousand rows. `toDate` null is the
 * spell in force (at most one per subject); the daily monitoring job closes it (`toDate` = the day before)
 * and opens the next when the colour changes. `rag` is the rated colour after hysteresis (an override
 * 人工调整 is kept in `rag_overrides`, not here); `rules` are the reasons' rule ids on the spell's first day.
 */
export const ragSpells = pgTable(
  'rag_spells',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    subjectType: text('subject_type', { enum: ragSubjects }).notNull(),
    subjectId: integer('subject_id').notNull(),
    rag: text('rag', { enum: rags }).notNull(),
    fromDate: date('from_date').notNull(),
    toDate: date('to_date'),
    rules: text('rules').array().notNull().default([]),
    /** Held yellow by hysteresis: computed green on a day after red (no green the day after red). */
    held: boolean('held').notNull().default(false),
  },
  (t) => [
    uniqueIndex('rag_spells_open_uq')
      .on(t.subjectType, t.subjectId)
      .where(sql`${t.toDate} is null`),
    index('rag_spells_subject_idx').on(t.subjectType, t.subjectId, t.fromDate),
    index('rag_spells_from_idx').on(t.fromDate),
  ],
);
