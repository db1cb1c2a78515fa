/**
 * The escalation ladder 预警提示 → 通报批评 → 问责 → 表态发言 (issue 11): one dated record per step of a
 * project. `spell_id` names the red colour spell it was proposed on, and (project, step, spell) is unique,
 * so the daily job proposes a step once per red spell and never again the next day; a manual proposal on
 * a project not red has no spell. Proposed/decided by a user, or by a system actor (`*_by_system`, the
 * job's name) — system actors have no users row. A warning is issued at once: confirmed by its proposer.
 */
import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { escalationStatuses, escalationSteps, type EscalationEvidence } from '@kpc/contracts';
import { units, users } from './core.js';
import { meetings } from './meetings.js';
import { projects } from './projects.js';
import { ragSpells } from './supervision.js';

export const escalations = pgTable(
  'escalations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    /** The project's responsible unit when the step was proposed (the unit criticised or held to account). */
    unitId: integer('unit_id').references(() => units.id),
    step: text('step', { enum: escalationSteps }).notNull(),
    status: text('status', { enum: escalationStatuses }).notNull(),
    reasonZh: text('reason_zh').notNull(),
    reasonEn: text('reason_en').notNull(),
    spellId: bigint('spell_id', { mode: 'number' }).references(() => ragSpells.id, { onDelete: 'set null' }),
    evidence: jsonb('evidence').$type<EscalationEvidence>(),
    proposedBy: integer('proposed_by').references(() => users.id),
    proposedBySystem: text('proposed_by_system'),
    proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull(),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedBySystem: text('decided_by_system'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    dismissalReason: text('dismissal_reason'),
    /** For a statement 表态发言: the review meeting it was made at, and when. */
    meetingId: integer('meeting_id').references(() => meetings.id),
    doneAt: timestamp('done_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('escalations_project_step_spell_uq').on(t.projectId, t.step, t.spellId),
    index('escalations_status_idx').on(t.status, t.proposedAt),
    index('escalations_project_idx').on(t.projectId, t.proposedAt),
    check('escalations_proposer_ck', sql`(${t.proposedBy} is null) <> (${t.proposedBySystem} is null)`),
    check('escalations_decided_ck', sql`(${t.status} = 'proposed') = (${t.decidedAt} is null)`),
    check('escalations_dismissal_ck', sql`(${t.status} = 'dismissed') = (${t.dismissalReason} is not null)`),
  ],
);
