/**
 * Meetings 周例会 / 现场办公会 / 观摩点评会, their series, agendas, decisions 议定事项, the agenda the
 * system proposes, and the problems raised or solved in a meeting.
 */
import { z } from 'zod';
import { dateText, enumText, id, isoDate, paging, requiredText, text, timestampText, version } from './common.js';
import {
  agendaReasonSchema,
  decisionStateLabels,
  decisionStatuses,
  decisionStatusSchema,
  meetingKindSchema,
  meetingStatusSchema,
  problemCategorySchema,
} from './enums.js';
import type { LocalisedText } from './messages/user.js';

const idQuery = z.coerce.number().int().positive().max(2_147_483_647).describe('Record id (编号)');

/** 'HH:mm' on the 24-hour clock, Asia/Shanghai. */
export const timeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time_of_day')
  .describe('Time of day HH:mm, 24-hour clock, Asia/Shanghai (北京时间)');

// ---- series ----

export const meetingSeriesSchema = z.object({
  id,
  regionCode: z.string().describe('Region the series belongs to (区划代码)'),
  name: z.string().describe('Name of the weekly series, e.g. 项目建设周例会'),
  chairLeaderId: z.number().int().nullable().describe('Leader who chairs it (主持领导)'),
  chairLeaderName: z.string().nullable().describe('Name of the chair'),
  sortOrder: z.number().int().describe('Order in lists, smallest first (排序)'),
  active: z.boolean().describe('Still held (启用); an inactive series keeps its meetings'),
  heldCount: z.number().int().describe('Meetings of this series held so far (已召开次数)'),
  version,
});
export type MeetingSeries = z.infer<typeof meetingSeriesSchema>;

export const createMeetingSeriesBody = z.strictObject({
  name: requiredText(64).describe('Name of the weekly series (会议名称), unique in the region'),
  chairLeaderId: id.nullable().optional().describe('Leader who chairs it (主持领导), from GET /leaders'),
  sortOrder: z.number().int().min(0).max(999).optional().describe('Order in lists, smallest first (排序)'),
  active: z.boolean().optional().describe('Still held (启用); default true'),
});
export type CreateMeetingSeriesBody = z.infer<typeof createMeetingSeriesBody>;
export const updateMeetingSeriesBody = createMeetingSeriesBody.partial().extend({ version });
export type UpdateMeetingSeriesBody = z.infer<typeof updateMeetingSeriesBody>;

// ---- meetings ----

export const agendaItemInput = z.strictObject({
  projectId: id.describe('Project discussed (议题项目)'),
  reasons: z.array(agendaReasonSchema).max(5).default([]).describe('Why it is on the agenda (上会原因)'),
  notes: text(4000).nullable().optional().describe('What was discussed about it (议定内容 / 讨论情况)'),
});
export type AgendaItemInput = z.infer<typeof agendaItemInput>;

const meetingFields = {
  kind: meetingKindSchema,
  seriesId: id.nullable().optional().describe('Weekly meetings: the series (周例会系列), from GET /meeting-series'),
  title: requiredText(200).describe('Title (会议名称), e.g. 项目建设周例会（第12期）'),
  date: isoDate.describe('Day it is held (会议日期), Asia/Shanghai'),
  time: timeOfDay.describe('Time it starts (开始时间) HH:mm, Asia/Shanghai'),
  place: text(200).nullable().optional().describe('Where (会议地点)'),
  siteProjectId: id
    .nullable()
    .optional()
    .describe('On-site office meetings: the project it is held at (现场办公项目); required for that kind'),
  chairLeaderId: id.nullable().optional().describe('Leader who chairs it (主持领导)'),
  attendeeLeaderIds: z.array(id).max(100).optional().describe('Leaders attending (参会领导)'),
  attendeeUnitIds: z.array(id).max(200).optional().describe('Units attending (参会单位)'),
  attendeePeople: z.array(requiredText(64)).max(200).optional().describe('Other people attending, by name (其他参会人员)'),
  minutes: text(20_000).nullable().optional().describe('Minutes text (会议纪要正文)'),
  status: meetingStatusSchema.optional().describe('planned (待召开) or held (已召开); default planned'),
};

