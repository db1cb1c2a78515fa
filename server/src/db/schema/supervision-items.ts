/**
 * Supervision items 督办事项 (SPEC §2.5, issue 11): what the bureau supervises, from a meeting decision,
 * a ledger item, higher-level feedback or a leader instruction, moving through the four links
 * 协调、跟踪、问效、通报; and every step of each, dated and by whom.
 */
import { sql } from 'drizzle-orm';
import { bigserial, date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { supervisionEventKinds, supervisionLinks, supervisionSources } from '@kpc/contracts';
import { regions, units, users } from './core.js';
import { projects } from './projects.js';

export const supervisionItems = pgTable(
  'supervision_items',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    /** Null when the item concerns a unit only (e.g. higher-level feedback on a unit's work). */
    projectId: integer('project_id').references(() => projects.id, { onDelete: 'cascade' }),
    source: text('source', { enum: supervisionSources }).notNull(),
    /** The decision, ledger item or instruction it comes from; null for higher-level feedback. */
    sourceId: integer('source_id'),
    /** For higher-level feedback: who sent it (e.g. 市委督查室). */
    issuedBy: text('issued_by'),
    title: text('title').notNull(),
    content: text('content').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    ownerName: text('owner_name'),
    ownerUserId: integer('owner_user_id').references(() => users.id),
    deadline: date('deadline').notNull(),
    link: text('link', { enum: supervisionLinks }).notNull().default('coordinating'),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedBy: integer('accepted_by').references(() => users.id),
    /** Times sent back from checking: an item sent back stays yellow until accepted. */
    returnCount: integer('return_count').notNull().default(0),
    bulletinedAt: timestamp('bulletined_at', { withTimezone: true }),
    /** The bulletin it was published in (the bulletin module's id). */
    bulletinId: integer('bulletin_id'),
    createdBy: integer('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // one item per source record: 列入督办 twice, or a decision saved twice, is one item
    uniqueIndex('supervision_items_source_uq')
      .on(t.source, t.sourceId)
      .where(sql`${t.sourceId} is not null`),
    index('supervision_items_region_link_idx').on(t.regionCode, t.link),
    index('supervision_items_unit_idx').on(t.unitId),
    index('supervision_items_project_idx').on(t.projectId),
    index('supervision_items_open_deadline_idx')
      .on(t.deadline)
      .where(sql`${t.acceptedAt} is null and ${t.link} <> 'bulletined'`),
  ],
);

/** One step of an item: from which link to which, what kind, the note (a return's reason), by whom, when. */
export const supervisionItemEvents = pgTable(
  'supervision_item_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    itemId: integer('item_id')
      .notNull()
      .references(() => supervisionItems.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: supervisionEventKinds }).notNull(),
    fromLink: text('from_link', { enum: supervisionLinks }),
    toLink: text('to_link', { enum: supervisionLinks }).notNull(),
    note: text('note'),
    byUserId: integer('by_user_id').references(() => users.id),
    /** The actor's name as shown then (a system actor has no user row). */
    byName: text('by_name').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('supervision_item_events_item_idx').on(t.itemId, t.at)],
);
