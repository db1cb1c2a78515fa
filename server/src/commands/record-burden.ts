/**
 * Command: record the burden 填报负担 of one submission (issue 12, ADR 0012) in the submission's own
 * transaction, so a refused or rolled-back submission records nothing. Called by every measured entry
 * screen with what its client sent; absent `burden` → the caller does not call. The unit is the
 * submitting user's, the week the ISO week (Asia/Shanghai) of `ctx.now`; seconds are clamped to 0–3600.
 * The figures never feed colours or evaluations.
 */
import type { BurdenScreen } from '@kpc/contracts';
import { clampBurden, isoWeekOf } from '@kpc/domain';
import type { Executor } from '../db/client.js';
import type { RequestContext } from '../lib/request-context.js';
import * as repo from '../modules/burden/burden.repository.js';

export interface BurdenRecord {
  screen: BurdenScreen;
  projectId: number;
  fieldsTyped: number;
  seconds: number;
}

export async function recordBurden(tx: Executor, ctx: RequestContext, r: BurdenRecord): Promise<void> {
  // system actors (jobs, imports) type nothing: only people's submissions are measured
  if (ctx.actor.id <= 0) return;
  const { fieldsTyped, seconds } = clampBurden(r);
  await repo.insertEntry(tx, {
    screen: r.screen,
    projectId: r.projectId,
    unitId: ctx.actor.unitId,
    userId: ctx.actor.id,
    isoWeek: isoWeekOf(ctx.now),
    fieldsTyped,
    seconds,
    at: ctx.now,
  });
}
