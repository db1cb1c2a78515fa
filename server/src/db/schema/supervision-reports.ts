/**
 * Supervision reports 周调度 / 月督导通报 (issue 11 items 4 and 7): one per kind, period and region; the
 * figures it shows are frozen in `content` when drafted (redrafting a draft takes them anew), and a
 * published report is never changed again.
 */
import { sql } from 'drizzle-orm';
import { bigserial, check, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { supervisionReportKinds, supervisionReportStatuses } from '@kpc/contracts';
import { regions, users } from './core.js';

export const supervisionReports = pgTable(
  'supervision_reports',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind', { enum: supervisionReportKinds }).notNull(),
    /** `2026-W49` for a weekly dispatch, `2026-12` for a monthly bulletin. */
    period: text('period').notNull(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    status: text('status', { enum: supervisionReportStatuses }).notNull().default('draft'),
    /** The figures the document shows (contracts `supervisionReportContentSchema`). */
    content: jsonb('content').notNull(),
    /** Who drafted it last: a user, or null with `draftedByName` `system:<job>`. */
    draftedBy: integer('drafted_by').references(() => users.id),
    draftedByName: text('drafted_by_name').notNull(),
    draftedAt: timestamp('drafted_at', { withTimezone: true }).notNull(),
    publishedBy: integer('published_by').references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('supervision_reports_period_uq').on(t.kind, t.period, t.regionCode),
    check('supervision_reports_published_ck', sql`(${t.status} = 'published') = (${t.publishedAt} is not null)`),
  ],
);
