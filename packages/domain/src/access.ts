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
}

/** What the rules need to know about a project. */
export interface ProjectAccessScope {
  regionCode: string;
  leadUnitId: number | null;
  cooperatingUnitIds: readonly number[];
  enterpriseId: number | null;
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

export const canReadProject = (actor: AccessActor, p: ProjectAccessScope) => inRegionOf(actor, p.regionCode);
export function canEditProject(actor: AccessActor, p: ProjectAccessScope): boolean {
  if (!inRegionOf(actor, p.regionCode)) return false;
  if (isOffice(actor)) return true;
  if (hasAnyRole(actor, 'unit') && unitOnProject(actor, p)) return true;
  return ownEnterprise(actor, p);
}
export const canCreateProject = (actor: AccessActor) => isOffice(actor);
export const canDeleteProject = (actor: AccessActor, p: ProjectAccessScope) => inRegionOf(actor, p.regionCode) && isOffice(actor);
/** Stage changes follow editing; rollbacks are the office's. */
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

/** May the actor create (or move) a ledger item owed by `unitId` on this project? */
export function canWriteLedgerFor(actor: AccessActor, p: ProjectAccessScope, unitId: number): boolean {
  if (!inRegionOf(actor, p.regionCode)) return false;
  if (isOffice(actor)) return true;
  if (hasAnyRole(actor, 'unit') && unitOnProject(actor, p) && unitId === actor.unitId) return true;
  return ownEnterprise(actor, p);
}
export const canEditLedgerItem = (actor: AccessActor, p: ProjectAccessScope, item: LedgerItemAccessScope) =>
  canWriteLedgerFor(actor, p, item.unitId);
/** Deleting is the office's, or the creator's while they may still edit the item. */
export function canDeleteLedgerItem(actor: AccessActor, p: ProjectAccessScope, item: LedgerItemAccessScope): boolean {
  if (!inRegionOf(actor, p.regionCode)) return false;
  if (isOffice(actor)) return true;
  return item.createdBy === actor.id && canEditLedgerItem(actor, p, item);
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
