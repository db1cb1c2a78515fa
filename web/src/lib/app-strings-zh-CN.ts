/** The zh-CN strings of the screens after login, one chunk per language: lib/i18n-app.ts loads the one in use. */
import zhProjects from '../locales/zh-CN/projects.json';
import zhAdmin from '../locales/zh-CN/admin.json';
import zhLedger from '../locales/zh-CN/ledger.json';
import zhGantt from '../locales/zh-CN/gantt.json';
import zhDashboard from '../locales/zh-CN/dashboard.json';
import zhInvestment from '../locales/zh-CN/investment.json';
import zhAttachments from '../locales/zh-CN/attachments.json';
import zhMilestones from '../locales/zh-CN/milestones.json';
import zhAccount from '../locales/zh-CN/account.json';
import zhOffline from '../locales/zh-CN/offline.json';
import zhMeetings from '../locales/zh-CN/meetings.json';
import zhProblems from '../locales/zh-CN/problems.json';
import zhInstructions from '../locales/zh-CN/instructions.json';
import zhStageProposals from '../locales/zh-CN/stage-proposals.json';
import zhWeeklyUpdates from '../locales/zh-CN/weekly-updates.json';
import zhSiteChecks from '../locales/zh-CN/site-checks.json';
import zhSupervision from '../locales/zh-CN/supervision.json';
// supervision reports 周调度 / 月督导通报
import zhSupervisionReports from '../locales/zh-CN/supervision-reports.json';
// colour rule editor (issue 11 item 2)
import zhSupervisionRules from '../locales/zh-CN/supervision-rules.json';
// escalation ladder and the bureau's workbench (issue 11)
import zhEscalations from '../locales/zh-CN/escalations.json';
// supervision items 督办事项 (issue 11)
import zhSupervisionItems from '../locales/zh-CN/supervision-items.json';

