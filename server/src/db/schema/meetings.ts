/**
 * The article's second mechanism, "weekly meeting + on-site office" (SPEC §2.4): meetings and their
 * decisions 议定事项, site checks 实地检查, problems 问题 and leader instructions 领导批示.
 * A problem solved on site (in a check or an on-site office meeting) counts for the leader who solved
 * it in the weekly quota; who and where are columns, so the quota is one query, not a log to replay.
 */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import {
  agendaReasons,
  decisionStatuses,
  instructionStatuses,
  instructionSubjects,
  locationStatuses,
  meetingKinds,
  meetingStatuses,
  problemCategories,
  problemSources,
  problemStatuses,
} from '@kpc/contracts';
import { leaders, regions, units, users } from './core.js';
import { projects } from './projects.js';

/** The four weekly meeting series, named and chaired per region by the office. */
export const meetingSeries = pgTable(
  'meeting_series',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    name: text('name').notNull(),
    chairLeaderId: integer('chair_leader_id').references(() => leaders.id),
    sortOrder: integer('sort_order').notNull().default(0),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('meeting_series_region_name_uq').on(t.regionCode, t.name)],
);

/** A weekly, on-site office or review meeting. `held` meetings in a year are the dashboard's meetingsHeld. */
export const meetings = pgTable(
  'meetings',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    kind: text('kind', { enum: meetingKinds }).notNull(),
    /** Set for weekly meetings only. */
    seriesId: integer('series_id').references(() => meetingSeries.id),
    title: text('title').notNull(),
    status: text('status', { enum: meetingStatuses }).notNull().default('planned'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    place: text('place'),
    /** For an on-site office meeting: the project it is held at. */
    siteProjectId: integer('site_project_id').references(() => projects.id),
    chairLeaderId: integer('chair_leader_id').references(() => leaders.id),
    attendeeLeaderIds: integer('attendee_leader_ids').array().notNull().default([]),
    attendeeUnitIds: integer('attendee_unit_ids').array().notNull().default([]),
    /** People without a leader or unit record, by name. */
    attendeePeople: text('attendee_people').array().notNull().default([]),
    minutes: text('minutes'),
    createdBy: integer('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('meetings_region_starts_idx').on(t.regionCode, t.startsAt), index('meetings_series_idx').on(t.seriesId)],
);

/** One project discussed at a meeting, with why it is there and what was said. */
export const meetingAgendaItems = pgTable(
  'meeting_agenda_items',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    reasons: text('reasons', { enum: agendaReasons }).array().notNull().default([]),
    notes: text('notes'),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [
    uniqueIndex('meeting_agenda_meeting_project_uq').on(t.meetingId, t.projectId),
    index('meeting_agenda_project_idx').on(t.projectId),
  ],
);

/** 议定事项: a tracked item with a unit, an owner and a deadline; overdue = open and past the deadline (read). */
export const decisions = pgTable(
  'decisions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    projectId: integer('project_id').references(() => projects.id),
    content: text('content').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    ownerName: text('owner_name'),
    ownerUserId: integer('owner_user_id').references(() => users.id),
    deadline: date('deadline').notNull(),
    status: text('status', { enum: decisionStatuses }).notNull().default('open'),
    /** Set when done: the date and how. */
    doneOn: date('done_on'),
    doneNote: text('done_note'),
    verifiedBy: integer('verified_by').references(() => users.id),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('decisions_meeting_idx').on(t.meetingId),
    index('decisions_unit_idx').on(t.unitId),
    index('decisions_project_idx').on(t.projectId),
    index('decisions_open_deadline_idx')
      .on(t.deadline)
      .where(sql`status = 'open'`),
  ],
);

/**
 * 实地检查 by a contracting leader or a task-force head, logged from a phone at the site. `clientKey`
 * is the phone's idempotency key: a check queued offline and sent twice is stored once.
 */
export const siteChecks = pgTable(
  'site_checks',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    /** The contracting leader who checked, when the checker is one. */
    leaderId: integer('leader_id').references(() => leaders.id),
    /** The account that logged it (a task-force head is counted by this). */
    userId: integer('user_id').references(() => users.id),
    checkerName: text('checker_name').notNull(),
    checkedAt: timestamp('checked_at', { withTimezone: true }).notNull(),
    locationStatus: text('location_status', { enum: locationStatuses }).notNull(),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    accuracyM: doublePrecision('accuracy_m'),
    /** Metres from the project's coordinates, when both exist. */
    distanceM: integer('distance_m'),
    findings: text('findings'),
    clientKey: text('client_key'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('site_checks_client_key_uq').on(t.userId, t.clientKey),
    index('site_checks_project_idx').on(t.projectId, t.checkedAt),
    index('site_checks_leader_idx').on(t.leaderId, t.checkedAt),
    index('site_checks_user_idx').on(t.userId, t.checkedAt),
  ],
);

/** 问题: raised at a meeting, a site check, by a unit or by higher-level feedback; runs open → verified. */
export const problems = pgTable(
  'problems',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    category: text('category', { enum: problemCategories }).notNull(),
    source: text('source', { enum: problemSources }).notNull(),
    description: text('description').notNull(),
    /** Where it was raised, when at a meeting or a site check. */
    raisedInMeetingId: integer('raised_in_meeting_id').references(() => meetings.id),
    raisedInSiteCheckId: integer('raised_in_site_check_id').references(() => siteChecks.id),
    raisedBy: integer('raised_by').references(() => users.id),
    raisedByName: text('raised_by_name'),
    raisedOn: date('raised_on').notNull(),
    unitId: integer('unit_id').references(() => units.id),
    /** The coordinating leader 协调领导. */
    leaderId: integer('leader_id').references(() => leaders.id),
    deadline: date('deadline'),
    status: text('status', { enum: problemStatuses }).notNull().default('open'),
    escalatedToLeaderId: integer('escalated_to_leader_id').references(() => leaders.id),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    escalationReason: text('escalation_reason'),
    resolution: text('resolution'),
    /** 进展情况: how it stands, as the unit or the office last wrote it (the office sheet's column). */
    progressNote: text('progress_note'),
    /** The calendar date it was resolved (Asia/Shanghai): problemsSolved counts these per year. */
    resolvedOn: date('resolved_on'),
    resolvedBy: integer('resolved_by').references(() => users.id),
    solvedOnSite: boolean('solved_on_site').notNull().default(false),
    /** Who solved it on site, and where: counts for that leader's (or head's) weekly quota. */
    solvedByLeaderId: integer('solved_by_leader_id').references(() => leaders.id),
    solvedByUserId: integer('solved_by_user_id').references(() => users.id),
    solvedInMeetingId: integer('solved_in_meeting_id').references(() => meetings.id),
    solvedInSiteCheckId: integer('solved_in_site_check_id').references(() => siteChecks.id),
    solvedAt: timestamp('solved_at', { withTimezone: true }),
    verifiedBy: integer('verified_by').references(() => users.id),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    createdBy: integer('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('problems_project_idx').on(t.projectId),
    index('problems_unit_idx').on(t.unitId),
    index('problems_leader_idx').on(t.leaderId),
    index('problems_status_idx').on(t.status),
    index('problems_resolved_on_idx').on(t.resolvedOn),
    index('problems_solved_leader_idx').on(t.solvedByLeaderId, t.solvedAt),
  ],
);

/** 领导批示 on a project, problem, report or decision, addressed to a unit that must reply. */
export const instructions = pgTable(
  'instructions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The project the subject belongs to: decides who may see it. */
    projectId: integer('project_id').references(() => projects.id),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    subjectType: text('subject_type', { enum: instructionSubjects }).notNull(),
    subjectId: integer('subject_id').notNull(),
    leaderId: integer('leader_id')
      .notNull()
      .references(() => leaders.id),
    text: text('text').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    replyDeadline: date('reply_deadline').notNull(),
    status: text('status', { enum: instructionStatuses }).notNull().default('open'),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdBy: integer('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('instructions_unit_idx').on(t.unitId, t.status),
    index('instructions_leader_idx').on(t.leaderId),
    index('instructions_subject_idx').on(t.subjectType, t.subjectId),
    index('instructions_project_idx').on(t.projectId),
  ],
);

/** A unit's reply to an instruction, and the leader's answer to it (accepted or sent back). Files are attachments. */
export const instructionReplies = pgTable(
  'instruction_replies',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    instructionId: integer('instruction_id')
      .notNull()
      .references(() => instructions.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    byUserId: integer('by_user_id').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    outcome: text('outcome', { enum: ['pending', 'accepted', 'returned'] })
      .notNull()
      .default('pending'),
    outcomeNote: text('outcome_note'),
    outcomeBy: integer('outcome_by').references(() => users.id),
    outcomeAt: timestamp('outcome_at', { withTimezone: true }),
  },
  (t) => [index('instruction_replies_instruction_idx').on(t.instructionId)],
);
