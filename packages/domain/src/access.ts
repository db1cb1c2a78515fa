/**
 * Who may do what to which record: pure predicates shared by the server's policy (403/404) and the
 * web's buttons, so the two cannot drift. Region codes are prefixes: a user sees their region and below.
 */
import { settingDuties, type Role, type Settings } from '@kpc/contracts';

export interface AccessActor {
  id: number;
  roles: readonly Role[];
  regionCode: string;
  unitId: number | null;
  enterpriseId: number | null;
  /** The leader (县级领导) the user is, for the leader role. */
  leaderId: number | null;
}

/** What the rules need to know about a project. */
export interface ProjectAccessScope {
  regionCode: string;
  leadUnitId: number | null;
  cooperatingUnitIds: readonly number[];
  enterpriseId: number | null;
  /** The contracting leader (包联领导). */
  leaderId: number | null;
}

export interface LedgerItemAccessScope {
  unitId: number;
  createdBy: number | null;
}

export const hasAnyRole = (actor: Pick<AccessActor, 'roles'>, ...roles: Role[]) => actor.roles.some((r) => roles.includes(r));
export const inRegionOf = (actor: Pick<AccessActor, 'regionCode'>, regionCode: string) => regionCode.startsWith(actor.regionCode);
const isOffice = (actor: AccessActor) => hasAnyRole(actor, 'admin', 'office');
const unitOnProject = (actor: AccessActor, p: ProjectAccessScope) =>
  actor.unitId !== null && (p.leadUnitId === actor.unitId || p.cooperatingUnitIds.includes(actor.unitId));
const ownEnterprise = (actor: AccessActor, p: ProjectAccessScope) =>
  hasAnyRole(actor, 'enterprise') && actor.enterpriseId !== null && p.enterpriseId === actor.enterpriseId;

const contractingLeader = (actor: AccessActor, p: ProjectAccessScope) =>
  hasAnyRole(actor, 'leader') && actor.leaderId !== null && p.leaderId === actor.leaderId;

/**
 * The roles that read every project of their region (ADR 0009). The others read their own: a unit the
 * projects it leads or cooperates on, an enterprise its own company's, a leader those they contract.
 * An actor with several roles reads the union.
 */
export const regionReaderRoles = ['admin', 'office', 'supervisor', 'viewer'] as const satisfies readonly Role[];
export const readsWholeRegion = (actor: Pick<AccessActor, 'roles'>) => hasAnyRole(actor, ...regionReaderRoles);

/** The read scope of ADR 0009; outside it a record is 404, never 403. */
export function canReadProject(actor: AccessActor, p: ProjectAccessScope): boolean {
  if (!inRegionOf(actor, p.regionCode)) return false;
  if (readsWholeRegion(actor)) return true;
  return (hasAnyRole(actor, 'unit') && unitOnProject(actor, p)) || ownEnterprise(actor, p) || contractingLeader(actor, p);
}
export function canEditProject(actor: AccessActor, p: ProjectAccessScope): boolean {
  if (!canReadProject(actor, p)) return false;
  if (isOffice(actor)) return true;
  if (hasAnyRole(actor, 'unit') && unitOnProject(actor, p)) return true;
  return ownEnterprise(actor, p);
}
export const canCreateProject = (actor: AccessActor) => isOffice(actor);
export const canDeleteProject = (actor: AccessActor, p: ProjectAccessScope) => inRegionOf(actor, p.regionCode) && isOffice(actor);
/** Stage changes (forward or back) are the office's: units and enterprises report, the office moves the stage. */
export const canTransitionProject = (actor: AccessActor, p: ProjectAccessScope) =>
  inRegionOf(actor, p.regionCode) && isOffice(actor);
/**
 * Who may propose a stage change for the office to confirm: the unit leading or cooperating on the
 * project, or its own enterprise — those who report on it but do not move its stage.
 */
export const canProposeStage = (actor: AccessActor, p: ProjectAccessScope) =>
  canReadProject(actor, p) &&
  !isOffice(actor) &&
  ((hasAnyRole(actor, 'unit') && unitOnProject(actor, p)) || ownEnterprise(actor, p));
/** Overriding a project's computed colour (人工调整) is the supervision bureau's (and the admin's), in its region. */
export const canOverrideRag = (actor: AccessActor, p: ProjectAccessScope) =>
  canReadProject(actor, p) && hasAnyRole(actor, 'supervisor', 'admin');
