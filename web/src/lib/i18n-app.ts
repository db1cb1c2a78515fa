/**
 * Strings of the screens after login, registered when the app layout loads (it imports this module).
 * Add a feature's locale files here, not in lib/i18n.ts: that one is part of the login bundle. A screen few
 * users open may bring its own with `addScreenStrings` (the jobs page does), keeping them out of the app shell.
 */
import i18n from './i18n';
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

const bundles = {
  'zh-CN': {
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
  },
  en: {
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
  },
};
for (const [lng, strings] of Object.entries(bundles)) i18n.addResourceBundle(lng, 'translation', strings, true, true);
