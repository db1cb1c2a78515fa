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
  // supervision items 督办事项 (issue 11)
  ...zhSupervisionItems,
};
