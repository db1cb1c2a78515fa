/** Milestone nodes 节点, templates per category, reverse scheduling 倒排工期, baselines, tracking and the Gantt. */
import { z } from 'zod';
import { id, idParam, isoDate, paging, regionCode, requiredText, version } from './common.js';
import { projectCategorySchema, projectLevelSchema, stageSchema } from './enums.js';
import { ledgerStatusSchema, stageFocusSchema } from './ledger.js';

type Labels<T extends string> = Record<T, { 'zh-CN': string; en: string }>;

export const calendarModes = ['calendar', 'working'] as const;
export type CalendarModeName = (typeof calendarModes)[number];
export const calendarModeSchema = z.enum(calendarModes);
export const calendarModeLabels: Labels<CalendarModeName> = {
  calendar: { 'zh-CN': '自然日', en: 'Calendar days' },
  working: { 'zh-CN': '工作日', en: 'Working days' },
};

export const milestoneStatuses = ['not_started', 'in_progress', 'done'] as const;
export const milestoneStatusSchema = z.enum(milestoneStatuses);
export const milestoneStatusLabels: Labels<(typeof milestoneStatuses)[number]> = {
  not_started: { 'zh-CN': '未开始', en: 'Not started' },
  in_progress: { 'zh-CN': '进行中', en: 'In progress' },
  done: { 'zh-CN': '已完成', en: 'Done' },
};

const nodeKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'node_key');
const days = z.number().int().min(0).max(3650);
const dateOrNull = z.string().nullable();

// ---- templates ----

export const templateNodeSchema = z.strictObject({ key: nodeKey, name: requiredText(60), durationDays: days });
export const templateDependencySchema = z.strictObject({ predecessorKey: nodeKey, successorKey: nodeKey, lagDays: days });

export const milestoneTemplateSchema = z.object({
  id,
  category: projectCategorySchema,
  name: z.string(),
  calendarMode: calendarModeSchema,
  nodeCount: z.number().int(),
  version,
  updatedAt: z.string(),
});
export type MilestoneTemplate = z.infer<typeof milestoneTemplateSchema>;

export const milestoneTemplateDetailSchema = milestoneTemplateSchema.extend({
  nodes: z.array(templateNodeSchema.extend({ sortOrder: z.number().int() }).strip()),
  dependencies: z.array(templateDependencySchema.strip()),
});
export type MilestoneTemplateDetail = z.infer<typeof milestoneTemplateDetailSchema>;

/** Replaces a template's nodes and dependencies (order = list order); projects already planned keep their copy. */
export const updateTemplateBody = z.strictObject({
  version,
  name: requiredText(60).optional(),
  calendarMode: calendarModeSchema.optional(),
  nodes: z.array(templateNodeSchema).min(1).max(60),
  dependencies: z.array(templateDependencySchema).max(200),
});
export type UpdateTemplateBody = z.infer<typeof updateTemplateBody>;

// ---- a project's milestones ----

export const milestoneNodeSchema = z.object({
  id,
  projectId: id,
  key: z.string(),
  name: z.string(),
  durationDays: z.number().int(),
  sortOrder: z.number().int(),
  predecessors: z.array(z.object({ key: z.string(), lagDays: z.number().int() })),
  /** From the current baseline; null before the first baseline is saved. */
  latestStart: dateOrNull,
  latestFinish: dateOrNull,
  actualStart: dateOrNull,
  actualFinish: dateOrNull,
  status: milestoneStatusSchema,
  forecastStart: dateOrNull,
  forecastFinish: dateOrNull,
  /** Forecast finish − baseline latest finish, in calendar days (positive = late). */
  slipDays: z.number().int().nullable(),
  /** Not finished and its latest finish is past. */
  overdue: z.boolean(),
  version,
});
export type MilestoneNode = z.infer<typeof milestoneNodeSchema>;

