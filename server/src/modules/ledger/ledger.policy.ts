/**
 * Who may change a ledger item. Reading follows the project (region → else 404).
 * - office/admin: every item in their regions;
 * - unit: items whose responsible unit is its own, on projects its unit leads or cooperates on;
 * - enterprise: reads its own company's projects' items and reports progress (进展情况) and evidence on them, but
 *   does not create, reassign or complete an item: items are owed by government units (ADR 0009);
 * - leader, supervisor, viewer: read only. Leaders check the ledger; the units report on it, so the
 *   record of who marked an item done stays with the unit that owes it.
 * Deleting is the office's, or the creator's while they may still edit the item.
 */
import {
  canCompleteLedgerItem,
  canDeleteLedgerItem,
  canEditLedgerItem,
  canImportLedger,
  canReadProject,
  canReportLedgerProgress,
  canWriteLedgerFor,
} from '@kpc/domain';
import type { Actor, ProjectScope } from '../../lib/policy.js';

export interface LedgerItemScope {
  unitId: number;
  createdBy: number | null;
}

export const ledgerPolicy = {
  canRead: (actor: Actor, p: ProjectScope): boolean => canReadProject(actor, p),
  /** May the actor create (or move) an item owed by `unitId` on this project? */
  canWriteFor: (actor: Actor, p: ProjectScope, unitId: number): boolean => canWriteLedgerFor(actor, p, unitId),
  canEdit: (actor: Actor, p: ProjectScope, item: LedgerItemScope): boolean => canEditLedgerItem(actor, p, item),
  /** Marking an item done (or reopening it) and its completion date: the unit that owes it, or the office. */
  canComplete: (actor: Actor, p: ProjectScope, item: LedgerItemScope): boolean => canCompleteLedgerItem(actor, p, item),
  canDelete: (actor: Actor, p: ProjectScope, item: LedgerItemScope): boolean => canDeleteLedgerItem(actor, p, item),
  /**
   * The progress note 进展情况 is a progress report: the unit that owes the item, the office, and the
   * project's enterprise also on items a government unit owes.
   */
  canReportProgress: (actor: Actor, p: ProjectScope, item: LedgerItemScope): boolean => canReportLedgerProgress(actor, p, item),
  /** Evidence: whoever may edit the item. */
  canUpload: (actor: Actor, p: ProjectScope, item: LedgerItemScope): boolean => canEditLedgerItem(actor, p, item),
  /** Imports and exports of whole ledgers are the office's. */
  canImport: (actor: Actor): boolean => canImportLedger(actor),
};
