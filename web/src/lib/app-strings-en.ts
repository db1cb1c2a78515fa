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
import enSiteChecks from '../locales/en/site-checks.json';
import enSupervision from '../locales/en/supervision.json';
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
  // supervision items 督办事项 (issue 11)
  ...enSupervisionItems,
};
