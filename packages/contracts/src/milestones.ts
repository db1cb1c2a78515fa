/** Milestone nodes 节点, templates per category, reverse scheduling 倒排工期, baselines, tracking and the Gantt. */
import { z } from 'zod';
import { dateText, enumText, id, idParam, isoDate, paging, regionCode, requiredText, timestampText, version } from './common.js';
import { projectCategorySchema, projectLevelSchema, stageSchema } from './enums.js';
import { ledgerStatusSchema, stageFocusSchema } from './ledger.js';

type Labels<T extends string> = Record<T, { 'zh-CN': string; en: string }>;

export const calendarModes = ['calendar', 'working'] as const;
export type CalendarModeName = (typeof calendarModes)[number];
export const calendarModeLabels: Labels<CalendarModeName> = {
  calendar: { 'zh-CN': '自然日', en: 'Calendar days' },
  working: { 'zh-CN': '工作日', en: 'Working days' },
};
export const calendarModeSchema = z
  .enum(calendarModes)
  .describe(enumText('How durations count days (工期口径)', calendarModeLabels));

export const milestoneStatuses = ['not_started', 'in_progress', 'done'] as const;
export const milestoneStatusLabels: Labels<(typeof milestoneStatuses)[number]> = {
  not_started: { 'zh-CN': '未开始', en: 'Not started' },
  in_progress: { 'zh-CN': '进行中', en: 'In progress' },
  done: { 'zh-CN': '已完成', en: 'Done' },
};
export const milestoneStatusSchema = z
  .enum(milestoneStatuses)
  .describe(enumText('Status of a milestone node (节点状态)', milestoneStatusLabels));

const nodeKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'node_key')
  .describe('Node key, stable within a template: lower case letters, digits and _ (节点标识)');
const days = z.number().int().min(0).max(3650).describe('Number of days, counted as the calendar mode says (天数)');
const dateOrNull = z.string().nullable().describe(`${dateText}; null when not known`);

// ---- templates ----

export const templateNodeSchema = z.strictObject({
  key: nodeKey,
  name: requiredText(60).describe('Node name (节点名称)'),
  durationDays: days.describe("Duration (工期) in days of the template's calendar mode"),
});
export const templateDependencySchema = z.strictObject({
  predecessorKey: nodeKey.describe('Key of the node that must finish first (紧前节点)'),
  successorKey: nodeKey.describe('Key of the node that follows (紧后节点)'),
  lagDays: days.describe("Days between the predecessor's finish and the successor's start (间隔天数)"),
});

export const milestoneTemplateSchema = z.object({
  id,
  category: projectCategorySchema,
  name: z.string(),
  calendarMode: calendarModeSchema,
  nodeCount: z.number().int(),
  version,
  updatedAt: z.string().describe(timestampText),
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
  nodes: z.array(templateNodeSchema).min(1).max(60).describe('Every node, in display order; replaces them'),
  dependencies: z.array(templateDependencySchema).max(200).describe('Every finish-to-start dependency; replaces them'),
});
export type UpdateTemplateBody = z.infer<typeof updateTemplateBody>;

// ---- a project's milestones ----

export const milestoneNodeSchema = z.object({
  id,
  projectId: id,
  key: z.string(),
  name: z.string(),
  durationDays: z.number().int().describe('Duration (工期) in days of the calendar mode'),
  sortOrder: z.number().int(),
  predecessors: z
    .array(z.object({ key: z.string(), lagDays: z.number().int() }))
    .describe('Nodes that must finish first (紧前节点), with the lag in days'),
  /** From the current baseline; null before the first baseline is saved. */
  latestStart: dateOrNull.describe(
    `Latest start (最迟开始) by the current baseline: ${dateText}; null before the first baseline`,
  ),
  latestFinish: dateOrNull.describe(
    `Latest finish (最迟完成) by the current baseline: ${dateText}; null before the first baseline`,
  ),
  actualStart: dateOrNull,
  actualFinish: dateOrNull,
  status: milestoneStatusSchema,
  forecastStart: dateOrNull.describe(
    `Forecast start (预计开始): the actual start, else the latest of its baseline start, today and its predecessors' forecast finish plus lag: ${dateText}`,
  ),
  forecastFinish: dateOrNull.describe(
    `Forecast finish (预计完成): the actual finish, else forecast start + duration (not before today once started): ${dateText}`,
  ),
  /** Forecast finish − baseline latest finish, in calendar days (positive = late). */
  slipDays: z
    .number()
    .int()
    .nullable()
    .describe('Forecast finish − baseline latest finish in calendar days, positive = late (滞后天数); null without a baseline'),
  /** Not finished and its latest finish is past. */
  overdue: z.boolean().describe('Not finished and its latest finish is past (逾期)'),
  version,
});
export type MilestoneNode = z.infer<typeof milestoneNodeSchema>;

