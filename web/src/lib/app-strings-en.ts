/** The en strings of the screens after login, one chunk per language: lib/i18n-app.ts loads the one in use. */
import enProjects from '../locales/en/projects.json';
import enAdmin from '../locales/en/admin.json';
import enLedger from '../locales/en/ledger.json';
import enGantt from '../locales/en/gantt.json';
import enDashboard from '../locales/en/dashboard.json';
import enInvestment from '../locales/en/investment.json';
import enAttachments from '../locales/en/attachments.json';
import enMilestones from '../locales/en/milestones.json';
import enAccount from '../locales/en/account.json';
import enOffline from '../locales/en/offline.json';
import enMeetings from '../locales/en/meetings.json';
import enProblems from '../locales/en/problems.json';
import enInstructions from '../locales/en/instructions.json';
import enStageProposals from '../locales/en/stage-proposals.json';
import enWeeklyUpdates from '../locales/en/weekly-updates.json';
import enSiteChecks from '../locales/en/site-checks.json';
import enSupervision from '../locales/en/supervision.json';
// supervision reports 周调度 / 月督导通报
import enSupervisionReports from '../locales/en/supervision-reports.json';
// colour rule editor (issue 11 item 2)
import enSupervisionRules from '../locales/en/supervision-rules.json';
// escalation ladder and the bureau's workbench (issue 11)
import enEscalations from '../locales/en/escalations.json';
// supervision items 督办事项 (issue 11)
import enSupervisionItems from '../locales/en/supervision-items.json';

