/** The project library: a key project, its four-ones responsibility, and stage transitions. */
import { z } from 'zod';
import { dateText, id, isoDate, paging, phone, regionCode, requiredText, text, timestampText, version, yuan } from './common.js';
import { projectCategorySchema, projectLevelSchema, stageSchema, taskForcePostSchema } from './enums.js';

export const contactSchema = z.strictObject({
  name: requiredText(64),
  phone: phone.nullable().optional(),
  role: text(64).nullable().optional(),
});

export const taskForceMemberInput = z.strictObject({
  name: requiredText(64),
  post: taskForcePostSchema,
  unitId: id.nullable().optional().describe('Unit the member comes from (所在单位)'),
  userId: id.nullable().optional().describe('User account of the member, if any'),
  phone: phone.nullable().optional(),
  duty: text(200).nullable().optional().describe('Duty in the task force (职责分工)'),
});
export const taskForceMemberSchema = taskForceMemberInput.extend({ id }).strip();

const dateOrNull = isoDate.nullable().optional();
const yuanOut = (what: string) => z.number().int().describe(`${what}, integer yuan (元)`);
const yuanOrNull = (what: string) => z.number().int().nullable().describe(`${what}, integer yuan (元)`);
const dateOut = (what: string) => z.string().nullable().describe(`${what}: ${dateText}`);

/** Fields a user edits; shared by create and update. */
const projectFields = {
  code: requiredText(32).describe('Project code, unique (项目编号)'),
  name: requiredText(200).describe('Project name (项目名称)'),
  level: projectLevelSchema,
  category: projectCategorySchema,
  industryChain: text(100).nullable().optional().describe('Industry chain (产业链)'),
  enterpriseId: id.nullable().optional().describe('Owning enterprise (项目业主), from GET /enterprises'),
  regionCode: regionCode.describe('Region the project lies in (所属区域): administrative division code'),
  location: text(200).nullable().optional().describe('Site address (建设地点)'),
  lat: z.number().min(-90).max(90).nullable().optional().describe('Latitude in degrees, WGS-84 (纬度)'),
  lng: z.number().min(-180).max(180).nullable().optional().describe('Longitude in degrees, WGS-84 (经度)'),
  totalInvestment: yuan.describe('Total investment in integer yuan (总投资, 元)'),
  firstPhaseInvestment: yuan.nullable().optional().describe('First-phase investment in integer yuan (一期投资, 元)'),
  contractDate: dateOrNull.describe('Contract signing date (签约日期), YYYY-MM-DD Asia/Shanghai'),
  plannedStartDate: dateOrNull.describe('Planned start date (计划开工日期), YYYY-MM-DD Asia/Shanghai'),
  actualStartDate: dateOrNull.describe('Actual start date (实际开工日期), YYYY-MM-DD Asia/Shanghai'),
  plannedCompletionDate: dateOrNull.describe('Planned completion date (计划竣工日期), YYYY-MM-DD Asia/Shanghai'),
  actualCompletionDate: dateOrNull.describe('Actual completion date (实际竣工日期), YYYY-MM-DD Asia/Shanghai'),
  plannedCommissioningDate: dateOrNull.describe('Planned commissioning date (计划投产日期), YYYY-MM-DD Asia/Shanghai'),
  actualCommissioningDate: dateOrNull.describe('Actual commissioning date (实际投产日期), YYYY-MM-DD Asia/Shanghai'),
  targetOutputValue: yuan.nullable().optional().describe('Annual output value at target in integer yuan (达效产值, 元)'),
  targetTax: yuan.nullable().optional().describe('Annual tax at target in integer yuan (达效税收, 元)'),
  contacts: z.array(contactSchema).max(20).optional().describe('Contact people of the project (联系人)'),
  tags: z.array(requiredText(20)).max(20).optional().describe('Free tags (标签)'),
  leaderId: id.nullable().optional().describe('Contracting county leader (包联县级领导), from GET /leaders'),
  leadUnitId: id.nullable().optional().describe('Lead responsible unit (牵头责任单位), from GET /units'),
  cooperatingUnitIds: z.array(id).max(30).optional().describe('Cooperating units (配合单位), ids from GET /units'),
  taskForce: z
    .array(taskForceMemberInput)
    .max(50)
    .optional()
    .describe("The project's task force (工作专班); replaces the whole list"),
  description: text(2000).nullable().optional().describe('Project description (项目简介)'),
};

export const createProjectBody = z.strictObject(projectFields);
export type CreateProjectBody = z.infer<typeof createProjectBody>;

export const updateProjectBody = z.strictObject({
  version,
  ...Object.fromEntries(Object.entries(projectFields).map(([k, v]) => [k, v.optional()])),
} as { version: typeof version } & { [K in keyof typeof projectFields]: z.ZodOptional<(typeof projectFields)[K]> });
export type UpdateProjectBody = z.infer<typeof updateProjectBody>;