export const createMeetingBody = z.strictObject({
  ...meetingFields,
  agenda: z
    .array(agendaItemInput)
    .max(200)
    .optional()
    .describe(
      'Projects discussed (议题). Omitted for a weekly meeting: drafted from the agenda proposal as of its date (逾期节点、台账、议定事项、超期问题)',
    ),
});
export type CreateMeetingBody = z.infer<typeof createMeetingBody>;

export const updateMeetingBody = z.strictObject({
  version,
  seriesId: meetingFields.seriesId,
  title: meetingFields.title.optional(),
  date: meetingFields.date.optional(),
  time: meetingFields.time.optional(),
  place: meetingFields.place,
  siteProjectId: meetingFields.siteProjectId,
  chairLeaderId: meetingFields.chairLeaderId,
  attendeeLeaderIds: meetingFields.attendeeLeaderIds,
  attendeeUnitIds: meetingFields.attendeeUnitIds,
  attendeePeople: meetingFields.attendeePeople,
  minutes: meetingFields.minutes,
  status: meetingFields.status,
  agenda: z.array(agendaItemInput).max(200).optional().describe('The whole agenda, replacing the one stored (议题)'),
});
export type UpdateMeetingBody = z.infer<typeof updateMeetingBody>;

export const agendaItemSchema = z.object({
  projectId: z.number().int().describe('Project discussed (议题项目)'),
  projectCode: z.string().describe('Project code (项目编号)'),
  projectName: z.string().describe('Project name (项目名称)'),
  reasons: z.array(agendaReasonSchema).describe('Why it is on the agenda (上会原因)'),
  notes: z.string().nullable().describe('What was discussed (讨论情况)'),
});
export type AgendaItem = z.infer<typeof agendaItemSchema>;

export const decisionStateSchema = z
  .enum([...decisionStatuses, 'overdue'])
  .describe(enumText('State of a decision as read today (议定事项状态)', decisionStateLabels));
export type DecisionState = z.infer<typeof decisionStateSchema>;

export const decisionSchema = z.object({
  id,
  meetingId: z.number().int().describe('Meeting that decided it (会议)'),
  meetingTitle: z.string().describe('Title of the meeting (会议名称)'),
  meetingDate: z.string().describe(`Day of the meeting: ${dateText}`),
  projectId: z.number().int().nullable().describe('Project it concerns (项目), if any'),
  projectName: z.string().nullable().describe('Project name (项目名称)'),
  content: z.string().describe('What was decided (议定事项)'),
  unitId: z.number().int().describe('Responsible unit (责任单位)'),
  unitName: z.string().nullable().describe('Name of the responsible unit (责任单位)'),
  ownerName: z.string().nullable().describe('Person responsible (责任人)'),
  deadline: z.string().describe(`Deadline (完成时限): ${dateText}`),
  status: decisionStatusSchema,
  state: decisionStateSchema,
  overdue: z.boolean().describe('Open and past its deadline, Asia/Shanghai today (逾期)'),
  doneOn: z.string().nullable().describe(`Day it was done (办结日期): ${dateText}`),
  doneNote: z.string().nullable().describe('How it was done (办结情况)'),
  verifiedAt: z.string().nullable().describe(timestampText),
  version,
  permissions: z
    .object({ edit: z.boolean(), done: z.boolean(), verify: z.boolean() })
    .describe('What the current user may do: edit/delete (office), mark done (the unit or office), verify (office/supervisor)'),
});
export type Decision = z.infer<typeof decisionSchema>;

