/**
 * Colour overrides 人工调整 (issue 11): the supervisor shows another colour than the computed one, with a
 * reason and a last day; it ends by itself after that day (read against asOf, nothing runs on expiry) or
 * earlier when ended. Setting one ends the one in force, in the same transaction; each change is audited.
 * The colour services read `overridesInForce` to show it beside the computed colour.
 */
import { userMessages, type EndRagOverrideBody, type OverrideRagBody, type ProjectRag, type RagOverride } from '@kpc/contracts';
import { addDays, canOverrideRag, canReadProject } from '@kpc/domain';
import type { Executor } from '../../db/client.js';
import { ragOverrides } from '../../db/schema/index.js';
import { writeAudit } from '../../lib/audit.js';
import { today } from '../../lib/clock.js';
import { AppError, versionConflict } from '../../lib/errors.js';
import { findProjectRef } from '../../lib/project-scope.js';
import { fieldError, type RequestContext } from '../../lib/request-context.js';
import { updateAtVersion } from '../../lib/versioned.js';
import * as repo from './rag-overrides.repository.js';

/** The longest an override may run: a colour set by hand must be looked at again. */
export const MAX_OVERRIDE_DAYS = 180;

const present = (r: repo.RagOverrideRecord, asOf: string): RagOverride => ({
  id: r.row.id,
  projectId: r.row.projectId,
  rag: r.row.rag,
  reason: r.row.reason,
  until: r.row.until,
  by: r.by,
  createdAt: r.row.createdAt.toISOString(),
  endedAt: r.row.endedAt?.toISOString() ?? null,
  endedBy: r.endedBy,
  active: r.row.endedAt === null && r.row.until >= asOf,
  version: r.row.version,
});

/** The `override` of a project's colour as the colour endpoints show it. */
export const overrideView = (r: repo.RagOverrideRecord | undefined): ProjectRag['override'] =>
  r ? { id: r.row.id, rag: r.row.rag, reason: r.row.reason, until: r.row.until, by: r.by, version: r.row.version } : null;

export const overridesInForce = repo.overridesInForce;

async function readableProject(ctx: RequestContext, projectId: number) {
  const p = await findProjectRef(ctx.db, projectId);
  if (!p || !canReadProject(ctx.actor, p)) throw new AppError('NOT_FOUND');
  return p;
}

export async function listOverrides(ctx: RequestContext, projectId: number): Promise<RagOverride[]> {
  await readableProject(ctx, projectId);
  const asOf = today(ctx.clock);
  return (await repo.overridesOfProject(ctx.db, projectId)).map((r) => present(r, asOf));
}

export async function overrideRag(ctx: RequestContext, projectId: number, body: OverrideRagBody): Promise<RagOverride> {
  const { actor, now } = ctx;
  const project = await readableProject(ctx, projectId);
  if (!canOverrideRag(actor, project)) throw new AppError('FORBIDDEN');
  const asOf = today(ctx.clock);
  if (body.until < asOf || body.until > addDays(asOf, MAX_OVERRIDE_DAYS))
    throw fieldError('VALIDATION_FAILED', 'until', ctx.locale, userMessages.rag_override_until);
  const id = await ctx.db.transaction(async (tx) => {
    const current = (await repo.overridesInForce(tx, [projectId], asOf)).get(projectId);
    if (current) await end(tx, ctx, current, current.row.version, project.regionCode);
    const newId = await repo.insertOverride(tx, {
      projectId,
      rag: body.rag,
      reason: body.reason,
      until: body.until,
      byUserId: actor.id,
      createdAt: now,
    });
    await writeAudit(
      tx,
      ctx.audit,
      {
        action: 'rag_override',
        entity: 'rag_override',
        entityId: newId,
        regionCode: project.regionCode,
        after: { projectId, rag: body.rag, reason: body.reason, until: body.until },
      },
      now,
    );
    return newId;
  });
  return present((await repo.findOverride(ctx.db, id))!, asOf);
}

async function end(
  tx: Executor,
  ctx: RequestContext,
  r: repo.RagOverrideRecord,
  version: number,
  regionCode: string,
): Promise<void> {
  const row = await updateAtVersion(tx, ragOverrides, r.row.id, version, { endedAt: ctx.now, endedBy: ctx.actor.id });
  if (!row) throw versionConflict(present((await repo.findOverride(tx, r.row.id))!, today(ctx.clock)));
  await writeAudit(
    tx,
    ctx.audit,
    { action: 'rag_override_end', entity: 'rag_override', entityId: r.row.id, regionCode, before: r.row, after: row },
    ctx.now,
  );
}

/** Ends the override in force now (the computed colour shows again); 409 on a stale version. */
export async function endRagOverride(ctx: RequestContext, projectId: number, body: EndRagOverrideBody): Promise<RagOverride> {
  const project = await readableProject(ctx, projectId);
  if (!canOverrideRag(ctx.actor, project)) throw new AppError('FORBIDDEN');
  const asOf = today(ctx.clock);
  const current = (await repo.overridesInForce(ctx.db, [projectId], asOf)).get(projectId);
  if (!current) throw new AppError('INVALID_STATE', undefined, userMessages.rag_override_none);
  await ctx.db.transaction((tx) => end(tx, ctx, current, body.version, project.regionCode));
  return present((await repo.findOverride(ctx.db, current.row.id))!, asOf);
}
