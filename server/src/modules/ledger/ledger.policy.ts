/**
 * Who may change a ledger item. Reading follows the project (region → else 404).
 * - office/admin: every item in their regions;
 * - unit: items whose responsible unit is its own, on projects its unit leads or cooperates on;
 * - enterprise: items of its own company's projects;
 * - leader, supervisor, viewer: read only. Leaders check the ledger; the units report on it, so the
 *   record of who marked an item done stays with the unit that owes it.
 * Deleting is the office's, or the creator's while they may still edit the item.
 */
import { hasRole, inRegion, type Actor, type ProjectScope } from '../../lib/policy.js';

export interface LedgerItemScope {
  unitId: number;
  createdBy: number | null;
}

const unitOnProject = (actor: Actor, p: ProjectScope) =>
  actor.unitId !== null && (p.leadUnitId === actor.unitId || p.cooperatingUnitIds.includes(actor.unitId));

export const ledgerPolicy = {
  canRead(actor: Actor, p: ProjectScope): boolean {
    return inRegion(actor, p.regionCode);
  },
  /** May the actor create (or move) an item owed by `unitId` on this project? */
  canWriteFor(actor: Actor, p: ProjectScope, unitId: number): boolean {
    if (!inRegion(actor, p.regionCode)) return false;
    if (hasRole(actor, 'admin', 'office')) return true;
    if (hasRole(actor, 'unit') && unitOnProject(actor, p) && unitId === actor.unitId) return true;
    if (hasRole(actor, 'enterprise') && actor.enterpriseId !== null && p.enterpriseId === actor.enterpriseId) return true;
    return false;
  },
  canEdit(actor: Actor, p: ProjectScope, item: LedgerItemScope): boolean {
    return ledgerPolicy.canWriteFor(actor, p, item.unitId);
  },
  canDelete(actor: Actor, p: ProjectScope, item: LedgerItemScope): boolean {
    if (!inRegion(actor, p.regionCode)) return false;
    if (hasRole(actor, 'admin', 'office')) return true;
    return item.createdBy === actor.id && ledgerPolicy.canEdit(actor, p, item);
  },
  /** Evidence: whoever may edit the item. */
  canUpload(actor: Actor, p: ProjectScope, item: LedgerItemScope): boolean {
    return ledgerPolicy.canEdit(actor, p, item);
  },
  /** Imports and exports of whole ledgers are the office's. */
  canImport(actor: Actor): boolean {
    return hasRole(actor, 'admin', 'office');
  },
};
