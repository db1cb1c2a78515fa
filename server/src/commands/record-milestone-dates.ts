/**
 * Command: actual start / finish dates of milestone nodes recorded from another screen (the weekly
 * update 周报). Each at the version the caller read (stale → 409, the transaction rolls back); the node's
 * status follows its dates. The caller has checked the policy and the dates (not in the future, finish
 * after start).
 */
import type { Executor } from '../db/client.js';
import { writeAudits } from '../lib/audit.js';
import { notFound, versionConflict } from '../lib/errors.js';
import type { RequestContext } from '../lib/request-context.js';
import { findMilestone, updateMilestone } from '../modules/milestones/milestones.repository.js';

export interface MilestoneDates {
  id: number;
  version: number;
  actualStart: string | null;
  actualFinish: string | null;
}

export async function recordMilestoneDates(
  tx: Executor,
  ctx: Pick<RequestContext, 'audit' | 'now'>,
  regionCode: string,
  dates: readonly MilestoneDates[],
): Promise<number[]> {
  const audits = [];
  for (const d of dates) {
    const before = await findMilestone(tx, d.id);
    if (!before) throw notFound();
    const set = { actualStart: d.actualStart, actualFinish: d.actualFinish, durationDays: before.durationDays };
    if (!(await updateMilestone(tx, d.id, d.version, set, ctx.now))) throw versionConflict(before);
    const after = (await findMilestone(tx, d.id))!;
    audits.push({ action: 'update', entity: 'milestone', entityId: d.id, regionCode, before, after });
  }
  await writeAudits(tx, ctx.audit, audits, ctx.now);
  return dates.map((d) => d.id);
}
