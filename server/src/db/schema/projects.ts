/** The project library: key projects, their units, task forces and dated stage transitions. */
import {
  bigserial,
  bigint,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { enterprises, leaders, regions, units, users } from './core.js';

const stageEnum = ['planned', 'signed', 'started', 'building', 'completed', 'producing', 'at_target'] as const;

export const projects = pgTable(
  'projects',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    level: text('level', { enum: ['provincial', 'municipal', 'district'] }).notNull(),
    category: text('category').notNull(),
    industryChain: text('industry_chain'),
    enterpriseId: integer('enterprise_id').references(() => enterprises.id),
    /** The township (or county) the project lies in; decides who may see it. */
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    location: text('location'),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    /** Money in integer yuan. */
    totalInvestment: bigint('total_investment', { mode: 'number' }).notNull(),
    firstPhaseInvestment: bigint('first_phase_investment', { mode: 'number' }),
    contractDate: date('contract_date'),
    plannedStartDate: date('planned_start_date'),
    actualStartDate: date('actual_start_date'),
    plannedCompletionDate: date('planned_completion_date'),
    actualCompletionDate: date('actual_completion_date'),
    plannedCommissioningDate: date('planned_commissioning_date'),
    actualCommissioningDate: date('actual_commissioning_date'),
    targetOutputValue: bigint('target_output_value', { mode: 'number' }),
    targetTax: bigint('target_tax', { mode: 'number' }),
    contacts: jsonb('contacts').notNull().default([]),
    tags: text('tags').array().notNull().default([]),
    stage: text('stage', { enum: stageEnum }).notNull().default('planned'),
    leaderId: integer('leader_id').references(() => leaders.id),
    leadUnitId: integer('lead_unit_id').references(() => units.id),
    description: text('description'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('projects_code_uq').on(t.code),
    index('projects_region_idx').on(t.regionCode),
    index('projects_level_idx').on(t.level),
    index('projects_stage_idx').on(t.stage),
    index('projects_leader_idx').on(t.leaderId),
    index('projects_lead_unit_idx').on(t.leadUnitId),
    // the project list's sortable columns, so a sorted page reads 20 index entries, not every row
    // (bench/projects: sorting 100,000 projects by total investment 82 ms → 0.14 ms)
    index('projects_total_investment_idx').on(t.totalInvestment, t.id),
    index('projects_contract_date_idx').on(t.contractDate, t.id),
    index('projects_updated_at_idx').on(t.updatedAt, t.id),
    index('projects_name_idx').on(t.name, t.id),
  ],
);

/** Cooperating units (配合单位); the lead unit is projects.lead_unit_id. */
export const projectUnits = pgTable(
  'project_units',
  {
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.unitId] }), index('project_units_unit_idx').on(t.unitId)],
);

/** Task force (专班) members with their posts. */
export const taskForceMembers = pgTable(
  'task_force_members',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    post: text('post', { enum: ['head', 'deputy_head', 'liaison', 'member'] }).notNull(),
    unitId: integer('unit_id').references(() => units.id),
    userId: integer('user_id').references(() => users.id),
    phone: text('phone'),
    duty: text('duty'),
  },
  (t) => [index('task_force_project_idx').on(t.projectId)],
);

/** Every stage change, dated, with who made it; rollbacks carry a reason. */
export const stageTransitions = pgTable(
  'stage_transitions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    fromStage: text('from_stage', { enum: stageEnum }),
    toStage: text('to_stage', { enum: stageEnum }).notNull(),
    onDate: date('on_date').notNull(),
    byUserId: integer('by_user_id').references(() => users.id),
    reason: text('reason'),
    isRollback: boolean('is_rollback').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('stage_transitions_project_idx').on(t.projectId, t.onDate),
    // "signed this year" and the batch rates look transitions up by stage and date
    index('stage_transitions_stage_date_idx').on(t.toStage, t.onDate),
  ],
);
