/**
 * Command: open problems reported on from another screen (the weekly update 周报): a progress note
 * 进展情况, or resolved with how (解决情况). Each at the version the caller read, and only while open
 * (open, in progress, escalated): otherwise 409 and the caller's transaction rolls back. The caller has
 * checked the policy.
 */
import type { Executor } from '../db/client.js';
import { writeAudits } from '../lib/audit.js';
import { notFound, versionConflict } from '../lib/errors.js';
import type { RequestContext } from '../lib/request-context.js';
import { shanghaiDate } from '@kpc/domain';
import { findProblem, updateProblem } from '../modules/problems/problems.repository.js';
import { SOLVABLE } from './solve-problems-on-site.js';

export interface ProblemReport {
  id: number;
  version: number;
  progressNote?: string;
  /** Resolved, and how. */
  resolution?: string;
}

export async function reportProblems(
  tx: Executor,
  ctx: Pick<RequestContext, 'actor' | 'audit' | 'now'>,
  regionCode: string,
  reports: readonly ProblemReport[],
): Promise<number[]> {
  const audits = [];
  for (const r of reports) {
    const before = await findProblem(tx, r.id);
    if (!before) throw notFound();
    const resolve = r.resolution !== undefined;
    const after = await updateProblem(
      tx,
      r.id,
      r.version,
      {
        ...(r.progressNote !== undefined ? { progressNote: r.progressNote } : {}),
        ...(resolve
          ? {
              status: 'resolved' as const,
              resolution: r.resolution,
              resolvedOn: shanghaiDate(ctx.now),
              resolvedBy: ctx.actor.id > 0 ? ctx.actor.id : null,
            }
          : {}),
      },
      ctx.now,
      SOLVABLE,
    );
    if (!after) throw versionConflict(before);
    audits.push({ action: resolve ? 'resolve' : 'update', entity: 'problem', entityId: r.id, regionCode, before, after });
  }
  await writeAudits(tx, ctx.audit, audits, ctx.now);
  return reports.map((r) => r.id);
}