export const scheduleBaselineSchema = z.object({
  id,
  projectId: id,
  number: z.number().int().describe('Baseline number within the project, from 1 (基线版本)'),
  targetDate: z.string().describe(`Target date the plan works back from (目标日期): ${dateText}`),
  calendarMode: calendarModeSchema,
  isCurrent: z.boolean().describe('The baseline nodes are measured against'),
  createdBy: z.number().int().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string().describe(timestampText),
});
export type ScheduleBaseline = z.infer<typeof scheduleBaselineSchema>;

export const projectMilestonesSchema = z.object({
  projectId: id,
  calendarMode: calendarModeSchema,
  today: z.string().describe(`Today as the server counts it: ${dateText}`),
  baseline: scheduleBaselineSchema.nullable(),
  /** The project's slip: the largest node slip. */
  slipDays: z
    .number()
    .int()
    .nullable()
    .describe('The largest node slip in calendar days, positive = late (滞后天数); null without a baseline'),
  nodes: z.array(milestoneNodeSchema),
  permissions: z.object({
    /** Record actual dates. */
    edit: z.boolean(),
    /** Instantiate from the template, save baselines, change durations. */
    plan: z.boolean(),
  }),
});
export type ProjectMilestones = z.infer<typeof projectMilestonesSchema>;

export const backwardScheduleBody = z.strictObject({
  targetDate: isoDate.describe(
    'Date the last nodes must finish by (目标日期), YYYY-MM-DD Asia/Shanghai: the plan is scheduled backwards from it (倒排工期)',
  ),
});
export type BackwardScheduleBody = z.infer<typeof backwardScheduleBody>;

export const scheduleResultSchema = z.object({
  targetDate: z.string().describe(`Target date (目标日期): ${dateText}`),
  /** The date the final nodes finish on (the target; in working-day mode the last working day on or before it). */
  finishDate: z.string(),
  calendarMode: calendarModeSchema,
  asOf: z.string().describe(`Scheduled as of: ${dateText}`),
  feasible: z.boolean().describe('No node that has not started has a latest start before asOf (可行)'),
  infeasibility: z
    .object({
      key: z.string(),
      name: z.string(),
      latestStart: z.string().describe(`Latest start of the node that cannot make it: ${dateText}`),
      shortByDays: z.number().int().describe('Days the plan is short by (缺少天数)'),
      chain: z.array(z.object({ key: z.string(), name: z.string() })),
    })
    .nullable(),
  nodes: z.array(
    z.object({
      id,
      key: z.string(),
      name: z.string(),
      durationDays: z.number().int().describe('Duration (工期) in days of the calendar mode'),
      latestStart: z.string().describe(`Latest start (最迟开始): ${dateText}`),
      latestFinish: z.string().describe(`Latest finish (最迟完成): ${dateText}`),
      infeasible: z.boolean(),
    }),
  ),
});
export type ScheduleResult = z.infer<typeof scheduleResultSchema>;

export const savedBaselineSchema = z.object({ baseline: scheduleBaselineSchema, schedule: scheduleResultSchema });

export const updateMilestoneBody = z.strictObject({
  version,
  actualStart: isoDate
    .nullable()
    .optional()
    .describe('Actual start (实际开始), YYYY-MM-DD Asia/Shanghai, not in the future; null clears it'),
  actualFinish: isoDate
    .nullable()
    .optional()
    .describe('Actual finish (实际完成), YYYY-MM-DD Asia/Shanghai, not in the future; null clears it'),
  /** Office/admin only: adjust this project's copy of the node. */
  durationDays: days.optional().describe("Office/admin only: this project's duration of the node (工期)"),
});
export type UpdateMilestoneBody = z.infer<typeof updateMilestoneBody>;

// ---- across projects ----

