/** The project library: a key project, its four-ones responsibility, and stage transitions. */
import { z } from 'zod';
import { id, isoDate, paging, phone, regionCode, requiredText, text, version, yuan } from './common.js';
import { projectCategorySchema, projectLevelSchema, stageSchema, taskForcePostSchema } from './enums.js';

export const contactSchema = z.strictObject({
  name: requiredText(64),
  phone: phone.nullable().optional(),
  role: text(64).nullable().optional(),
});

export const taskForceMemberInput = z.strictObject({
  name: requiredText(64),
  post: taskForcePostSchema,
  unitId: id.nullable().optional(),
  userId: id.nullable().optional(),
  phone: phone.nullable().optional(),
  duty: text(200).nullable().optional(),
});
export const taskForceMemberSchema = taskForceMemberInput.extend({ id }).strip();

const dateOrNull = isoDate.nullable().optional();

/** Fields a user edits; shared by create and update. */
const projectFields = {
  code: requiredText(32),
  name: requiredText(200),
  level: projectLevelSchema,
  category: projectCategorySchema,
  industryChain: text(100).nullable().optional(),
  enterpriseId: id.nullable().optional(),
  regionCode,
  location: text(200).nullable().optional(),
  lat: z.number().min(-90).max(90).nullable().optional(),
  lng: z.number().min(-180).max(180).nullable().optional(),
  totalInvestment: yuan,
  firstPhaseInvestment: yuan.nullable().optional(),
  contractDate: dateOrNull,
  plannedStartDate: dateOrNull,
  actualStartDate: dateOrNull,
  plannedCompletionDate: dateOrNull,
  actualCompletionDate: dateOrNull,
  plannedCommissioningDate: dateOrNull,
  actualCommissioningDate: dateOrNull,
  targetOutputValue: yuan.nullable().optional(),
  targetTax: yuan.nullable().optional(),
  contacts: z.array(contactSchema).max(20).optional(),
  tags: z.array(requiredText(20)).max(20).optional(),
  leaderId: id.nullable().optional(),
  leadUnitId: id.nullable().optional(),
  cooperatingUnitIds: z.array(id).max(30).optional(),
  taskForce: z.array(taskForceMemberInput).max(50).optional(),
  description: text(2000).nullable().optional(),
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
  code: z.string(),
  name: z.string(),
  level: projectLevelSchema,
  category: projectCategorySchema,
  industryChain: z.string().nullable(),
  enterpriseId: z.number().int().nullable(),
  enterpriseName: z.string().nullable(),
  regionCode,
  regionName: z.string().nullable(),
  location: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  totalInvestment: z.number().int(),
  firstPhaseInvestment: z.number().int().nullable(),
  contractDate: z.string().nullable(),
  plannedStartDate: z.string().nullable(),
  actualStartDate: z.string().nullable(),
  plannedCompletionDate: z.string().nullable(),
  actualCompletionDate: z.string().nullable(),
  plannedCommissioningDate: z.string().nullable(),
  actualCommissioningDate: z.string().nullable(),
  targetOutputValue: z.number().int().nullable(),
  targetTax: z.number().int().nullable(),
  contacts: z.array(
    z.object({ name: z.string(), phone: z.string().nullable().optional(), role: z.string().nullable().optional() }),
  ),
  tags: z.array(z.string()),
  stage: stageSchema,
  leaderId: z.number().int().nullable(),
  leaderName: z.string().nullable(),
  leadUnitId: z.number().int().nullable(),
  leadUnitName: z.string().nullable(),
  cooperatingUnitIds: z.array(z.number().int()),
  description: z.string().nullable(),
  version,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Project = z.infer<typeof projectSchema>;

export const stageTransitionSchema = z.object({
  id,
  fromStage: stageSchema.nullable(),
  toStage: stageSchema,
  onDate: z.string(),
  byUserId: z.number().int().nullable(),
  byUserName: z.string().nullable(),
  reason: z.string().nullable(),
  isRollback: z.boolean(),
  createdAt: z.string(),
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
  permissions: z.object({ edit: z.boolean(), delete: z.boolean(), transition: z.boolean(), rollback: z.boolean() }),
});
export type ProjectDetail = z.infer<typeof projectDetailSchema>;

export const transitionBody = z.strictObject({
  version,
  toStage: stageSchema,
  onDate: isoDate,
  reason: text(500).optional(),
});
export type TransitionBody = z.infer<typeof transitionBody>;

export const deleteProjectQuery = z.strictObject({ version: z.coerce.number().int().min(1) });

export const projectSortFields = ['code', 'name', 'level', 'stage', 'totalInvestment', 'contractDate', 'updatedAt'] as const;

export const listProjectsQuery = z.strictObject({
  ...paging,
  level: projectLevelSchema.optional(),
  stage: stageSchema.optional(),
  category: projectCategorySchema.optional(),
  unitId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  leaderId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  regionCode: regionCode.optional(),
  q: text(100).optional(),
  /** Comma list of project ids, used by dashboard drill-downs. */
  ids: z
    .string()
    .regex(/^\d{1,10}(,\d{1,10}){0,499}$/)
    .optional(),
  sort: z.enum(projectSortFields).default('code'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type ListProjectsQuery = z.infer<typeof listProjectsQuery>;
