/**
 * Enumerations shared by server and web, each with zh-CN and English labels: the values and labels only, no zod,
 * so a web screen that shows a label does not bundle zod and the schemas (SPEC §3 web budgets). The schemas are in enums.ts.
 */
type Labels<T extends string> = Record<T, { 'zh-CN': string; en: string }>;

export const roles = [
  'admin',
  'security_admin',
  'audit_admin',
  'office',
  'supervisor',
  'leader',
  'unit',
  'enterprise',
  'viewer',
] as const;
export type Role = (typeof roles)[number];
export const roleLabels: Labels<Role> = {
  admin: { 'zh-CN': '系统管理员', en: 'Administrator' },
  security_admin: { 'zh-CN': '安全管理员', en: 'Security administrator' },
  audit_admin: { 'zh-CN': '审计管理员', en: 'Audit administrator' },
  office: { 'zh-CN': '项目办', en: 'Key-project office' },
  supervisor: { 'zh-CN': '督查局', en: 'Supervision bureau' },
  leader: { 'zh-CN': '县级领导', en: 'Contracting leader' },
  unit: { 'zh-CN': '责任单位', en: 'Responsible unit' },
  enterprise: { 'zh-CN': '项目业主', en: 'Project owner' },
  viewer: { 'zh-CN': '只读用户', en: 'Viewer' },
};

export const projectLevels = ['provincial', 'municipal', 'district'] as const;
export type ProjectLevel = (typeof projectLevels)[number];
export const projectLevelLabels: Labels<ProjectLevel> = {
  provincial: { 'zh-CN': '省重点', en: 'Provincial' },
  municipal: { 'zh-CN': '市重点', en: 'Municipal' },
  district: { 'zh-CN': '区重点', en: 'District' },
};

export const projectCategories = ['industry', 'infrastructure', 'social', 'ecology', 'agriculture', 'services'] as const;
export type ProjectCategory = (typeof projectCategories)[number];
export const projectCategoryLabels: Labels<ProjectCategory> = {
  industry: { 'zh-CN': '工业', en: 'Industry' },
  infrastructure: { 'zh-CN': '基础设施', en: 'Infrastructure' },
  social: { 'zh-CN': '社会民生', en: 'Social' },
  ecology: { 'zh-CN': '生态环保', en: 'Ecology' },
  agriculture: { 'zh-CN': '现代农业', en: 'Agriculture' },
  services: { 'zh-CN': '现代服务业', en: 'Services' },
};

export const stages = ['planned', 'signed', 'started', 'building', 'completed', 'producing', 'at_target'] as const;
export type Stage = (typeof stages)[number];
export const stageLabels: Labels<Stage> = {
  planned: { 'zh-CN': '谋划', en: 'Planned' },
  signed: { 'zh-CN': '签约', en: 'Signed' },
  started: { 'zh-CN': '开工', en: 'Started' },
  building: { 'zh-CN': '在建', en: 'Under construction' },
  completed: { 'zh-CN': '竣工', en: 'Completed' },
  producing: { 'zh-CN': '投产', en: 'Producing' },
  at_target: { 'zh-CN': '达效', en: 'At target' },
};

export const taskForcePosts = ['head', 'deputy_head', 'liaison', 'member'] as const;
export type TaskForcePost = (typeof taskForcePosts)[number];
export const taskForcePostLabels: Labels<TaskForcePost> = {
  head: { 'zh-CN': '组长', en: 'Head' },
  deputy_head: { 'zh-CN': '副组长', en: 'Deputy head' },
  liaison: { 'zh-CN': '联络员', en: 'Liaison' },
  member: { 'zh-CN': '成员', en: 'Member' },
};

export const regionLevels = ['province', 'city', 'county', 'township'] as const;
export type RegionLevel = (typeof regionLevels)[number];
export const regionLevelLabels: Labels<RegionLevel> = {
  province: { 'zh-CN': '省', en: 'Province' },
  city: { 'zh-CN': '市', en: 'City' },
  county: { 'zh-CN': '县/区', en: 'County / district' },
  township: { 'zh-CN': '乡镇/街道', en: 'Township' },
};

// ── Meetings, site checks, problems and leader instructions (SPEC §2.4) ──