const idFilter = idParam.optional();
const boolQuery = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .describe('true or false');

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
  overdue: boolQuery.optional().describe('true: only nodes not finished and past their latest finish (逾期)'),
  /** Unfinished nodes whose latest finish falls within today … today + N days. */
  dueWithinDays: z.coerce
    .number()
    .int()
    .min(0)
    .max(366)
    .optional()
    .describe('Only unfinished nodes whose latest finish is within today … today + N days (Asia/Shanghai) (临期)'),
});
export type ListMilestonesQuery = z.infer<typeof listMilestonesQuery>;

export const milestoneListItemSchema = z.object({
  id,
  projectId: id,
  projectCode: z.string(),
  projectName: z.string(),
  key: z.string(),
  name: z.string(),
  latestStart: dateOrNull.describe(
    `Latest start (最迟开始) by the current baseline: ${dateText}; null before the first baseline`,
  ),
  latestFinish: dateOrNull.describe(
    `Latest finish (最迟完成) by the current baseline: ${dateText}; null before the first baseline`,
  ),
  actualStart: dateOrNull,
  actualFinish: dateOrNull,
  status: milestoneStatusSchema,
  overdue: z.boolean(),
  /** Days past the latest finish (0 when not overdue). */
  overdueDays: z.number().int().describe('Days past the latest finish, 0 when not overdue (逾期天数)'),
  /** Forecast and slip as in the project's view and the Gantt (slip null without a baseline). */
  forecastFinish: z.string().describe(`Forecast finish (预计完成): ${dateText}`),
  slipDays: z.number().int().nullable().describe('Slip in calendar days, positive = late (滞后天数); null without a baseline'),
  leadUnitName: z.string().nullable(),
  leaderName: z.string().nullable(),
  version,
});
export type MilestoneListItem = z.infer<typeof milestoneListItemSchema>;

export const ganttQuery = z.strictObject({
  ...portfolioFilters,
  /** Also each project's ledger items 台账事项 (one more statement for the whole response). */
  ledger: boolQuery.optional().describe("true: also each project's ledger items (台账事项)"),
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
  forecastStart: z.string().describe(`Forecast start (预计开始): ${dateText}`),
  forecastFinish: z.string().describe(`Forecast finish (预计完成): ${dateText}`),
  slipDays: z.number().int().nullable().describe('Slip in calendar days, positive = late (滞后天数); null without a baseline'),
  status: milestoneStatusSchema,
  /** Finished after, or forecast to finish after, its plan: drawn red. */
  late: z.boolean().describe('Finished, or forecast to finish, after its plan (滞后)'),
  overdue: z.boolean(),
});
export type GanttBar = z.infer<typeof ganttBarSchema>;

/**
 * A ledger item as a Gantt row: its plan runs to its deadline; done items end on their completion date;
 * a recurring item (长期事项) has no end: an ongoing row from the day it was recorded.
 */
export const ganttLedgerItemSchema = z.object({
  id,
  seq: z.number().int(),
  content: z.string(),
  unitName: z.string().nullable(),
  ownerName: z.string().nullable(),
  status: ledgerStatusSchema,
  /** The day the item was recorded (Asia/Shanghai), or deadline − 14 days when recorded after its deadline. */
  planStart: z.string(),
  /** The deadline 完成时限; null for a recurring item. */
  planFinish: z.string().nullable().describe(`The deadline (完成时限): ${dateText}; null for a recurring item (长期事项)`),
  recurring: z.boolean().describe('Recurring item 长期事项: no deadline, drawn as an ongoing row, never overdue'),
  completedOn: dateOrNull,
  /** Not done and past its deadline: drawn red. */
  overdue: z.boolean(),
  focus: stageFocusSchema,
});
export type GanttLedgerItem = z.infer<typeof ganttLedgerItemSchema>;

export const ganttSchema = z.object({
  today: z.string().describe(`Today as the server counts it: ${dateText}`),
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
      slipDays: z
        .number()
        .int()
        .nullable()
        .describe('The largest node slip in calendar days, positive = late (滞后天数); null without a baseline'),
      late: z.boolean().describe('Some node finished, or is forecast to finish, after its plan (滞后)'),
      nodes: z.array(ganttBarSchema),
      /** Only with `ledger=true`: the project's ledger items by 序号. */
      ledgerItems: z.array(ganttLedgerItemSchema).optional(),
    }),
  ),
});
export type Gantt = z.infer<typeof ganttSchema>;
