/**
 * The side menu, defined here only: the entries each feature offers, in the order the office reads them,
 * kept when lib/access.ts lets the user see them; the admin entries go into 系统管理. The main entries are
 * the project work, which the security and audit administrators do not see (三员: they keep to their duty).
 */
import { Link } from 'react-router';
import type { MenuProps } from 'antd';
import { ApartmentOutlined } from '@ant-design/icons';
import type { CurrentUser } from '@kpc/contracts';
import type { MenuEntry } from '../lib/menu';
import { dashboardMenu } from '../features/dashboard/menu';
import { batchesMenu } from '../features/batches/menu';
import { projectsMenu } from '../features/projects/menu';
import { stageProposalsMenu } from '../features/stage-proposals/menu';
import { supervisionMenu } from '../features/supervision/menu';
import { supervisionReportsMenu } from '../features/supervision-reports/menu';
import { workbenchMenu } from '../features/escalations/menu';
import { investmentMenu } from '../features/investment/menu';
import { ledgerMenu } from '../features/ledger/menu';
import { meetingsMenu } from '../features/meetings/menu';
import { problemsMenu } from '../features/problems/menu';
import { complianceMenu } from '../features/compliance/menu';
import { upwardReportsMenu } from '../features/upward-reports/menu';
import { siteChecksMenu } from '../features/site-checks/menu';
import { weeklyUpdatesMenu } from '../features/weekly-updates/menu';
import { instructionsMenu } from '../features/instructions/menu';
import { ganttMenu } from '../features/gantt/menu';
import { milestonesMenu } from '../features/milestones/menu';
import { importsMenu } from '../features/imports/menu';
import { usersMenu } from '../features/users/menu';
import { unitsMenu } from '../features/units/menu';
import { leadersMenu } from '../features/leaders/menu';
import { enterprisesMenu } from '../features/enterprises/menu';
import { regionsMenu } from '../features/regions/menu';
import { settingsMenu } from '../features/settings/menu';
import { burdenMenu } from '../features/burden/menu';
import { auditMenu } from '../features/audit/menu';
import { jobsMenu } from '../features/jobs/menu';
import { notificationsAdminMenu } from '../features/notifications/menu';
import { access } from '../lib/access';

type MenuItem = Required<MenuProps>['items'][number];

const mainEntries: MenuEntry[] = [
  ...dashboardMenu,
  ...supervisionMenu,
  ...supervisionReportsMenu,
  ...upwardReportsMenu,
  ...workbenchMenu,
  ...batchesMenu,
  ...weeklyUpdatesMenu,
  ...projectsMenu,
  ...stageProposalsMenu,
  ...investmentMenu,
  ...ledgerMenu,
  ...meetingsMenu,
  ...problemsMenu,
  ...complianceMenu,
  ...siteChecksMenu,
  ...instructionsMenu,
  ...ganttMenu,
  ...milestonesMenu,
  ...importsMenu,
];
const adminEntries: MenuEntry[] = [
  ...usersMenu,
  ...unitsMenu,
  ...leadersMenu,
  ...enterprisesMenu,
  ...regionsMenu,
  ...settingsMenu,
  ...burdenMenu,
  ...jobsMenu,
  ...notificationsAdminMenu,
  ...auditMenu,
];

function itemsOf(entries: MenuEntry[], user: CurrentUser, t: (k: string) => string): MenuItem[] {
  return entries
    .filter((e) => e.allow?.(user) ?? true)
    .map((e) => ({
      key: e.path,
      icon: e.icon,
      label: e.render ? (
        e.render(t(e.label))
      ) : (
        <Link to={e.path} data-testid={e.testId}>
          {t(e.label)}
        </Link>
      ),
    }));
}

export function menuItems(user: CurrentUser, t: (k: string) => string): MenuItem[] {
  const admin = itemsOf(adminEntries, user, t);
  return [
    ...(access.projectWork(user) ? itemsOf(mainEntries, user, t) : []),
    ...(admin.length > 0 ? [{ key: 'admin', icon: <ApartmentOutlined />, label: t('nav.admin'), children: admin }] : []),
  ];
}