export const meetingKinds = ['weekly', 'onsite_office', 'review'] as const;
export type MeetingKind = (typeof meetingKinds)[number];
export const meetingKindLabels: Labels<MeetingKind> = {
  weekly: { 'zh-CN': '周例会', en: 'Weekly meeting' },
  onsite_office: { 'zh-CN': '现场办公会', en: 'On-site office meeting' },
  review: { 'zh-CN': '观摩点评会', en: 'Review meeting' },
};

export const meetingStatuses = ['planned', 'held'] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];
export const meetingStatusLabels: Labels<MeetingStatus> = {
  planned: { 'zh-CN': '待召开', en: 'Planned' },
  held: { 'zh-CN': '已召开', en: 'Held' },
};

/** Why a project is on a meeting's agenda: proposed by the system, or added by the office. */
export const agendaReasons = ['overdue_milestone', 'overdue_ledger', 'overdue_decision', 'open_problem', 'manual'] as const;
export type AgendaReason = (typeof agendaReasons)[number];
export const agendaReasonLabels: Labels<AgendaReason> = {
  overdue_milestone: { 'zh-CN': '节点逾期', en: 'Overdue milestone' },
  overdue_ledger: { 'zh-CN': '台账逾期', en: 'Overdue ledger item' },
  overdue_decision: { 'zh-CN': '议定事项逾期', en: 'Overdue decision' },
  open_problem: { 'zh-CN': '问题超期未解决', en: 'Open problem past its deadline' },
  manual: { 'zh-CN': '手工添加', en: 'Added by hand' },
};

/** Stored statuses of a decision; `overdue` is read, never stored: open and past its deadline. */
export const decisionStatuses = ['open', 'done', 'verified'] as const;
export type DecisionStatus = (typeof decisionStatuses)[number];
export const decisionStateLabels: Labels<DecisionStatus | 'overdue'> = {
  open: { 'zh-CN': '办理中', en: 'Open' },
  done: { 'zh-CN': '已办结', en: 'Done' },
  verified: { 'zh-CN': '已核验', en: 'Verified' },
  overdue: { 'zh-CN': '已逾期', en: 'Overdue' },
};

export const problemCategories = [
  'land',
  'funding',
  'planning',
  'permit',
  'utilities',
  'demolition',
  'environment',
  'other',
] as const;
export type ProblemCategory = (typeof problemCategories)[number];
export const problemCategoryLabels: Labels<ProblemCategory> = {
  land: { 'zh-CN': '土地', en: 'Land' },
  funding: { 'zh-CN': '资金', en: 'Funding' },
  planning: { 'zh-CN': '规划', en: 'Planning' },
  permit: { 'zh-CN': '审批', en: 'Permits' },
  utilities: { 'zh-CN': '水电气', en: 'Utilities' },
  demolition: { 'zh-CN': '征迁', en: 'Demolition' },
  environment: { 'zh-CN': '环评', en: 'Environment' },
  other: { 'zh-CN': '其他', en: 'Other' },
};

export const problemSources = ['meeting', 'site_check', 'unit_report', 'superior_feedback'] as const;
export type ProblemSource = (typeof problemSources)[number];
export const problemSourceLabels: Labels<ProblemSource> = {
  meeting: { 'zh-CN': '会议', en: 'Meeting' },
  site_check: { 'zh-CN': '实地检查', en: 'Site check' },
  unit_report: { 'zh-CN': '单位上报', en: 'Unit report' },
  superior_feedback: { 'zh-CN': '上级督导反馈', en: 'Higher-level feedback' },
};

export const problemStatuses = ['open', 'in_progress', 'resolved', 'verified', 'escalated'] as const;
export type ProblemStatus = (typeof problemStatuses)[number];
export const problemStatusLabels: Labels<ProblemStatus> = {
  open: { 'zh-CN': '待解决', en: 'Open' },
  in_progress: { 'zh-CN': '解决中', en: 'In progress' },
  resolved: { 'zh-CN': '已解决', en: 'Resolved' },
  verified: { 'zh-CN': '已核验', en: 'Verified' },
  escalated: { 'zh-CN': '已上报', en: 'Escalated' },
};

