/**
 * Responsible units 责任单位: everyone signed in reads those of their region subtree;
 * admin and office create, edit and delete them (delete only while nothing refers to the unit).
 */
import type { z } from 'zod';
import type { createUnitBody, Unit, updateUnitBody } from '@kpc/contracts';
import type { Executor } from '../../db/client.js';
import { writeAudit } from '../../lib/audit.js';
import { notFound, versionConflict } from '../../lib/errors.js';
import { requireRegion, requireRole } from '../../lib/policy.js';
import { pgErrorCode } from '../../lib/query.js';
import { fieldError, type RequestContext } from '../../lib/request-context.js';
import { deleteUnreferenced } from '../../lib/reference-records.js';
import { requireWritableRegion } from '../regions/regions.service.js';
import * as repo from './units.repository.js';

export const toUnit = (r: repo.UnitRow): Unit => ({
  id: r.id,
  name: r.name,
  shortName: r.shortName,
  regionCode: r.regionCode,
  contactName: r.contactName,
  contactPhone: r.contactPhone,
  active: r.active,
  version: r.version,
});

export async function listUnits(
  ctx: RequestContext,
  q: { page: number; pageSize: number; q?: string | undefined; active?: 'true' | 'false' | undefined },
) {
  const { rows, total } = await repo.listUnits(ctx.db, {
    regionCode: ctx.actor.regionCode,
    q: q.q || undefined,
    active: q.active === undefined ? undefined : q.active === 'true',
    page: q.page,
    pageSize: q.pageSize,
  });
  return { items: rows.map(toUnit), total };
}

async function loadInScope(db: Executor, ctx: RequestContext, id: number): Promise<repo.UnitRow> {
  const row = await repo.findUnitById(db, id);
  if (!row) throw notFound();
  requireRegion(ctx.actor, row.regionCode);
  return row;
}

export async function getUnit(ctx: RequestContext, id: number): Promise<Unit> {
  const { db } = ctx;
  return toUnit(await loadInScope(db, ctx, id));
}

const duplicateName = (ctx: RequestContext) => fieldError('DUPLICATE', 'name', ctx.locale);

export async function createUnit(ctx: RequestContext, body: z.infer<typeof createUnitBody>): Promise<Unit> {
  const { db } = ctx;
  requireRole(ctx.actor, 'admin', 'office');
  await requireWritableRegion(db, ctx, body.regionCode);
  if (await repo.unitNameTaken(db, body.regionCode, body.name)) throw duplicateName(ctx);
  try {
    return await db.transaction(async (tx) => {
      const row = await repo.insertUnit(tx, {
        name: body.name,
        shortName: body.shortName || null,
        regionCode: body.regionCode,
        contactName: body.contactName || null,
        contactPhone: body.contactPhone ?? null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
      const unit = toUnit(row);
      await writeAudit(
        tx,
        ctx.audit,
        { action: 'create', entity: 'unit', entityId: row.id, regionCode: row.regionCode, after: unit },
        ctx.now,
      );
      return unit;
    });
  } catch (e) {
    if (pgErrorCode(e) === '23505') throw duplicateName(ctx);
    throw e;
  }
}

export async function updateUnit(ctx: RequestContext, id: number, body: z.infer<typeof updateUnitBody>): Promise<Unit> {
  const { db } = ctx;
  requireRole(ctx.actor, 'admin', 'office');
  try {
    return await db.transaction(async (tx) => {
      const current = await loadInScope(tx, ctx, id);
      if (current.version !== body.version) throw versionConflict(toUnit(current));
      const { version, ...change } = body;
      if (change.name !== undefined && (await repo.unitNameTaken(tx, current.regionCode, change.name, id)))
        throw duplicateName(ctx);
      const updated = await repo.updateUnit(tx, id, version, {
        name: change.name ?? current.name,
        shortName: change.shortName !== undefined ? change.shortName || null : current.shortName,
        contactName: change.contactName !== undefined ? change.contactName || null : current.contactName,
        contactPhone: change.contactPhone !== undefined ? change.contactPhone : current.contactPhone,
        active: change.active ?? current.active,
        updatedAt: ctx.now,
      });
      if (!updated) throw versionConflict(toUnit((await repo.findUnitById(tx, id)) ?? current));
      const after = toUnit(updated);
      await writeAudit(
        tx,
        ctx.audit,
        { action: 'update', entity: 'unit', entityId: id, regionCode: updated.regionCode, before: toUnit(current), after },
        ctx.now,
      );
      return after;
    });
  } catch (e) {
    if (pgErrorCode(e) === '23505') throw duplicateName(ctx);
    throw e;
  }
}

/** Deletes a unit nobody refers to; a unit still named by a project, user or record → 409 IN_USE (deactivate it instead). */
export const deleteUnit = (ctx: RequestContext, id: number): Promise<void> =>
  deleteUnreferenced(ctx, id, {
    entity: 'unit',
    load: (tx, i) => loadInScope(tx, ctx, i),
    remove: repo.deleteUnit,
    present: toUnit,
  });
