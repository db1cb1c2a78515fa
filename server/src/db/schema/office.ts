/** The office's own ways of working: saved import mappings and stage proposals (issue 9). */
import { bigserial, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { stageProposalStatuses, stages } from '@kpc/contracts';
import { regions, users } from './core.js';
import { projects } from './projects.js';

/**
 * A column mapping an office confirmed for its own sheet layout, saved to reuse: keyed by the
 * normalised header band, so the same layout next month is read the same way without asking again.
 */
export const importMappings = pgTable(
  'import_mappings',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    kind: text('kind', { enum: ['ledger_items', 'projects', 'problems'] }).notNull(),
    name: text('name').notNull(),
    /** The normalised header cells, joined: how a sheet is recognised. */
    headerSignature: text('header_signature').notNull(),
    /** { [field]: column letter | null (ignored) } plus the header band rows. */
    mapping: jsonb('mapping').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('import_mappings_region_kind_name_uq').on(t.regionCode, t.kind, t.name),
    index('import_mappings_signature_idx').on(t.regionCode, t.kind, t.headerSignature),
  ],
);

/** A unit's or enterprise's request to move a project's stage, with its date and evidence; the office decides. */
export const stageProposals = pgTable(
  'stage_proposals',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    fromStage: text('from_stage', { enum: stages }).notNull(),
    toStage: text('to_stage', { enum: stages }).notNull(),
    onDate: date('on_date').notNull(),
    evidenceNote: text('evidence_note'),
    status: text('status', { enum: stageProposalStatuses }).notNull().default('proposed'),
    proposedBy: integer('proposed_by')
      .notNull()
      .references(() => users.id),
    proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull(),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('stage_proposals_project_idx').on(t.projectId, t.status)],
);
