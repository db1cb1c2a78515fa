/**
 * The user-facing messages the server raises beyond an error code's own (errors.ts): a field's
 * issue, why a request was refused. One key per meaning, each in zh-CN and English; the server
 * picks one by Accept-Language, the web may show the same text. Messages of one module's own rules
 * sit beside this file (ledger.ts, imports.ts).
 */
export interface LocalisedText {
  'zh-CN': string;
  en: string;
}

export const userMessages = {
  // dates and regions, shared by every module
  date_order: { 'zh-CN': '日期不能早于前一个日期', en: 'This date cannot be before the one that precedes it' },
  outside_region: { 'zh-CN': '不在您的管辖区域内', en: 'Outside your region' },
  date_in_future: { 'zh-CN': '实际日期不能晚于今天', en: 'An actual date cannot be in the future' },
  // any text field: a lone UTF-16 surrogate cannot be stored (it would silently become U+FFFD)
  malformed_text: {
    'zh-CN': '含有无法保存的字符（不成对的 Unicode 代理项）',
    en: 'Contains a character that cannot be stored (an unpaired Unicode surrogate)',
  },

  // accounts
  duties_conflict: {
    'zh-CN': '系统管理员、安全管理员、审计管理员须由不同账号担任',
    en: 'The system, security and audit administrator duties must be held by different accounts',
  },
  setting_of_other_duty: {
    'zh-CN': '该设置由另一类管理员负责',
    en: 'This setting belongs to another administrator',
  },

  // projects
  first_phase_exceeds_total: { 'zh-CN': '一期投资不能超过总投资', en: 'First-phase investment cannot exceed the total' },
  lat_lng_pair: { 'zh-CN': '经度和纬度须同时填写', en: 'Latitude and longitude go together' },

  // stage changes (the refusals of @kpc/domain's checkTransition)
  transition_same_stage: { 'zh-CN': '项目已处于该阶段', en: 'The project is already at this stage' },
  transition_skips_stage: { 'zh-CN': '不能跨阶段推进，须逐级变更', en: 'Stages cannot be skipped; move one stage at a time' },
  transition_rollback_not_allowed: {
    'zh-CN': '只有项目办或管理员可以回退阶段',
    en: 'Only the office or an admin may move a project back',
  },
  transition_rollback_needs_reason: { 'zh-CN': '回退阶段须填写原因', en: 'A rollback needs a reason' },
  transition_date_before_previous: {
    'zh-CN': '变更日期不能早于上一次阶段变更',
    en: 'The date cannot be before the previous stage change',
  },
  transition_date_in_future: { 'zh-CN': '变更日期不能晚于今天', en: 'The date cannot be in the future' },

  // investment reports
  report_open_exists: {
    'zh-CN': '该项目本月已有一份未审核的报告，请修改或提交那一份',
    en: 'This project already has a report in progress for this month; edit or submit that one',
  },
  report_approved_exists: {
    'zh-CN': '该项目本月已有审核通过的报告；如需修改，请提交更正',
    en: 'This project already has an approved report for this month; file a correction instead',
  },
  report_future_month: { 'zh-CN': '不能填报未来月份的投资', en: 'A future month cannot be reported' },
  report_corrects_invalid: {
    'zh-CN': '只能更正同一项目同一月份已审核通过的报告',
    en: 'Only an approved report of the same project and month can be corrected',
  },
  report_wrong_state: { 'zh-CN': '报告当前状态不允许此操作', en: 'The report is not in a state that allows this' },

  // "three batches" periods
  period_overlap: { 'zh-CN': '与本区域已有的批次时间重叠', en: 'Overlaps another period of this region' },
  period_seq_taken: { 'zh-CN': '该期次编号已存在', en: 'A period with this number already exists' },
  period_projects_outside: {
    'zh-CN': '部分项目不存在或不在该批次的区域内',
    en: 'Some projects do not exist or lie outside the period’s region',
  },

  // milestones and schedules
  milestone_finish_before_start: {
    'zh-CN': '实际完成日期不能早于实际开始日期',
    en: 'The actual finish cannot be before the actual start',
  },
  milestone_finish_needs_start: {
    'zh-CN': '填写实际完成日期前须先有实际开始日期',
    en: 'An actual finish needs an actual start',
  },
  schedule_cycle: { 'zh-CN': '节点依赖存在循环', en: 'The node dependencies form a cycle' },
  schedule_unknown_node: { 'zh-CN': '依赖引用了不存在的节点', en: 'A dependency names an unknown node' },
  schedule_duplicate_node: { 'zh-CN': '节点编码重复', en: 'Duplicate node key' },
  schedule_bad_duration: { 'zh-CN': '工期须为非负整数', en: 'Durations are whole days, zero or more' },
  schedule_bad_lag: { 'zh-CN': '间隔须为非负整数', en: 'Lags are whole days, zero or more' },

  // accounts and regions
  user_self_lockout: {
    'zh-CN': '不能停用自己的账号，也不能取消自己的管理员角色',
    en: 'You cannot disable your own account or remove your own admin role',
  },
  user_unit_role_needs_unit: { 'zh-CN': '责任单位角色须指定所属单位', en: 'The unit role needs a unit' },
  user_leader_role_needs_leader: { 'zh-CN': '县级领导角色须关联分包领导', en: 'The leader role needs a leader' },
  user_enterprise_role_needs_enterprise: {
    'zh-CN': '项目业主角色须指定所属企业',
    en: 'The enterprise role needs an enterprise',
  },
  region_not_real: {
    'zh-CN': '不是有效的行政区划代码（省 2 位、市 4 位、县 6 位、乡镇 9 位）',
    en: 'Not a real administrative region code (province 2 digits, city 4, county 6, township 9)',
  },

  // stage proposals 阶段变更申请
  stage_proposal_open: {
    'zh-CN': '该项目已有一条待确认的阶段变更申请，请等待区项目办审核或先撤回',
    en: 'This project already has a stage change waiting for the office; wait for it or withdraw it first',
  },
  stage_proposal_not_next: {
    'zh-CN': '只能申请变更到项目的下一阶段',
    en: "A proposal can only be for the project's next stage",
  },
  stage_proposal_outdated: {
    'zh-CN': '项目阶段已变化，此申请已失效，请退回后重新申请',
    en: "The project's stage has changed since this was proposed; return it and propose again",
  },
  rag_override_until: {
    'zh-CN': '有效期须在今天至 180 天之内',
    en: 'The end date must be between today and 180 days ahead',
  },
  // notifications: group robots 群机器人
  robot_url: {
    'zh-CN': 'Webhook 地址须以 http:// 或 https:// 开头',
    en: 'The webhook address must start with http:// or https://',
  },
  robot_scope: {
    'zh-CN': '请指定责任单位或区域中的一个',
    en: 'Give either a unit or a region, not both',
  },
  robot_secret_wecom: {
    'zh-CN': '企业微信机器人不使用加签密钥',
    en: 'A WeCom robot takes no signing secret',
  },
  rag_override_none: {
    'zh-CN': '该项目当前没有人工调整的颜色',
    en: 'This project has no colour override in force',
  },
  stage_proposal_decided: {
    'zh-CN': '此申请已处理，不能再次操作',
    en: 'This proposal has already been decided',
  },
  // supervision reports 周调度 / 月督导通报
  report_published: {
    'zh-CN': '该报告已印发，内容已固定，不能重新起草或再次印发',
    en: 'This report is published: its content is frozen and it cannot be redrafted or published again',
  },
  report_period_future: {
    'zh-CN': '只能起草已开始的周或月的报告',
    en: 'Only a week or month that has begun can be drafted',
  },
  // weekly update 周报
  weekly_week_not_begun: { 'zh-CN': '只能填报已开始的周', en: 'Only a week that has begun can be reported' },
  weekly_photos_only: {
    'zh-CN': '周报照片只能是图片（jpg、png、webp、gif）',
    en: 'Weekly update photos must be images (jpg, png, webp, gif)',
  },
  weekly_unchanged_with_changes: {
    'zh-CN': '选择“本周无变化”时不能同时填写变化',
    en: '“No change this week” cannot be sent with changes',
  },
  weekly_item_not_in_form: {
    'zh-CN': '该记录不属于本项目的本周周报',
    en: 'That record is not part of this project’s weekly update',
  },
  weekly_investment_not_asked: {
    'zh-CN': '本月投资已填报，请在投资填报页修改',
    en: 'This month’s investment is already reported; change it on the investment screen',
  },
  weekly_nothing_to_send: {
    'zh-CN': '没有填写任何变化；如本周无变化，请选择“本周无变化”',
    en: 'Nothing changed was given; send “no change this week” if nothing changed',
  },
  weekly_version_required: {
    'zh-CN': '本周周报已报送，请刷新后再修改',
    en: 'This week’s update was already sent; reload it and send again',
  },
} as const satisfies Record<string, LocalisedText>;

export type UserMessageKey = keyof typeof userMessages;
