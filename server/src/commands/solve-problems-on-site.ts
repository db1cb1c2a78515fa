/**
 * Command: problems solved on the spot 现场解决 — in a site check or an on-site office meeting. Marks
 * each resolved with who solved it and where; that leader's (or task-force head's) weekly quota counts
 * it (compliance reads solved_by_* and solved_at). Each problem at the version the caller read:
 * a stale one is 409 and nothing is written (the caller's transaction rolls back).
 */
import { inArray } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { problems } from '../db/schema/index.js';
import { writeAudits } from '../lib/audit.js';
import { notFound, versionConflict } from '../lib/errors.js';
import type { RequestContext } from '../lib/request-context.js';
import { updateAtVersion } from '../lib/versioned.js';
import { shanghaiDate } from '@kpc/domain';
import { findProblem, type ProblemRow } from '../modules/problems/problems.repository.js';

export interface SolvedOnSite {
  id: number;
  version: number;
  resolution: string;
}

export interface SolvedWhere {
  /** Who solved it: the leader, or the account of a task-force head. */
  leaderId: number | null;
  userId: number | null;
  meetingId?: number;
  siteCheckId?: number;
  at: Date;
}

/** The open states a problem can be solved from. */
export const SOLVABLE = ['open', 'in_progress', 'escalated'] as const;

export async function solveProblemsOnSite(
  tx: Executor,
  ctx: Pick<RequestContext, 'actor' | 'audit' | 'now'>,
  regionCode: string,
  solved: readonly SolvedOnSite[],
  where: SolvedWhere,
): Promise<ProblemRow[]> {
  const out: ProblemRow[] = [];
  for (const s of solved) {
    const before = await findProblem(tx, s.id);
    if (!before) throw notFound();
    // a problem already resolved (or verified) is stale for this write too: 409 with how it stands
    const row = await updateAtVersion(
      tx,
      problems,
      s.id,
      s.version,
      {
        status: 'resolved',
        resolution: s.resolution,
        resolvedOn: shanghaiDate(where.at),
        resolvedBy: ctx.actor.id > 0 ? ctx.actor.id : null,
        solvedOnSite: true,
        solvedByLeaderId: where.leaderId,
        solvedByUserId: where.userId,
        solvedInMeetingId: where.meetingId ?? null,
        solvedInSiteCheckId: where.siteCheckId ?? null,
        solvedAt: where.at,
        updatedAt: ctx.now,
      },
      inArray(problems.status, [...SOLVABLE]),
    );
    if (!row) throw versionConflict(before);
    out.push(row);
  }
  await writeAudits(
    tx,
    ctx.audit,
    out.map((r, i) => ({
      action: 'solve_on_site',
      entity: 'problem',
      entityId: r.id,
      regionCode,
      before: { status: 'open', version: solved[i]!.version },
      after: r,
    })),
    ctx.now,
  );
  return out;
}
