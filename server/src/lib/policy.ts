/**
 * Who may see and change what. Every route goes through these checks:
 * - region: a user sees their region and the regions below it (codes are prefixes); outside → 404.
 * - read scope (ADR 0009): office, supervisor, viewer and admin read the region; a unit the projects it
 *   leads or cooperates on; an enterprise its own; a leader those they contract; outside → 404.
 * - role: viewer reads only; office/admin edit all in their regions; unit users only projects their
 *   unit leads or cooperates on; enterprise users only their own company's projects; outside → 403.
 */
import type { Role } from '@kpc/contracts';
import * as access from '@kpc/domain';
import { AppError } from './errors.js';

export interface Actor {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  regionCode: string;
  unitId: number | null;
  leaderId: number | null;
  enterpriseId: number | null;
}

export const hasRole = (actor: Actor, ...roles: Role[]) => access.hasAnyRole(actor, ...roles);

/** Throws 403 unless the actor has one of the roles. */
export function requireRole(actor: Actor, ...roles: Role[]): void {
  if (!hasRole(actor, ...roles)) throw new AppError('FORBIDDEN');
}

/** True when `regionCode` is the actor's region or below it. */
export const inRegion = (actor: Actor, regionCode: string) => access.inRegionOf(actor, regionCode);

/** Throws 404 for records outside the actor's regions: they must not learn the record exists. */
export function requireRegion(actor: Actor, regionCode: string): void {
  if (!inRegion(actor, regionCode)) throw new AppError('NOT_FOUND');
}

/** What the policy needs to know about a project. */
export interface ProjectScope {
  regionCode: string;
  leadUnitId: number | null;
  cooperatingUnitIds: number[];
  enterpriseId: number | null;
  leaderId: number | null;
}

export const projectPolicy = {
  canRead: (actor: Actor, p: ProjectScope): boolean => access.canReadProject(actor, p),
  canEdit: (actor: Actor, p: ProjectScope): boolean => access.canEditProject(actor, p),
  canCreate: (actor: Actor): boolean => access.canCreateProject(actor),
  canDelete: (actor: Actor, p: ProjectScope): boolean => access.canDeleteProject(actor, p),
  /** Stage changes, forward or back: office/admin only (ADR 0009). */
  canTransition: (actor: Actor, p: ProjectScope): boolean => access.canTransitionProject(actor, p),
  canRollback: (actor: Actor, p: ProjectScope): boolean => access.canRollbackProject(actor, p),
  /** Fields only the office sets: level, the four-ones assignment, codes, region. */
  officeOnlyFields: access.projectOfficeOnlyFields,
};

/** Reads the project scope for a 404/403 decision in one place. */
export function requireProjectRead(actor: Actor, p: ProjectScope): void {
  if (!projectPolicy.canRead(actor, p)) throw new AppError('NOT_FOUND');
}
export function requireProjectEdit(actor: Actor, p: ProjectScope): void {
  requireProjectRead(actor, p);
  if (!projectPolicy.canEdit(actor, p)) throw new AppError('FORBIDDEN');
}
