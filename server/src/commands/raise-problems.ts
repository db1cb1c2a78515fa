/**
 * Command: problems raised somewhere other than the problems screen — at a meeting, in a site check,
 * from an office sheet's 存在问题 column. Inserts them open, audited, on the caller's transaction.
 * The caller has checked the policy and that the projects, units and leaders are in scope.
 */
import type { Executor } from '../db/client.js';
import type { RequestContext } from '../lib/request-context.js';
import { writeAudits } from '../lib/audit.js';
import { shanghaiDate } from '@kpc/domain';
import { insertProblems, type NewProblem, type ProblemRow } from '../modules/problems/problems.repository.js';

export type RaisedProblem = Pick<
  NewProblem,
  | 'projectId'
  | 'category'
  | 'source'
  | 'description'
  | 'raisedInMeetingId'
  | 'raisedInSiteCheckId'
  | 'unitId'
  | 'leaderId'
  | 'deadline'
>;

export async function raiseProblems(
  tx: Executor,
  ctx: Pick<RequestContext, 'actor' | 'audit' | 'now'>,
  regionCode: string,
  raised: readonly RaisedProblem[],
): Promise<ProblemRow[]> {
  const byUser = ctx.actor.id > 0 ? ctx.actor.id : null;
  const rows = await insertProblems(
    tx,
    raised.map((p) => ({
      ...p,
      raisedBy: byUser,
      raisedByName: ctx.actor.displayName,
      raisedOn: shanghaiDate(ctx.now),
      createdBy: byUser,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })),
  );
  await writeAudits(
    tx,
    ctx.audit,
    rows.map((r) => ({ action: 'create', entity: 'problem', entityId: r.id, regionCode, after: r })),
    ctx.now,
  );
  return rows;
}
