/** Problems 问题: raised, worked on, resolved, verified (or escalated to a higher leader); lists, board, per project. */
import { z } from 'zod';
import { dateText, id, isoDate, paging, requiredText, text, timestampText, version } from './common.js';
import { problemCategorySchema, problemSourceSchema, problemStatusSchema, problemStatuses } from './enums.js';

const boolQuery = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .describe('true or false');
const idQuery = z.coerce.number().int().positive().max(2_147_483_647).describe('Record id (编号)');

const problemFields = {
  category: problemCategorySchema,
  description: requiredText(1000).describe('What the problem is (问题描述)'),
  unitId: id.nullable().optional().describe('Id of the responsible unit (责任单位), from GET /units'),
  leaderId: id.nullable().optional().describe('Id of the coordinating leader (协调领导), from GET /leaders'),
  deadline: isoDate
    .nullable()
    .optional()
    .describe('Deadline (完成时限) YYYY-MM-DD, Asia/Shanghai; overdue from the day after while not resolved'),
  progressNote: text(2000).nullable().optional().describe('How it stands (进展情况)'),
};

export const createProblemBody = z.strictObject({
  projectId: id.describe('Id of the project the problem holds up (项目)'),
  source: problemSourceSchema
    .optional()
    .describe('Where it came from (问题来源): unit_report when omitted; a unit always reports unit_report'),
  ...problemFields,
});
export type CreateProblemBody = z.infer<typeof createProblemBody>;

export const updateProblemBody = z.strictObject({
  version,
  category: problemCategorySchema.optional(),
  description: problemFields.description.optional(),
  unitId: problemFields.unitId,
  leaderId: problemFields.leaderId,
  deadline: problemFields.deadline,
  progressNote: problemFields.progressNote,
});
export type UpdateProblemBody = z.infer<typeof updateProblemBody>;

export const problemVersionBody = z.strictObject({ version });
export const resolveProblemBody = z.strictObject({
  version,
  resolution: requiredText(2000).describe('How it was solved (解决情况); required to resolve'),
});
export type ResolveProblemBody = z.infer<typeof resolveProblemBody>;
export const escalateProblemBody = z.strictObject({
  version,
  toLeaderId: id.describe('Id of the higher leader it goes to (上报领导), not its coordinating leader'),
  reason: requiredText(1000).describe('Why it needs a higher leader (上报原因)'),
});
export type EscalateProblemBody = z.infer<typeof escalateProblemBody>;
export const reopenProblemBody = z.strictObject({
  version,
  reason: requiredText(1000).describe('Why the resolution is not accepted (退回原因); the problem goes back to in_progress'),
});
export type ReopenProblemBody = z.infer<typeof reopenProblemBody>;

/** The transitions of a problem, each its own endpoint: POST /problems/:id/<action>. */
export const problemActions = ['start', 'resolve', 'escalate', 'verify', 'reopen'] as const;
export type ProblemAction = (typeof problemActions)[number];