export const problemRefSchema = z.object({
  id,
  projectId: z.number().int().describe('Id of the project (项目)'),
  projectName: z.string().describe('Project name (项目名称)'),
  category: problemCategorySchema,
  description: z.string().describe('The problem (问题描述)'),
  status: z.string().describe('Problem status (问题状态)'),
  deadline: z.string().nullable().describe(dateText),
  unitName: z.string().nullable().describe('Name of the responsible unit (责任单位)'),
  resolution: z.string().nullable().describe('How it was solved (解决情况)'),
  solvedByLeaderName: z.string().nullable().describe('Leader who solved it (解决领导)'),
  version,
});
export type ProblemRef = z.infer<typeof problemRefSchema>;

const meetingCore = {
  id,
  regionCode: z.string().describe('Region of the meeting (区划代码)'),
  kind: meetingKindSchema,
  seriesId: z.number().int().nullable().describe('Weekly series (周例会系列)'),
  seriesName: z.string().nullable().describe('Name of the series'),
  title: z.string().describe('Title (会议名称)'),
  status: meetingStatusSchema,
  startsAt: z.string().describe(timestampText),
  date: z.string().describe(`Day it is held: ${dateText}`),
  time: z.string().describe('HH:mm, Asia/Shanghai'),
  place: z.string().nullable().describe('Where (会议地点)'),
  siteProjectId: z.number().int().nullable().describe('On-site office meetings: the project (现场办公项目)'),
  siteProjectName: z.string().nullable().describe('Name of that project'),
  chairLeaderId: z.number().int().nullable().describe('Leader who chairs it (主持领导)'),
  chairLeaderName: z.string().nullable().describe('Name of the chair'),
  agendaCount: z.number().int().describe('Projects on the agenda'),
  decisionCount: z.number().int().describe('Decisions taken'),
  overdueDecisionCount: z.number().int().describe('Decisions open past their deadline'),
  version,
};
export const meetingListItemSchema = z.object(meetingCore);
export type MeetingListItem = z.infer<typeof meetingListItemSchema>;

export const meetingSchema = z.object({
  ...meetingCore,
  attendeeLeaders: z.array(z.object({ id: z.number().int(), name: z.string() })).describe('Leaders attending'),
  attendeeUnits: z.array(z.object({ id: z.number().int(), name: z.string() })).describe('Units attending'),
  attendeePeople: z.array(z.string()).describe('Other people attending'),
  minutes: z.string().nullable().describe('Minutes text (会议纪要正文)'),
  agenda: z.array(agendaItemSchema).describe('Projects discussed, in order (议题)'),
  decisions: z.array(decisionSchema).describe('Decisions taken (议定事项)'),
  problemsRaised: z.array(problemRefSchema).describe('Problems raised in this meeting'),
  problemsSolved: z.array(problemRefSchema).describe('Problems solved in this meeting'),
  createdAt: z.string().describe(timestampText),
  updatedAt: z.string().describe(timestampText),
  permissions: z.object({ edit: z.boolean() }).describe('The current user may change the meeting (office/admin)'),
});
export type Meeting = z.infer<typeof meetingSchema>;

export const listMeetingsQuery = z.strictObject({
  ...paging,
  kind: meetingKindSchema.optional(),
  seriesId: idQuery.optional().describe('Only meetings of this series'),
  status: meetingStatusSchema.optional(),
  from: isoDate.optional().describe('Held on or after this day'),
  to: isoDate.optional().describe('Held on or before this day'),
});
export type ListMeetingsQuery = z.infer<typeof listMeetingsQuery>;

export const meetingListSchema = z.object({
  items: z.array(meetingListItemSchema).describe('The rows of the requested page'),
  total: z.number().int().describe('Meetings matching the filters'),
  heldCount: z.number().int().describe('Of those, held (已召开)'),
});

export const deleteMeetingQuery = z.strictObject({
  version: z.coerce.number().int().min(1).describe('The version you read (版本号); a stale one is refused with 409'),
});

// ---- decisions ----

