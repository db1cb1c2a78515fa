/**
 * Contracting leaders 分包领导: everyone signed in reads those of their region subtree;
 * admin and office create, edit and delete them (delete only while nothing refers to the leader).
 */
import type { z } from 'zod';
import type { createLeaderBody, Leader, updateLeaderBody } from '@kpc/contracts';
import type { Executor } from '../../db/client.js';
import { writeAudit } from '../../lib/audit.js';
import { notFound, versionConflict } from '../../lib/errors.js';
import { requireRegion, requireRole } from '../../lib/policy.js';
import type { RequestContext } from '../../lib/request-context.js';
import { deleteUnreferenced } from '../../lib/reference-records.js';
import { requireWritableRegion } from '../regions/regions.service.js';
import * as repo from './leaders.repository.js';

export const toLeader = (r: repo.LeaderRow): Leader => ({
  id: r.id,
  name: r.name,
  title: r.title,
  regionCode: r.regionCode,
  phone: r.phone,
  active: r.active,
  version: r.version,
});

export async function listLeaders(
  ctx: RequestContext,
  q: { page: number; pageSize: number; q?: string | undefined; active?: 'true' | 'false' | undefined },
) {
  const { rows, total } = await repo.listLeaders(ctx.db, {
    regionCode: ctx.actor.regionCode,
    q: q.q || undefined,
    active: q.active === undefined ? undefined : q.active === 'true',
    page: q.page,
    pageSize: q.pageSize,
  });
  return { items: rows.map(toLeader), total };
}

async function loadInScope(db: Executor, ctx: RequestContext, id: number): Promise<repo.LeaderRow> {
  const row = await repo.findLeaderById(db, id);
  if (!row) throw notFound();
  requireRegion(ctx.actor, row.regionCode);
  return row;
}

export async function getLeader(ctx: RequestContext, id: number): Promise<Leader> {
  const { db } = ctx;
  return toLeader(await loadInScope(db, ctx, id));
}

export async function createLeader(ctx: RequestContext, body: z.infer<typeof createLeaderBody>): Promise<Leader> {
  const { db } = ctx;
  requireRole(ctx.actor, 'admin', 'office');
  await requireWritableRegion(db, ctx, body.regionCode);
  return db.transaction(async (tx) => {
    const row = await repo.insertLeader(tx, {
      name: body.name,
      title: body.title ?? '',
      regionCode: body.regionCode,
      phone: body.phone ?? null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    const leader = toLeader(row);
    await writeAudit(
      tx,
      ctx.audit,
      { action: 'create', entity: 'leader', entityId: row.id, regionCode: row.regionCode, after: leader },
      ctx.now,
    );
    return leader;
  });
}

export async function updateLeader(ctx: RequestContext, id: number, body: z.infer<typeof updateLeaderBody>): Promise<Leader> {
  const { db } = ctx;
  requireRole(ctx.actor, 'admin', 'office');
  return db.transaction(async (tx) => {
    const current = await loadInScope(tx, ctx, id);
    if (current.version !== body.version) throw versionConflict(toLeader(current));
    const { version, ...change } = body;
    const updated = await repo.updateLeader(tx, id, version, {
      name: change.name ?? current.name,
      title: change.title ?? current.title,
      phone: change.phone !== undefined ? change.phone : current.phone,
      active: change.active ?? current.active,
      updatedAt: ctx.now,
    });
    if (!updated) throw versionConflict(toLeader((await repo.findLeaderById(tx, id)) ?? current));
    const after = toLeader(updated);
    await writeAudit(
      tx,
      ctx.audit,
      { action: 'update', entity: 'leader', entityId: id, regionCode: updated.regionCode, before: toLeader(current), after },
      ctx.now,
    );
    return after;
  });
}

/** Deletes a leader nobody refers to; one still contracting a project or linked to an account → 409 IN_USE. */
export const deleteLeader = (ctx: RequestContext, id: number): Promise<void> =>
  deleteUnreferenced(ctx, id, {
    entity: 'leader',
    load: (tx, i) => loadInScope(tx, ctx, i),
    remove: repo.deleteLeader,
    present: toLeader,
  });
