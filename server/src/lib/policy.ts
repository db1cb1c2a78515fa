/**
 * Who may see and change what. Every route goes through these checks:
 * - region: a user sees their region and the regions below it (codes are prefixes); outside → 404.
 * - role: viewer reads only; office/admin edit all in their regions; unit users only projects their
 *   unit leads or cooperates on; enterprise users only their own company's projects; outside → 403.
 */
import type { Role } from '@kpc/contracts';
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

export const hasRole = (actor: Actor, ...roles: Role[]) => actor.roles.some((r) => roles.includes(r));

/** Throws 403 unless the actor has one of the roles. */
export function requireRole(actor: Actor, ...roles: Role[]): void {
  if (!hasRole(actor, ...roles)) throw new AppError('FORBIDDEN');
}

/** True when `regionCode` is the actor's region or below it. */
export const inRegion = (actor: Actor, regionCode: string) => regionCode.startsWith(actor.regionCode);

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
  canRead(actor: Actor, p: ProjectScope): boolean {
    return inRegion(actor, p.regionCode);
  },
  canEdit(actor: Actor, p: ProjectScope): boolean {
    if (!inRegion(actor, p.regionCode)) return false;
    if (hasRole(actor, 'admin', 'office')) return true;
    if (hasRole(actor, 'unit') && actor.unitId !== null) {
      if (p.leadUnitId === actor.unitId || p.cooperatingUnitIds.includes(actor.unitId)) return true;
    }
    if (hasRole(actor, 'enterprise') && actor.enterpriseId !== null && p.enterpriseId === actor.enterpriseId) return true;
    return false;
  },
  canCreate(actor: Actor): boolean {
    return hasRole(actor, 'admin', 'office');
  },
  canDelete(actor: Actor, p: ProjectScope): boolean {
    return inRegion(actor, p.regionCode) && hasRole(actor, 'admin', 'office');
  },
  /** Stage changes: whoever may edit; rollbacks only office/admin. */
  canRollback(actor: Actor, p: ProjectScope): boolean {
    return inRegion(actor, p.regionCode) && hasRole(actor, 'admin', 'office');
  },
  /** Fields only the office sets: level, the four-ones assignment, codes, region. */
  officeOnlyFields: ['code', 'level', 'leaderId', 'leadUnitId', 'cooperatingUnitIds', 'regionCode', 'enterpriseId'] as const,
};

/** Reads the project scope for a 404/403 decision in one place. */
export function requireProjectRead(actor: Actor, p: ProjectScope): void {
  if (!projectPolicy.canRead(actor, p)) throw new AppError('NOT_FOUND');
}
export function requireProjectEdit(actor: Actor, p: ProjectScope): void {
  requireProjectRead(actor, p);
  if (!projectPolicy.canEdit(actor, p)) throw new AppError('FORBIDDEN');
}
