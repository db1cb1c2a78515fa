/** Supervision 督办 (issue 11): a supervisor's override of a project's computed colour, with its reason and expiry. */
import { bigserial, date, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
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
