/** The zod schemas of the shared enumerations; their values, types and zh-CN/English labels are in enum-values.ts. */
import { z } from 'zod';
import { enumText } from './common.js';
import {
  agendaReasonLabels,
  agendaReasons,
  decisionStateLabels,
  decisionStatuses,
  instructionStatusLabels,
  instructionStatuses,
  instructionSubjectLabels,
  instructionSubjects,
  locationStatusLabels,
  locationStatuses,
  meetingKindLabels,
  meetingKinds,
  meetingStatusLabels,
  meetingStatuses,
  problemCategories,
  problemCategoryLabels,
  problemSourceLabels,
  problemSources,
  problemStatusLabels,
  problemStatuses,
  projectCategories,
  projectCategoryLabels,
  projectLevelLabels,
  projectLevels,
  quotaPersonTypeLabels,
  ragLabels,
  ragRuleLabels,
  ragRules,
  rags,
  quotaPersonTypes,
  roleLabels,
  roles,
  stageLabels,
  stageProposalStatusLabels,
  stageProposalStatuses,
  stages,
  taskForcePostLabels,
  taskForcePosts,
} from './enum-values.js';

export * from './enum-values.js';

export const roleSchema = z.enum(roles).describe(enumText('Role (角色)', roleLabels));

export const projectLevelSchema = z.enum(projectLevels).describe(enumText('Project level (项目级别)', projectLevelLabels));

export const projectCategorySchema = z
  .enum(projectCategories)
  .describe(enumText('Project category (项目类别)', projectCategoryLabels));

export const stageSchema = z.enum(stages).describe(enumText('Project stage (项目阶段), in lifecycle order', stageLabels));

export const taskForcePostSchema = z
  .enum(taskForcePosts)
  .describe(enumText('Post in the project task force (专班职务)', taskForcePostLabels));

export const meetingKindSchema = z.enum(meetingKinds).describe(enumText('Meeting kind (会议类型)', meetingKindLabels));

export const meetingStatusSchema = z.enum(meetingStatuses).describe(enumText('Meeting status (会议状态)', meetingStatusLabels));

export const agendaReasonSchema = z.enum(agendaReasons).describe(enumText('Agenda reason (上会原因)', agendaReasonLabels));

export const decisionStatusSchema = z
  .enum(decisionStatuses)
  .describe(enumText('Decision status (议定事项状态)', decisionStateLabels));

export const problemCategorySchema = z
  .enum(problemCategories)
  .describe(enumText('Problem category (问题类别)', problemCategoryLabels));

export const problemSourceSchema = z
  .enum(problemSources)
  .describe(enumText('Where a problem came from (问题来源)', problemSourceLabels));

export const problemStatusSchema = z.enum(problemStatuses).describe(enumText('Problem status (问题状态)', problemStatusLabels));

export const locationStatusSchema = z
  .enum(locationStatuses)
  .describe(enumText('Site-check location status (定位状态)', locationStatusLabels));

export const quotaPersonTypeSchema = z
  .enum(quotaPersonTypes)
  .describe(enumText('Person type in the weekly quota (考核对象)', quotaPersonTypeLabels));

export const instructionSubjectSchema = z
  .enum(instructionSubjects)
  .describe(enumText('What a leader instruction is about (批示对象)', instructionSubjectLabels));

export const instructionStatusSchema = z
  .enum(instructionStatuses)
  .describe(enumText('Leader instruction status (批示状态)', instructionStatusLabels));

export const stageProposalStatusSchema = z
  .enum(stageProposalStatuses)
  .describe(enumText('Stage proposal status (阶段变更申请状态)', stageProposalStatusLabels));

export const ragSchema = z.enum(rags).describe(enumText('Supervision colour (三色督办)', ragLabels));
export const ragRuleSchema = z.enum(ragRules).describe(enumText('Colour rule (评色规则)', ragRuleLabels));