/** What a site check's location is: read from the browser, refused by the user, or not available. */
export const locationStatuses = ['ok', 'denied', 'unavailable'] as const;
export type LocationStatus = (typeof locationStatuses)[number];
export const locationStatusLabels: Labels<LocationStatus> = {
  ok: { 'zh-CN': '已定位', en: 'Located' },
  denied: { 'zh-CN': '用户拒绝定位', en: 'Location refused' },
  unavailable: { 'zh-CN': '无法定位', en: 'No location available' },
};

/** Who the weekly quota counts: contracting leaders 包联领导 and task-force heads 专班组长. */
export const quotaPersonTypes = ['leader', 'task_force_head'] as const;
export type QuotaPersonType = (typeof quotaPersonTypes)[number];
export const quotaPersonTypeLabels: Labels<QuotaPersonType> = {
  leader: { 'zh-CN': '包联领导', en: 'Contracting leader' },
  task_force_head: { 'zh-CN': '专班组长', en: 'Task-force head' },
};

export const instructionSubjects = ['project', 'problem', 'report', 'decision'] as const;
export type InstructionSubject = (typeof instructionSubjects)[number];
export const instructionSubjectLabels: Labels<InstructionSubject> = {
  project: { 'zh-CN': '项目', en: 'Project' },
  problem: { 'zh-CN': '问题', en: 'Problem' },
  report: { 'zh-CN': '月报', en: 'Monthly report' },
  decision: { 'zh-CN': '议定事项', en: 'Decision' },
};

export const instructionStatuses = ['open', 'replied', 'accepted', 'returned'] as const;
export type InstructionStatus = (typeof instructionStatuses)[number];
export const instructionStatusLabels: Labels<InstructionStatus> = {
  open: { 'zh-CN': '待回复', en: 'Awaiting reply' },
  replied: { 'zh-CN': '已回复待确认', en: 'Replied, awaiting the leader' },
  accepted: { 'zh-CN': '已办结', en: 'Accepted' },
  returned: { 'zh-CN': '已退回', en: 'Sent back' },
};

/** A unit's or enterprise's request that the office move a project's stage (issue 9 §2). */
export const stageProposalStatuses = ['proposed', 'confirmed', 'returned', 'withdrawn'] as const;
export type StageProposalStatus = (typeof stageProposalStatuses)[number];
export const stageProposalStatusLabels: Labels<StageProposalStatus> = {
  proposed: { 'zh-CN': '待确认', en: 'Awaiting the office' },
  confirmed: { 'zh-CN': '已确认', en: 'Confirmed' },
  returned: { 'zh-CN': '已退回', en: 'Returned' },
  withdrawn: { 'zh-CN': '已撤回', en: 'Withdrawn' },
};

/** The three colours of supervision 三色督办 (SPEC §2.5): computed from the records, explained, overridable. */
export const rags = ['green', 'yellow', 'red'] as const;
export type Rag = (typeof rags)[number];
export const ragLabels: Labels<Rag> = {
  green: { 'zh-CN': '绿色（正常）', en: 'Green (on track)' },
  yellow: { 'zh-CN': '黄色（滞后）', en: 'Yellow (behind)' },
  red: { 'zh-CN': '红色（严重滞后）', en: 'Red (seriously behind)' },
};

/** The colour rules: each reason a project is yellow or red names one of these. */
export const ragRules = [
  'milestone_slip',
  'investment_behind',
  'ledger_overdue',
  'decision_overdue',
  'stage_deadline_missed',
  'problem_overdue',
  'leader_quota_shortfall',
  'supervision_overdue',
  // not a rule of the records: a held yellow after red (hysteresis, domain rag-history.ts)
  'recovering',
] as const;
export type RagRule = (typeof ragRules)[number];
/** The rules a rule set configures: every rule but `recovering`, which the colour history adds. */
export type RatedRule = Exclude<RagRule, 'recovering'>;
export const ratedRules = ragRules.filter((r): r is RatedRule => r !== 'recovering');
export const ragRuleLabels: Labels<RagRule> = {
  milestone_slip: { 'zh-CN': '节点滞后', en: 'Milestone slip' },
  investment_behind: { 'zh-CN': '投资进度落后于时序进度', en: 'Investment behind the year' },
  ledger_overdue: { 'zh-CN': '台账事项逾期', en: 'Overdue ledger items' },
  decision_overdue: { 'zh-CN': '议定事项逾期', en: 'Overdue meeting decisions' },
  stage_deadline_missed: { 'zh-CN': '阶段节点未按期', en: 'Stage date missed' },
  problem_overdue: { 'zh-CN': '问题逾期未解决', en: 'Problems past their deadline' },
  leader_quota_shortfall: { 'zh-CN': '包联领导周督查未达标', en: "Leader's weekly quota missed" },
  supervision_overdue: { 'zh-CN': '督办事项逾期', en: 'Overdue supervision items' },
  recovering: { 'zh-CN': '红色后恢复观察', en: 'Recovering after red' },
};