/** Rollbacks are the office's. */
export const canRollbackProject = (actor: AccessActor, p: ProjectAccessScope) =>
  inRegionOf(actor, p.regionCode) && isOffice(actor);
/** Fields only the office sets: level, the four-ones assignment, codes, region. */
export const projectOfficeOnlyFields = [
  'code',
  'level',
  'leaderId',
  'leadUnitId',
  'cooperatingUnitIds',
  'regionCode',
  'enterpriseId',
] as const;

/**
 * May the actor create, move (reassign) or complete a ledger item owed by `unitId` on this project?
 * Items are owed by (government) units: the office, or the unit that owes it. An enterprise does not.
 */
export function canWriteLedgerFor(actor: AccessActor, p: ProjectAccessScope, unitId: number): boolean {
  if (!inRegionOf(actor, p.regionCode)) return false;
  if (isOffice(actor)) return true;
  return hasAnyRole(actor, 'unit') && unitOnProject(actor, p) && unitId === actor.unitId;
}
/** Editing an item: its owner (as above), or the project's enterprise, which reports progress and evidence only. */
export const canEditLedgerItem = (actor: AccessActor, p: ProjectAccessScope, item: LedgerItemAccessScope) =>
  canWriteLedgerFor(actor, p, item.unitId) || ownEnterprise(actor, p);
/**
 * Reporting progress on an item (its 进展情况 note): whoever may edit it — the unit that owes it, the
 * office, and the project's enterprise even on an item a government unit owes (it reports, it does not complete).
 */
export const canReportLedgerProgress = canEditLedgerItem;
/** Completing an item (status done, completion date) is for whoever owes it: not the enterprise. */
export const canCompleteLedgerItem = (actor: AccessActor, p: ProjectAccessScope, item: LedgerItemAccessScope) =>
  canWriteLedgerFor(actor, p, item.unitId);
/** Deleting is the office's, or the creator's while they may still write for the item's unit. */
export function canDeleteLedgerItem(actor: AccessActor, p: ProjectAccessScope, item: LedgerItemAccessScope): boolean {
  if (!inRegionOf(actor, p.regionCode)) return false;
  if (isOffice(actor)) return true;
  return item.createdBy === actor.id && canWriteLedgerFor(actor, p, item.unitId);
}
export const canImportLedger = (actor: AccessActor) => isOffice(actor);

/** Reporting investment follows project editing; reviewing (approve/return) and planning are the office's. */
export const canReportInvestment = canEditProject;
export const canReviewInvestment = (actor: AccessActor, p: ProjectAccessScope) =>
  inRegionOf(actor, p.regionCode) && isOffice(actor);
export const canPlanInvestment = canReviewInvestment;

/** Milestone plans are the office's; actual dates are recorded by whoever may edit the project. */
export const canPlanMilestones = (actor: AccessActor, p: ProjectAccessScope) =>
  inRegionOf(actor, p.regionCode) && isOffice(actor);
export const canRecordMilestones = canEditProject;
export const canEditMilestoneTemplates = (actor: AccessActor) => isOffice(actor);

/** Account management: admins, within their region subtree. */
export const canAdminUsers = (actor: Pick<AccessActor, 'roles'>) => hasAnyRole(actor, 'admin');
/** An admin may not disable their own account or drop their own admin role. */
export const isSelfLockout = (
  actorId: number,
  targetId: number,
  change: { disabled?: boolean | undefined; roles?: readonly Role[] | undefined },
) => actorId === targetId && (change.disabled === true || (change.roles !== undefined && !change.roles.includes('admin')));

/**
 * 等保 2.0's three administrators: the system administrator (accounts, regions, backups), the
 * security administrator (login and password rules) and the audit administrator (reads the audit
 * log, nobody edits it) are three different accounts.
 */
export const adminDuties = ['admin', 'security_admin', 'audit_admin'] as const satisfies readonly Role[];
export const dutiesConflict = (roles: readonly Role[]) => adminDuties.filter((d) => roles.includes(d)).length > 1;
export const canReadAuditLog = (actor: Pick<AccessActor, 'roles'>) => hasAnyRole(actor, 'audit_admin');
export const canChangeSetting = (actor: Pick<AccessActor, 'roles'>, key: keyof Settings) => hasAnyRole(actor, settingDuties[key]);
export const canReadSettings = (actor: Pick<AccessActor, 'roles'>) =>
  hasAnyRole(actor, 'admin', 'security_admin', 'audit_admin', 'office', 'supervisor');