export default {
  ...zhProjects,
  ...zhAdmin,
  ...zhLedger,
  ...zhGantt,
  ...zhDashboard,
  ...zhInvestment,
  ...zhAttachments,
  ...zhMilestones,
  ...zhAccount,
  ...zhOffline,
  ...zhMeetings,
  ...zhProblems,
  ...zhInstructions,
  ...zhStageProposals,
  ...zhSiteChecks,
  ...zhSupervision,

  // notifications 通知 (issue 11 item 6): the header bell, the inbox, the group robots and their outbox
  'nav.notificationRobots': '群机器人',
  'nav.notificationOutbox': '消息发送记录',
  'notifications.bell': '通知',
  'notifications.bellUnread': '通知，{{count}} 条未读',
  'notifications.title': '我的通知',
  'notifications.all': '全部',
  'notifications.unread': '未读',
  'notifications.none': '暂无通知',
  'notifications.noneUnread': '没有未读通知',
  'notifications.readAll': '全部标为已读',
  'notifications.allMarked': '已将 {{count}} 条标为已读',
  'notifications.markRead': '标为已读',
  'notifications.open': '查看',
  'notifications.more': '加载更多',
  'robots.intro':
    '钉钉、企业微信群机器人把责任单位或区域的通知以 Markdown 消息推送到工作群；消息先写入发送队列，接收方暂时不可用时自动重试，不会丢失，也不会重复发送。',
  'robots.add': '新增机器人',
  'robots.edit': '修改机器人',
  'robots.none': '尚未配置群机器人',
  'robots.name': '名称',
  'robots.nameRequired': '请填写名称',
  'robots.kind': '类型',
  'robots.scope': '推送范围',
  'robots.scopeUnit': '单位：{{unit}}',
  'robots.scopeRegion': '区域：{{region}}',
  'robots.scopeUnitOption': '某个责任单位',
  'robots.scopeRegionOption': '某个区域',
  'robots.unit': '责任单位',
  'robots.unitRequired': '请选择责任单位',
  'robots.region': '区域',
  'robots.regionRequired': '请选择区域',
  'robots.url': 'Webhook 地址',
  'robots.urlRequired': '请填写 Webhook 地址',
  'robots.urlHintDingtalk':
    '钉钉群设置 → 智能群助手 → 添加机器人 → 自定义，复制 https://oapi.dingtalk.com/robot/send?access_token=… 地址',
  'robots.urlHintWecom': '企业微信群 → 添加群机器人，复制 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=… 地址',
  'robots.secret': '加签密钥',
  'robots.secretHelp': '钉钉机器人安全设置选择“加签”时显示的 SEC 开头的密钥',
  'robots.secretKeep': '已设置（{{hint}}），留空则保持不变',
  'robots.secretHint': '密钥 {{hint}}',
  'robots.status': '状态',
  'robots.enabled': '启用',
  'robots.disabled': '停用',
  'robots.test': '发送测试消息',
  'robots.testOk': '测试消息已发送，机器人已接收',
  'robots.testFailed': '测试消息发送失败：{{error}}',
  'robots.deleteConfirm': '删除机器人“{{name}}”及其待发送消息？',
  'outbox.intro': '发送失败（已达最大重试次数）和等待重试的消息。接收方恢复后会自动补发；也可以点“重试”立即再发一次。',
  'outbox.filter.failing': '失败及重试中',
  'outbox.filter.pending': '待发送',
  'outbox.filter.dead': '发送失败',
  'outbox.filter.sent': '已发送',
  'outbox.none': '没有符合条件的消息',
  'outbox.retrying': '重试中',
  'outbox.retry': '重试',
  'outbox.retried': '已重新加入发送队列',
  'outbox.status': '状态',
  'outbox.message': '消息',
  'outbox.robot': '机器人',
  'outbox.attempts': '次数',
  'outbox.attemptsN': '已尝试 {{count}} 次',
  'outbox.lastError': '最近一次错误',
  'outbox.next': '下次尝试',
  'outbox.nextAt': '下次 {{at}}',
  'outbox.created': '创建时间',
  // supervision reports 周调度 / 月督导通报
  ...zhSupervisionReports,
  // colour rule editor (issue 11 item 2)
  ...zhSupervisionRules,
  // escalation ladder and the bureau's workbench (issue 11)
  ...zhEscalations,
  // supervision items 督办事项 (issue 11)
  ...zhSupervisionItems,
  // colour history (h-history): the dashboard's colour trend and red list, the project's colour since
  'dashboard.colourTrend.title': '近 12 周三色趋势',
  'dashboard.colourTrend.hint': '每周最后一天（本周为截至日期）各颜色的项目数，取自日监测的颜色记录；人工调整不计入',
  'dashboard.colourTrend.red': '红色',
  'dashboard.colourTrend.yellow': '黄色',
  'dashboard.colourTrend.green': '绿色',
  'dashboard.redList.title': '红色项目（{{count}}）',
  'dashboard.redList.hint': '截至日期显示为红色的项目，持续时间最长的在前；点击打开项目',
  'dashboard.redList.none': '没有红色项目',
  'dashboard.redList.project': '项目',
  'dashboard.redList.reason': '主要原因',
  'dashboard.redList.sinceHead': '红色起始',
  'dashboard.redList.daysHead': '持续',
  'dashboard.redList.since': '自 {{date}} 起',
  'dashboard.redList.days': '{{count}} 天',
  'dashboard.redList.all': '全部 {{count}} 个红色项目',
  'supervision.since': '自 {{date}} 起',
  'dashboard.redList.override': '人工调整',
  // upward reports 上报报表 (issue 12 item 4)
  'nav.upwardReports': '上报报表',
  'upward.month': '月份',
  'upward.template': '报表模板',
  'upward.download': '下载 Excel',
  'upward.unitWan': '万元',
  'upward.unitYuan': '元',
  'upward.total': '合计',
  'upward.caption': '{{region}}{{name}} · {{month}}（数据截至 {{asOf}}）· 共 {{count}} 个省市重点项目 · 金额单位：{{unit}}',
  'upward.hint':
    '由系统记录自动生成，无需重复填报：投资为已审核的月报（与首页看板一致），形象进度取最近一次已审核月报的进展，存在问题为尚未解决的问题。模板由系统管理员在系统设置中维护。',
  'admin.settings.upwardReportTemplates': '上报报表模板',
  'admin.settings.upwardReportTemplatesHint':
    '上级要求的报表格式：每列一个表头，对应系统中的一项数据；上报报表页面按模板生成，无需重复填报',
  'admin.settings.upwardTemplates.id': '模板标识（小写字母、数字、-）',
  'admin.settings.upwardTemplates.name': '报表名称',
  'admin.settings.upwardTemplates.unit': '金额单位',
  'admin.settings.upwardTemplates.header': '表头',
  'admin.settings.upwardTemplates.field': '对应数据',
  'admin.settings.upwardTemplates.remove': '删除模板',
  'admin.settings.upwardTemplates.removeColumn': '删除此列',
  'admin.settings.upwardTemplates.addColumn': '添加列',
  'admin.settings.upwardTemplates.add': '添加模板',
  // the burden measured 填报负担 (issue 12): menu entry and its target settings
  'nav.burden': '填报负担',
  'admin.settings.burdenTargetFields': '填报负担目标：每项目每周填写字段数不超过',
  'admin.settings.burdenTargetMinutes': '填报负担目标：每项目每周用时不超过',
  'admin.settings.unit.fields': '个字段',
  // weekly update 周报 (issue 12)
  ...zhWeeklyUpdates,
};