export const scheduleBaselineSchema = z.object({
  id,
  projectId: id,
  number: z.number().int(),
  targetDate: z.string(),
  calendarMode: calendarModeSchema,
  isCurrent: z.boolean(),
  createdBy: z.number().int().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export type ScheduleBaseline = z.infer<typeof scheduleBaselineSchema>;

export const projectMilestonesSchema = z.object({
  projectId: id,
  calendarMode: calendarModeSchema,
  today: z.string(),
  baseline: scheduleBaselineSchema.nullable(),
  /** The project's slip: the largest node slip. */
  slipDays: z.number().int().nullable(),
  nodes: z.array(milestoneNodeSchema),
  permissions: z.object({
    /** Record actual dates. */
    edit: z.boolean(),
    /** Instantiate from the template, save baselines, change durations. */
    plan: z.boolean(),
  }),
});
export type ProjectMilestones = z.infer<typeof projectMilestonesSchema>;

export const backwardScheduleBody = z.strictObject({ targetDate: isoDate });
export type BackwardScheduleBody = z.infer<typeof backwardScheduleBody>;

export const scheduleResultSchema = z.object({
  targetDate: z.string(),
  /** The date the final nodes finish on (the target; in working-day mode the last working day on or before it). */
  finishDate: z.string(),
  calendarMode: calendarModeSchema,
  asOf: z.string(),
  feasible: z.boolean(),
  infeasibility: z
    .object({
      key: z.string(),
      name: z.string(),
      latestStart: z.string(),
      shortByDays: z.number().int(),
      chain: z.array(z.object({ key: z.string(), name: z.string() })),
    })
    .nullable(),
  nodes: z.array(
    z.object({
      id,
      key: z.string(),
      name: z.string(),
      durationDays: z.number().int(),
      latestStart: z.string(),
      latestFinish: z.string(),
      infeasible: z.boolean(),
    }),
  ),
});
export type ScheduleResult = z.infer<typeof scheduleResultSchema>;

export const savedBaselineSchema = z.object({ baseline: scheduleBaselineSchema, schedule: scheduleResultSchema });

export const updateMilestoneBody = z.strictObject({
  version,
  actualStart: isoDate.nullable().optional(),
  actualFinish: isoDate.nullable().optional(),
  /** Office/admin only: adjust this project's copy of the node. */
  durationDays: days.optional(),
});
export type UpdateMilestoneBody = z.infer<typeof updateMilestoneBody>;

// ---- across projects ----

const idFilter = idParam.optional();
const boolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

const portfolioFilters = {
  unitId: idFilter,
  leaderId: idFilter,
  level: projectLevelSchema.optional(),
  stage: stageSchema.optional(),
  category: projectCategorySchema.optional(),
  regionCode: regionCode.optional(),
  projectId: idFilter,
};

export const listMilestonesQuery = z.strictObject({
  ...paging,
  ...portfolioFilters,
  overdue: boolQuery.optional(),
  /** Unfinished nodes whose latest finish falls within today … today + N days. */
  dueWithinDays: z.coerce.number().int().min(0).max(366).optional(),
});
export type ListMilestonesQuery = z.infer<typeof listMilestonesQuery>;

export const milestoneListItemSchema = z.object({
  id,
  projectId: id,
  projectCode: z.string(),
  projectName: z.string(),
  key: z.string(),
  name: z.string(),
  latestStart: dateOrNull,
  latestFinish: dateOrNull,
  actualStart: dateOrNull,
  actualFinish: dateOrNull,
  status: milestoneStatusSchema,
  overdue: z.boolean(),
  /** Days past the latest finish (0 when not overdue). */
  overdueDays: z.number().int(),
  /** Forecast and slip as in the project's view and the Gantt (slip null without a baseline). */
  forecastFinish: z.string(),
  slipDays: z.number().int().nullable(),
  leadUnitName: z.string().nullable(),
  leaderName: z.string().nullable(),
  version,
});
export type MilestoneListItem = z.infer<typeof milestoneListItemSchema>;

export const ganttQuery = z.strictObject({
  ...portfolioFilters,
  /** Also each project's ledger items 台账事项 (one more statement for the whole response). */
  ledger: boolQuery.optional(),
});
export type GanttQuery = z.infer<typeof ganttQuery>;

export const ganttBarSchema = z.object({
  id,
  key: z.string(),
  name: z.string(),
  /** Baseline (plan) bar: the current baseline's latest start … latest finish. */
  planStart: dateOrNull,
  planFinish: dateOrNull,
  actualStart: dateOrNull,
  actualFinish: dateOrNull,
  forecastStart: z.string(),
  forecastFinish: z.string(),
  slipDays: z.number().int().nullable(),
  status: milestoneStatusSchema,
  /** Finished after, or forecast to finish after, its plan: drawn red. */
  late: z.boolean(),
  overdue: z.boolean(),
});
export type GanttBar = z.infer<typeof ganttBarSchema>;

/** A ledger item as a Gantt row: its plan runs to its deadline; done items end on their completion date. */
export const ganttLedgerItemSchema = z.object({
  id,
  seq: z.number().int(),
  content: z.string(),
  unitName: z.string().nullable(),
  ownerName: z.string().nullable(),
  status: ledgerStatusSchema,
  /** The day the item was recorded (Asia/Shanghai), or deadline − 14 days when recorded after its deadline. */
  planStart: z.string(),
  /** The deadline 完成时限. */
  planFinish: z.string(),
  completedOn: dateOrNull,
  /** Not done and past its deadline: drawn red. */
  overdue: z.boolean(),
  focus: stageFocusSchema,
});
export type GanttLedgerItem = z.infer<typeof ganttLedgerItemSchema>;

export const ganttSchema = z.object({
  today: z.string(),
  nodeCount: z.number().int(),
  projects: z.array(
    z.object({
      id,
      code: z.string(),
      name: z.string(),
      level: projectLevelSchema,
      stage: stageSchema,
      leaderName: z.string().nullable(),
      leadUnitName: z.string().nullable(),
      baselineNumber: z.number().int().nullable(),
      targetDate: dateOrNull,
      slipDays: z.number().int().nullable(),
      late: z.boolean(),
      nodes: z.array(ganttBarSchema),
      /** Only with `ledger=true`: the project's ledger items by 序号. */
      ledgerItems: z.array(ganttLedgerItemSchema).optional(),
    }),
  ),
});
export type Gantt = z.infer<typeof ganttSchema>;
