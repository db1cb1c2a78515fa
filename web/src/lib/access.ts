/**
 * What the signed-in user may see and do in the web, in one place: the menu, the routes' guards and the
 * buttons ask here, and here asks @kpc/domain's predicates, the ones the server's policy calls. The server
 * decides; where a record carries `permissions` from the API, those win over anything computed here.
 */
import type { CurrentUser, ProjectDetail, Role } from '@kpc/contracts';
import {
  adminDuties,
  canAdminUsers,
  canChangeSetting,
  canDecideEscalation,
  canUseWorkbench,
  canOverrideRag,
  canReadAuditLog,
  canCreateProject,
  canReadCompliance,
  canReadUpwardReports,
  canImportLedger,
  canPlanInvestment,
  canWriteLedgerFor,
  canDraftSupervisionReports,
  readableReportStatuses,
  canReadSupervisionItems,
  hasAnyRole,
  isSupervisionBureau,
  type ProjectAccessScope,
} from '@kpc/domain';

type RolesOf = Pick<CurrentUser, 'roles'>;

export const hasRole = (user: RolesOf, ...roles: Role[]): boolean => hasAnyRole(user, ...roles);

const isOffice = (user: RolesOf) => hasRole(user, 'admin', 'office');
const isAdmin = (user: RolesOf) => hasRole(user, 'admin');
/** The security and audit administrators (三员) keep to their duty: no projects, reports or dashboards. */
const dutyOnlyRoles: readonly Role[] = ['security_admin', 'audit_admin'];
const worksOnProjects = (user: RolesOf) => user.roles.some((r) => !dutyOnlyRoles.includes(r));

/** The lead unit and the cooperating units of a project. */
export const projectUnitIds = (project: Pick<ProjectAccessScope, 'leadUnitId' | 'cooperatingUnitIds'>): number[] =>
  [project.leadUnitId, ...project.cooperatingUnitIds].filter((u): u is number => u !== null);

export const access = {
  // screens (menu entries and their routes)
  users: (user: RolesOf) => canAdminUsers(user),
  /** Units, leaders and enterprises. */
  referenceData: isOffice,
  regions: isAdmin,
  /** The rule settings screen: each of the three administrators (三员) edits the settings of their duty. */
  settings: (user: RolesOf) => hasRole(user, ...adminDuties),
  changeSetting: canChangeSetting,
  /** Only the audit administrator reads the audit log. */
  audit: (user: RolesOf) => canReadAuditLog(user),
  /** The Excel imports (projects and ledger items) are the office's. */
  imports: (user: CurrentUser) => canImportLedger(user),
  /** Monthly entry: units and enterprises for their projects, the office for any in its region. */
  investmentReport: (user: RolesOf) => hasRole(user, 'unit', 'enterprise', 'office', 'admin'),
  investmentApprovals: isOffice,
  /** Stage proposals: the office decides them, units and enterprises make them (ADR 0009). */
  stageProposals: (user: RolesOf) => hasRole(user, 'office', 'admin', 'unit', 'enterprise'),
  /** 本周周报: the units and enterprises that report on their projects (domain `canSendWeeklyUpdate`). */
  weeklyUpdates: (user: RolesOf) => hasRole(user, 'unit', 'enterprise') && !hasRole(user, 'office', 'admin'),
  /** 周调度 / 月督导通报: the bureau drafts and publishes, leaders and units read the published ones (domain `readableReportStatuses`). */
  supervisionReports: (user: RolesOf) => readableReportStatuses(user).length > 0,
  draftSupervisionReports: (user: RolesOf) => canDraftSupervisionReports(user),
  /** The burden measured 填报负担: the admin and the office of the region (the server says 403 to others). */
  burden: isOffice,
  /** The weekly quota 周督查: the region readers and leaders (a public ranking), not units or enterprises. */
  compliance: (user: RolesOf) => canReadCompliance(user),
  /** 上报报表: the region's readers (office, supervisor, admin, viewer); not units, enterprises or leaders. */
  upwardReports: (user: RolesOf) => canReadUpwardReports(user),
  /** The colour rule editor 评色规则: the supervision bureau's, and the admin's (the server checks the region). */
  ragRules: (user: RolesOf) => hasRole(user, 'supervisor', 'admin'),
  /**
   * The scheduled jobs (backups, clean-up, audit archiving): the system administrator's; the server
   * further asks that their region cover every account (403 otherwise).
   */
  jobs: isAdmin,
  /** The group robots 群机器人 and their outbox: the system administrator of the region. */
  notificationRobots: isAdmin,
  /** The project screens of the main menu (dashboard, projects, ledger, …): every role but the security and audit administrators. */
  projectWork: worksOnProjects,
  /** Those who oversee land on the dashboard, those who report on the project list. */
  homeIsDashboard: (user: RolesOf) => hasRole(user, 'office', 'supervisor', 'leader', 'viewer', 'admin'),
  /** Where "/" leads: the dashboard or the project list; the security and audit administrators to a screen of their duty. */
  homePath: (user: RolesOf): string => {
    if (access.homeIsDashboard(user)) return '/dashboard';
    if (worksOnProjects(user)) return '/projects';
    if (access.audit(user)) return '/admin/audit';
    if (access.settings(user)) return '/admin/settings';
    return '/account/security';
  },

  /** 督查工作台: the supervision bureau's (and the admin's). */
  workbench: (user: RolesOf) => canUseWorkbench(user),

  /** The supervision-item board 督办事项: the bureau, office, viewers, units and leaders (each their own items). */
  supervisionItems: (user: RolesOf) => canReadSupervisionItems(user),

  // actions
  /** Confirming or dismissing a proposed escalation step (domain `canDecideEscalation`). */
  decideEscalation: (user: CurrentUser, project: ProjectAccessScope) => canDecideEscalation(user, project),
  /** Higher-level feedback and 列入督办: the supervision bureau's (domain `canCreateSupervisionItem`). */
  createSupervisionItem: (user: RolesOf) => isSupervisionBureau(user),
  /** 人工调整 of a project's computed colour: the supervision bureau's (domain `canOverrideRag`). */
  overrideRag: (user: CurrentUser, project: ProjectAccessScope) => canOverrideRag(user, project),
  createProject: (user: CurrentUser) => canCreateProject(user),
  /** Opening and editing the "three batches" periods. */
  editBatches: isOffice,
  /** Reporting a month follows editing the project (domain `canReportInvestment`): the server's `permissions.edit`. */
  reportInvestmentOn: (user: RolesOf, project: Pick<ProjectDetail, 'permissions'>) =>
    project.permissions.edit && access.investmentReport(user),
  planInvestmentOn: (user: CurrentUser, project: ProjectAccessScope) => canPlanInvestment(user, project),
  /**
   * May the user add a ledger item to this project for some unit? The API sends no permission for that, so
   * the domain rule decides: the unit only matters for a unit's own items, so the user's unit is the one to try.
   */
  createLedgerItemOn: (user: CurrentUser, project: ProjectAccessScope) => canWriteLedgerFor(user, project, user.unitId ?? 0),
  /** The units a ledger item of this project may be owed by when this user writes it: the office names any unit of the region. */
  ledgerUnitChoices: (user: CurrentUser, project: ProjectAccessScope, regionUnitIds: readonly number[]): number[] => {
    const candidates = isOffice(user)
      ? [...regionUnitIds]
      : [...projectUnitIds(project), ...(user.unitId !== null ? [user.unitId] : [])];
    return [...new Set(candidates)].filter((u) => canWriteLedgerFor(user, project, u));
  },
};
