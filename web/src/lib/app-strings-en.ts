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
  // weekly update 周报 (issue 12)
  ...enWeeklyUpdates,
};