export default {
  ...enProjects,
  ...enAdmin,
  ...enLedger,
  ...enGantt,
  ...enDashboard,
  ...enInvestment,
  ...enAttachments,
  ...enMilestones,
  ...enAccount,
  ...enOffline,
  ...enMeetings,
  ...enProblems,
  ...enInstructions,
  ...enStageProposals,
  ...enSiteChecks,
  ...enSupervision,

  // notifications (issue 11 item 6): the header bell, the inbox, the group robots and their outbox
  'nav.notificationRobots': 'Group robots',
  'nav.notificationOutbox': 'Robot messages',
  'notifications.bell': 'Notifications',
  'notifications.bellUnread': 'Notifications, {{count}} unread',
  'notifications.title': 'My notifications',
  'notifications.all': 'All',
  'notifications.unread': 'Unread',
  'notifications.none': 'No notifications',
  'notifications.noneUnread': 'Nothing unread',
  'notifications.readAll': 'Mark all read',
  'notifications.allMarked': '{{count}} marked read',
  'notifications.markRead': 'Mark read',
  'notifications.open': 'Open',
  'notifications.more': 'Load more',
  'robots.intro':
    'DingTalk and WeCom group robots post the notifications of a unit or a region to a work group as markdown. Messages go through a queue: while a receiver is down they are retried, never lost and never sent twice.',
  'robots.add': 'Add robot',
  'robots.edit': 'Edit robot',
  'robots.none': 'No group robots yet',
  'robots.name': 'Name',
  'robots.nameRequired': 'Enter a name',
  'robots.kind': 'Kind',
  'robots.scope': 'Posts for',
  'robots.scopeUnit': 'Unit: {{unit}}',
  'robots.scopeRegion': 'Region: {{region}}',
  'robots.scopeUnitOption': 'A unit',
  'robots.scopeRegionOption': 'A region',
  'robots.unit': 'Unit',
  'robots.unitRequired': 'Choose a unit',
  'robots.region': 'Region',
  'robots.regionRequired': 'Choose a region',
  'robots.url': 'Webhook address',
  'robots.urlRequired': 'Enter the webhook address',
  'robots.urlHintDingtalk': 'DingTalk group settings → Bots → Custom: copy https://oapi.dingtalk.com/robot/send?access_token=…',
  'robots.urlHintWecom': 'WeCom group → Add group robot: copy https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…',
  'robots.secret': 'Signing secret',
  'robots.secretHelp': 'The SEC… secret DingTalk shows when its security setting is "Additional signature"',
  'robots.secretKeep': 'Set ({{hint}}); leave empty to keep it',
  'robots.secretHint': 'secret {{hint}}',
  'robots.status': 'Status',
  'robots.enabled': 'Enabled',
  'robots.disabled': 'Disabled',
  'robots.test': 'Send test message',
  'robots.testOk': 'Test message sent and accepted',
  'robots.testFailed': 'The test message failed: {{error}}',
  'robots.deleteConfirm': 'Delete the robot "{{name}}" and its waiting messages?',
  'outbox.intro':
    'Messages that failed (after the last attempt) or wait for their next try. They are sent by themselves once the receiver is back; Retry sends one again now.',
  'outbox.filter.failing': 'Failing',
  'outbox.filter.pending': 'Pending',
  'outbox.filter.dead': 'Failed',
  'outbox.filter.sent': 'Sent',
  'outbox.none': 'No messages',
  'outbox.retrying': 'Retrying',
  'outbox.retry': 'Retry',
  'outbox.retried': 'Queued again',
  'outbox.status': 'Status',
  'outbox.message': 'Message',
  'outbox.robot': 'Robot',
  'outbox.attempts': 'Tries',
  'outbox.attemptsN': '{{count}} tries',
  'outbox.lastError': 'Last error',
  'outbox.next': 'Next try',
  'outbox.nextAt': 'next {{at}}',
  'outbox.created': 'Created',
  // supervision reports 周调度 / 月督导通报
  ...enSupervisionReports,
  // colour rule editor (issue 11 item 2)
  ...enSupervisionRules,
  // escalation ladder and the bureau's workbench (issue 11)
  ...enEscalations,
  // supervision items 督办事项 (issue 11)
  ...enSupervisionItems,
  // colour history (h-history): the dashboard's colour trend and red list, the project's colour since
  'dashboard.colourTrend.title': 'Colours over 12 weeks',
  'dashboard.colourTrend.hint':
    "Projects by colour on each week's last day (this week: the as-of date), from the daily monitoring's colour history; overrides not counted",
  'dashboard.colourTrend.red': 'Red',
  'dashboard.colourTrend.yellow': 'Yellow',
  'dashboard.colourTrend.green': 'Green',
  'dashboard.redList.title': 'Red projects ({{count}})',
  'dashboard.redList.hint': 'Projects shown red on the as-of date, longest red first; click to open',
  'dashboard.redList.none': 'No red projects',
  'dashboard.redList.project': 'Project',
  'dashboard.redList.reason': 'Main reason',
  'dashboard.redList.sinceHead': 'Red since',
  'dashboard.redList.daysHead': 'For',
  'dashboard.redList.since': 'since {{date}}',
  'dashboard.redList.days_one': '{{count}} day',
  'dashboard.redList.days_other': '{{count}} days',
  'dashboard.redList.all': 'All {{count}} red projects',
  'supervision.since': 'since {{date}}',
  'dashboard.redList.override': 'Override',
  // upward reports 上报报表 (issue 12 item 4)
  'nav.upwardReports': 'Upward reports',
  'upward.month': 'Month',
  'upward.template': 'Template',
  'upward.download': 'Download Excel',
  'upward.unitWan': '10k yuan',
  'upward.unitYuan': 'yuan',
  'upward.total': 'Total',
  'upward.caption':
    '{{region}} {{name}} · {{month}} (figures to {{asOf}}) · {{count}} provincial and municipal projects · money in {{unit}}',
  'upward.hint':
    'Generated from the records, never typed again: investment is the approved monthly reports (as the dashboard counts them), physical progress the latest approved report’s note, problems the ones still open. The system administrator keeps the templates in the settings.',
  'admin.settings.upwardReportTemplates': 'Upward report templates',
  'admin.settings.upwardReportTemplatesHint':
    'The layouts the city or province asks for: each column a header mapped to a record field; the upward report page writes them from the records',
  'admin.settings.upwardTemplates.id': 'Key (lower case, digits, -)',
  'admin.settings.upwardTemplates.name': 'Title',
  'admin.settings.upwardTemplates.unit': 'Money unit',
  'admin.settings.upwardTemplates.header': 'Header',
  'admin.settings.upwardTemplates.field': 'Field',
  'admin.settings.upwardTemplates.remove': 'Remove template',
  'admin.settings.upwardTemplates.removeColumn': 'Remove column',
  'admin.settings.upwardTemplates.addColumn': 'Add column',
  'admin.settings.upwardTemplates.add': 'Add template',
  // the burden measured 填报负担 (issue 12): menu entry and its target settings
  'nav.burden': 'Reporting burden',
  'admin.settings.burdenTargetFields': 'Burden target: at most this many fields per project per week',
  'admin.settings.burdenTargetMinutes': 'Burden target: at most this many minutes per project per week',
  'admin.settings.unit.fields': 'fields',
  // weekly update 周报 (issue 12)
  ...enWeeklyUpdates,
};