export const projectSchema = z.object({
  id,
  code: z.string().describe('Project code (项目编号)'),
  name: z.string(),
  level: projectLevelSchema,
  category: projectCategorySchema,
  industryChain: z.string().nullable(),
  enterpriseId: z.number().int().nullable().describe('Owning enterprise (项目业主)'),
  enterpriseName: z.string().nullable(),
  regionCode: regionCode.describe('Region the project lies in (所属区域)'),
  regionName: z.string().nullable(),
  location: z.string().nullable(),
  lat: z.number().nullable().describe('Latitude in degrees, WGS-84 (纬度)'),
  lng: z.number().nullable().describe('Longitude in degrees, WGS-84 (经度)'),
  totalInvestment: yuanOut('Total investment (总投资)'),
  firstPhaseInvestment: yuanOrNull('First-phase investment (一期投资)'),
  contractDate: dateOut('Contract signing date (签约日期)'),
  plannedStartDate: dateOut('Planned start date (计划开工日期)'),
  actualStartDate: dateOut('Actual start date (实际开工日期)'),
  plannedCompletionDate: dateOut('Planned completion date (计划竣工日期)'),
  actualCompletionDate: dateOut('Actual completion date (实际竣工日期)'),
  plannedCommissioningDate: dateOut('Planned commissioning date (计划投产日期)'),
  actualCommissioningDate: dateOut('Actual commissioning date (实际投产日期)'),
  targetOutputValue: yuanOrNull('Annual output value at target (达效产值)'),
  targetTax: yuanOrNull('Annual tax at target (达效税收)'),
  contacts: z.array(
    z.object({ name: z.string(), phone: z.string().nullable().optional(), role: z.string().nullable().optional() }),
  ),
  tags: z.array(z.string()),
  stage: stageSchema,
  leaderId: z.number().int().nullable().describe('Contracting county leader (包联县级领导)'),
  leaderName: z.string().nullable(),
  leadUnitId: z.number().int().nullable().describe('Lead responsible unit (牵头责任单位)'),
  leadUnitName: z.string().nullable(),
  cooperatingUnitIds: z.array(z.number().int()).describe('Cooperating units (配合单位)'),
  description: z.string().nullable(),
  version,
  createdAt: z.string().describe(timestampText),
  updatedAt: z.string().describe(timestampText),
});
export type Project = z.infer<typeof projectSchema>;

export const stageTransitionSchema = z.object({
  id,
  fromStage: stageSchema.nullable().describe('Stage before; null for the first recorded stage'),
  toStage: stageSchema,
  onDate: z.string().describe(`Date the project reached the stage: ${dateText}`),
  byUserId: z.number().int().nullable(),
  byUserName: z.string().nullable(),
  reason: z.string().nullable(),
  isRollback: z.boolean().describe('A step back to an earlier stage (回退)'),
  createdAt: z.string().describe(timestampText),
});
export type StageTransition = z.infer<typeof stageTransitionSchema>;

export const projectDetailSchema = projectSchema.extend({
  taskForce: z.array(
    z.object({
      id,
      name: z.string(),
      post: taskForcePostSchema,
      unitId: z.number().int().nullable(),
      userId: z.number().int().nullable(),
      phone: z.string().nullable(),
      duty: z.string().nullable(),
    }),
  ),
  transitions: z.array(stageTransitionSchema),
  /** What the current user may do with this project (drives buttons in the web). */
  permissions: z
    .object({
      edit: z.boolean(),
      delete: z.boolean(),
      transition: z.boolean(),
      rollback: z.boolean(),
      proposeStage: z.boolean(),
    })
    .describe(
      'What the current user may do with this project: edit, delete, move to the next stage, roll back, propose a stage change for the office to confirm (the server checks again)',
    ),
});
export type ProjectDetail = z.infer<typeof projectDetailSchema>;

export const transitionBody = z.strictObject({
  version,
  toStage: stageSchema.describe('The stage to move to: the next one, or an earlier one for a rollback (office only)'),
  onDate: isoDate.describe(
    'Date the stage was reached (YYYY-MM-DD, Asia/Shanghai): not in the future, not before the last transition',
  ),
  reason: text(500).optional().describe('Reason (原因); required for a rollback'),
});
export type TransitionBody = z.infer<typeof transitionBody>;

export const deleteProjectQuery = z.strictObject({
  version: z.coerce.number().int().min(1).describe('The version you read (版本号); a stale one is refused with 409'),
});

export const projectSortFields = ['code', 'name', 'level', 'stage', 'totalInvestment', 'contractDate', 'updatedAt'] as const;

export const listProjectsQuery = z.strictObject({
  ...paging,
  level: projectLevelSchema.optional(),
  stage: stageSchema.optional(),
  category: projectCategorySchema.optional(),
  unitId: z.coerce
    .number()
    .int()
    .positive()
    .max(2_147_483_647)
    .optional()
    .describe('Projects this unit leads or cooperates on (责任单位)'),
  leaderId: z.coerce
    .number()
    .int()
    .positive()
    .max(2_147_483_647)
    .optional()
    .describe('Projects of this contracting leader (包联领导)'),
  regionCode: regionCode.optional().describe('Projects in this region and below'),
  q: text(100).optional().describe('Text search in the project name and code'),
  /** Comma list of project ids, used by dashboard drill-downs. */
  ids: z
    .string()
    .regex(/^\d{1,10}(,\d{1,10}){0,499}$/)
    .optional()
    .describe('Comma-separated project ids, at most 500 (e.g. 3,17,42)'),
  sort: z.enum(projectSortFields).default('code').describe('Sort field'),
  order: z.enum(['asc', 'desc']).default('asc').describe('Sort direction: asc (升序) or desc (降序)'),
});
export type ListProjectsQuery = z.infer<typeof listProjectsQuery>;