export const createDecisionBody = z.strictObject({
  content: requiredText(2000).describe('What was decided (议定事项)'),
  projectId: id.nullable().optional().describe('Project it concerns (项目), if any'),
  unitId: id.describe('Responsible unit (责任单位)'),
  ownerName: text(64).nullable().optional().describe('Person responsible (责任人)'),
  deadline: isoDate.describe('Deadline (完成时限); overdue from the day after'),
});
export type CreateDecisionBody = z.infer<typeof createDecisionBody>;
export const updateDecisionBody = createDecisionBody.partial().extend({ version });
export type UpdateDecisionBody = z.infer<typeof updateDecisionBody>;

export const markDecisionDoneBody = z.strictObject({
  version,
  doneOn: isoDate.describe('Day it was done (办结日期), not after today'),
  note: requiredText(2000).describe('How it was done (办结情况)'),
});
export type MarkDecisionDoneBody = z.infer<typeof markDecisionDoneBody>;
export const verifyDecisionBody = z.strictObject({ version });

export const listDecisionsQuery = z.strictObject({
  ...paging,
  state: decisionStateSchema.optional().describe('open, done, verified, or overdue (open past the deadline)'),
  unitId: idQuery.optional().describe('Only this responsible unit'),
  projectId: idQuery.optional().describe('Only this project'),
  meetingId: idQuery.optional().describe('Only this meeting'),
});
export type ListDecisionsQuery = z.infer<typeof listDecisionsQuery>;

// ---- problems in a meeting ----

export const raiseMeetingProblemsBody = z.strictObject({
  problems: z
    .array(
      z.strictObject({
        projectId: id.describe('Project (项目)'),
        category: problemCategorySchema,
        description: requiredText(2000).describe('The problem (问题描述)'),
        unitId: id.nullable().optional().describe('Responsible unit (责任单位)'),
        leaderId: id.nullable().optional().describe('Coordinating leader (协调领导)'),
        deadline: isoDate.nullable().optional().describe('Deadline (完成时限)'),
      }),
    )
    .min(1)
    .max(50),
});
export type RaiseMeetingProblemsBody = z.infer<typeof raiseMeetingProblemsBody>;

export const solveMeetingProblemsBody = z.strictObject({
  solvedByLeaderId: id.describe('Leader who solved them: the chair or an attending leader (解决领导)'),
  problems: z
    .array(
      z.strictObject({
        id: id.describe('Problem (问题)'),
        version,
        resolution: requiredText(2000).describe('How it was solved (解决情况)'),
      }),
    )
    .min(1)
    .max(50),
});
export type SolveMeetingProblemsBody = z.infer<typeof solveMeetingProblemsBody>;

// ---- agenda proposal ----

export const agendaProposalQuery = z.strictObject({
  asOf: isoDate.optional().describe('Day the agenda is for; default today (Asia/Shanghai)'),
});

export const agendaProposalSchema = z.object({
  asOf: z.string().describe(dateText),
  items: z.array(
    z.object({
      projectId: z.number().int().describe('Id of the project (项目)'),
      projectCode: z.string().describe('Project code (项目编号)'),
      projectName: z.string().describe('Project name (项目名称)'),
      reasons: z
        .array(z.object({ reason: agendaReasonSchema, count: z.number().int().describe('How many records give this reason') }))
        .describe('Why it is proposed, with counts'),
    }),
  ),
});
export type AgendaProposal = z.infer<typeof agendaProposalSchema>;

export const meetingMessages = {
  series_required: { 'zh-CN': '周例会须选择会议系列', en: 'A weekly meeting needs its series' },
  site_project_required: { 'zh-CN': '现场办公会须选择办公项目', en: 'An on-site office meeting needs its project' },
  solver_not_attending: {
    'zh-CN': '解决问题的领导须为主持领导或参会领导',
    en: 'The leader who solved it must chair or attend the meeting',
  },
  done_date_in_future: { 'zh-CN': '办结日期不能晚于今天', en: 'The completion date cannot be in the future' },
  not_open: { 'zh-CN': '该议定事项不是办理中状态', en: 'The decision is not open' },
  not_done: { 'zh-CN': '该议定事项尚未办结，不能核验', en: 'The decision is not done yet' },
} as const satisfies Record<string, LocalisedText>;