export const problemSchema = z.object({
  id,
  projectId: z.number().int().describe('Id of the project (项目)'),
  projectCode: z.string().describe('Project code (项目编号)'),
  projectName: z.string(),
  category: problemCategorySchema,
  source: problemSourceSchema,
  description: z.string().describe('What the problem is (问题描述)'),
  raisedByName: z.string().nullable().describe('Who raised it (提出人)'),
  raisedOn: z.string().describe(`The day it was raised (提出日期): ${dateText}`),
  unitId: z.number().int().nullable().describe('Responsible unit (责任单位)'),
  unitName: z.string().nullable(),
  leaderId: z.number().int().nullable().describe('Coordinating leader (协调领导)'),
  leaderName: z.string().nullable(),
  deadline: z.string().nullable().describe(`Deadline (完成时限): ${dateText}`),
  status: problemStatusSchema,
  escalatedToLeaderId: z.number().int().nullable().describe('The higher leader it was escalated to (上报领导)'),
  escalatedToLeaderName: z.string().nullable(),
  escalatedAt: z.string().nullable().describe(timestampText),
  escalationReason: z.string().nullable().describe('Why it was escalated (上报原因)'),
  progressNote: z.string().nullable().describe('How it stands (进展情况)'),
  resolution: z.string().nullable().describe('How it was solved (解决情况)'),
  resolvedOn: z.string().nullable().describe(`The day it was resolved (解决日期): ${dateText}`),
  solvedOnSite: z.boolean().describe('Solved on the spot in a site check or an on-site office meeting (现场解决)'),
  solvedByLeaderName: z.string().nullable().describe('The leader who solved it on site (现场解决领导)'),
  verifiedAt: z.string().nullable().describe(`When the office or the supervisor verified it (核验时间): ${timestampText}`),
  daysOpen: z.number().int().describe('Days from raised to resolved, or to today while open (已用天数)'),
  overdue: z.boolean().describe('Not resolved and past its deadline, by the Asia/Shanghai date (逾期)'),
  attachmentCount: z.number().int().describe('Number of evidence files (佐证材料数)'),
  version,
  createdAt: z.string().describe(timestampText),
  updatedAt: z.string().describe(timestampText),
  permissions: z
    .object({
      edit: z.boolean(),
      start: z.boolean(),
      resolve: z.boolean(),
      escalate: z.boolean(),
      verify: z.boolean(),
      reopen: z.boolean(),
      upload: z.boolean(),
    })
    .describe('What the current user may do now, by role and by the status (the server checks again)'),
});
export type Problem = z.infer<typeof problemSchema>;

const problemFilters = {
  projectId: idQuery.optional().describe("Only this project's problems"),
  category: problemCategorySchema.optional(),
  unitId: idQuery.optional().describe('Only the problems of this responsible unit (责任单位)'),
  leaderId: idQuery.optional().describe('Only the problems this leader coordinates or that were escalated to them (协调领导)'),
  status: problemStatusSchema.optional(),
  source: problemSourceSchema.optional(),
  overdue: boolQuery.optional().describe('true: only problems open, in progress or escalated past their deadline (逾期)'),
  q: text(100).optional().describe('Text search in the description, the project name and the project code'),
};

export const listProblemsQuery = z.strictObject({ ...paging, ...problemFilters });
export type ListProblemsQuery = z.infer<typeof listProblemsQuery>;
export const listProjectProblemsQuery = z.strictObject({
  ...paging,
  status: problemStatusSchema.optional(),
  overdue: problemFilters.overdue,
});
export type ListProjectProblemsQuery = z.infer<typeof listProjectProblemsQuery>;
/** The board and the export take the list's filters; the board without a status (it counts them all). */
export const problemBoardQuery = z.strictObject(problemFilters).omit({ status: true });
export type ProblemBoardQuery = z.infer<typeof problemBoardQuery>;
export const exportProblemsQuery = z.strictObject(problemFilters);
export type ExportProblemsQuery = z.infer<typeof exportProblemsQuery>;

export const problemBoardSchema = z.object({
  counts: z
    .object(
      Object.fromEntries(problemStatuses.map((s) => [s, z.number().int()])) as Record<
        (typeof problemStatuses)[number],
        z.ZodNumber
      >,
    )
    .describe('Problems per status under the filters (看板各列数量)'),
  overdue: z.number().int().describe('Of them, open, in progress or escalated past their deadline (逾期)'),
  total: z.number().int(),
});
export type ProblemBoard = z.infer<typeof problemBoardSchema>;

/** Why a problem write was refused (field messages). */
export const problemMessages = {
  escalate_to_self: {
    'zh-CN': '上报领导不能是该问题的协调领导',
    en: 'Escalate to a leader other than the coordinating one',
  },
  unit_own_only: {
    'zh-CN': '单位只能上报本单位负责的问题',
    en: 'A unit reports problems its own unit is responsible for',
  },
  illegal_transition: {
    'zh-CN': '问题当前状态下不能执行此操作',
    en: 'Not possible in the problem’s current status',
  },
} as const;