// ---- supervision items 督办事项 (issue 11) ----

/** Where a supervision item comes from: a meeting decision, a ledger item, higher-level feedback, a leader instruction. */
export const supervisionSources = ['decision', 'ledger_item', 'higher_feedback', 'leader_instruction'] as const;
export type SupervisionSource = (typeof supervisionSources)[number];
export const supervisionSourceLabels: Labels<SupervisionSource> = {
  decision: { 'zh-CN': '会议议定事项', en: 'Meeting decision' },
  ledger_item: { 'zh-CN': '台账事项', en: 'Ledger item' },
  higher_feedback: { 'zh-CN': '上级督导反馈', en: 'Higher-level feedback' },
  leader_instruction: { 'zh-CN': '领导批示', en: 'Leader instruction' },
};

/** The four links 协调、跟踪、问效、通报 an item moves through (SPEC §2.5). */
export const supervisionLinks = ['coordinating', 'tracking', 'checking', 'bulletined'] as const;
export type SupervisionLink = (typeof supervisionLinks)[number];
export const supervisionLinkLabels: Labels<SupervisionLink> = {
  coordinating: { 'zh-CN': '协调', en: 'Coordinating' },
  tracking: { 'zh-CN': '跟踪', en: 'Tracking' },
  checking: { 'zh-CN': '问效', en: 'Checking' },
  bulletined: { 'zh-CN': '通报', en: 'Bulletined' },
};

/** The steps of an item's timeline. */
export const supervisionEventKinds = [
  'assigned',
  'reassigned',
  'progress',
  'submitted',
  'accepted',
  'returned',
  'bulletined',
  'note',
] as const;
export type SupervisionEventKind = (typeof supervisionEventKinds)[number];
export const supervisionEventKindLabels: Labels<SupervisionEventKind> = {
  assigned: { 'zh-CN': '交办', en: 'Assigned' },
  reassigned: { 'zh-CN': '调整交办', en: 'Reassigned' },
  progress: { 'zh-CN': '报送进展', en: 'Progress' },
  submitted: { 'zh-CN': '提请问效', en: 'Submitted for checking' },
  accepted: { 'zh-CN': '验收通过', en: 'Accepted' },
  returned: { 'zh-CN': '退回跟踪', en: 'Sent back' },
  bulletined: { 'zh-CN': '已通报', en: 'Bulletined' },
  note: { 'zh-CN': '备注', en: 'Note' },
};

/** Why a supervision item has its colour. */
export const supervisionItemRagRules = ['item_overdue', 'item_due_soon', 'item_returned'] as const;
export type SupervisionItemRagRule = (typeof supervisionItemRagRules)[number];
export const supervisionItemRagRuleLabels: Labels<SupervisionItemRagRule> = {
  item_overdue: { 'zh-CN': '督办事项逾期', en: 'Supervision item overdue' },
  item_due_soon: { 'zh-CN': '督办事项临近时限', en: 'Supervision item due soon' },
  item_returned: { 'zh-CN': '督办事项被退回', en: 'Supervision item sent back' },
};

/** Notifications 通知 (issue 11 item 6): what an inbox row is about. The digest sums up a day's unread ones. */
export const notificationKinds = [
  'warning',
  'escalation',
  'supervision_item',
  'deadline',
  'bulletin',
  'digest',
  'system',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];
export const notificationKindLabels: Labels<NotificationKind> = {
  warning: { 'zh-CN': '预警提示', en: 'Early warning' },
  escalation: { 'zh-CN': '督办升级', en: 'Escalation' },
  supervision_item: { 'zh-CN': '督办事项', en: 'Supervision item' },
  deadline: { 'zh-CN': '到期提醒', en: 'Deadline' },
  bulletin: { 'zh-CN': '通报', en: 'Bulletin' },
  digest: { 'zh-CN': '每日摘要', en: 'Daily digest' },
  system: { 'zh-CN': '系统通知', en: 'System' },
};

