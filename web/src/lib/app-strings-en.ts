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
};
