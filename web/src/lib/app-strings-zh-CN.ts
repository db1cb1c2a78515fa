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
import zhSiteChecks from '../locales/zh-CN/site-checks.json';
import zhSupervision from '../locales/zh-CN/supervision.json';

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
};