/** Group robots 群机器人 a notification is also posted to (markdown messages). */
export const robotKinds = ['dingtalk', 'wecom'] as const;
export type RobotKind = (typeof robotKinds)[number];
export const robotKindLabels: Labels<RobotKind> = {
  dingtalk: { 'zh-CN': '钉钉群机器人', en: 'DingTalk robot' },
  wecom: { 'zh-CN': '企业微信群机器人', en: 'WeCom robot' },
};

/** An outbox message: waiting to be sent (or retried), sent, or given up after the last attempt. */
export const outboxStatuses = ['pending', 'sent', 'dead'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];
export const outboxStatusLabels: Labels<OutboxStatus> = {
  pending: { 'zh-CN': '待发送', en: 'Pending' },
  sent: { 'zh-CN': '已发送', en: 'Sent' },
  dead: { 'zh-CN': '发送失败', en: 'Failed' },
};

// ── Supervision reports 周调度 / 月督导通报 (issue 11 items 4 and 7) ──

export const supervisionReportKinds = ['weekly_dispatch', 'monthly_bulletin'] as const;
export type SupervisionReportKind = (typeof supervisionReportKinds)[number];
export const supervisionReportKindLabels: Labels<SupervisionReportKind> = {
  weekly_dispatch: { 'zh-CN': '周调度', en: 'Weekly dispatch' },
  monthly_bulletin: { 'zh-CN': '月督导通报', en: 'Monthly supervision bulletin' },
};

export const supervisionReportStatuses = ['draft', 'published'] as const;
export type SupervisionReportStatus = (typeof supervisionReportStatuses)[number];
export const supervisionReportStatusLabels: Labels<SupervisionReportStatus> = {
  draft: { 'zh-CN': '草稿', en: 'Draft' },
  published: { 'zh-CN': '已印发', en: 'Published' },
};

/**
 * The escalation ladder 预警提示 → 通报批评 → 问责 → 表态发言 (SPEC §2.5), in its order: what a project
 * red for long enough climbs. A warning is issued at once; every step beyond it waits for the supervisor.
 */
export const escalationSteps = ['warning', 'bulletin', 'accountability', 'statement'] as const;
export type EscalationStep = (typeof escalationSteps)[number];
export const escalationStepLabels: Labels<EscalationStep> = {
  warning: { 'zh-CN': '预警提示', en: 'Early warning' },
  bulletin: { 'zh-CN': '通报批评', en: 'Bulletin criticism' },
  accountability: { 'zh-CN': '问责', en: 'Accountability' },
  statement: { 'zh-CN': '表态发言', en: 'Statement at the review meeting' },
};
export const escalationStatuses = ['proposed', 'confirmed', 'dismissed'] as const;
export type EscalationStatus = (typeof escalationStatuses)[number];
export const escalationStatusLabels: Labels<EscalationStatus> = {
  proposed: { 'zh-CN': '待确认', en: 'Proposed' },
  confirmed: { 'zh-CN': '已确认', en: 'Confirmed' },
  dismissed: { 'zh-CN': '不予采纳', en: 'Dismissed' },
};

/** The burden measured 填报负担 (issue 12): the entry screens whose submissions record their burden. */
export const burdenScreens = ['weekly_update', 'investment_report', 'ledger_item', 'site_check'] as const;
export const burdenScreenLabels: Labels<(typeof burdenScreens)[number]> = {
  weekly_update: { 'zh-CN': '周报', en: 'Weekly update' },
  investment_report: { 'zh-CN': '投资填报', en: 'Investment report' },
  ledger_item: { 'zh-CN': '台账事项', en: 'Ledger item' },
  site_check: { 'zh-CN': '实地检查', en: 'Site check' },
};
export const burdenGroupBys = ['unit', 'person', 'project'] as const;
export const burdenGroupByLabels: Labels<(typeof burdenGroupBys)[number]> = {
  unit: { 'zh-CN': '按单位', en: 'By unit' },
  person: { 'zh-CN': '按人员', en: 'By person' },
  project: { 'zh-CN': '按项目', en: 'By project' },
};
