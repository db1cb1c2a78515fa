/**
 * Command: ledger items reported on from another screen — the weekly update 周报 ticks items done (with
 * the date) or adds a one-line progress note 进展情况. Each at the version the caller read: a stale one
 * is 409 and the caller's transaction rolls back. The caller has checked the policy and the dates.
 */
import type { Executor } from '../db/client.js';
import { writeAudits } from '../lib/audit.js';
import { notFound, versionConflict } from '../lib/errors.js';
import type { RequestContext } from '../lib/request-context.js';
import { findLedgerItem, ledgerItemSnapshot, updateLedgerItem } from '../modules/ledger/ledger.repository.js';

export interface LedgerItemReport {
  id: number;
  version: number;
  /** Done on this date (status → done). */
  doneOn?: string;
  progressNote?: string;
}

export async function reportLedgerItems(
  tx: Executor,
  ctx: Pick<RequestContext, 'audit' | 'now'>,
  regionCode: string,
  reports: readonly LedgerItemReport[],
  asOf: string,
): Promise<number[]> {
  const audits = [];
  for (const r of reports) {
    const before = await findLedgerItem(tx, r.id);
    if (!before) throw notFound();
    const row = await updateLedgerItem(
      tx,
      r.id,
      r.version,
      {
        ...(r.doneOn ? { status: 'done' as const, completedOn: r.doneOn } : {}),
        ...(r.progressNote !== undefined ? { progressNote: r.progressNote, progressNoteAt: ctx.now } : {}),
      },
      ctx.now,
    );
    if (!row) throw versionConflict(ledgerItemSnapshot(before, asOf));
    const after = (await findLedgerItem(tx, r.id))!;
    audits.push({
      action: 'update',
      entity: 'ledger_item',
      entityId: r.id,
      regionCode,
      before: ledgerItemSnapshot(before, asOf),
      after: ledgerItemSnapshot(after, asOf),
    });
  }
  await writeAudits(tx, ctx.audit, audits, ctx.now);
  return reports.map((r) => r.id);
}
