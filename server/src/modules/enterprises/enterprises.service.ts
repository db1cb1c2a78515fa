/**
 * Investing enterprises 项目业主: everyone signed in reads those of their region subtree;
 * admin and office create, edit and delete them (delete only while nothing refers to the enterprise).
 */
import type { z } from 'zod';
import type { createEnterpriseBody, Enterprise, updateEnterpriseBody } from '@kpc/contracts';
import type { Executor } from '../../db/client.js';
import { writeAudit } from '../../lib/audit.js';
import { notFound, versionConflict } from '../../lib/errors.js';
import { requireRegion, requireRole } from '../../lib/policy.js';
import { pgErrorCode } from '../../lib/query.js';
import { fieldError, type RequestContext } from '../../lib/request-context.js';
import { deleteUnreferenced } from '../../lib/reference-records.js';
import { requireWritableRegion } from '../regions/regions.service.js';
import * as repo from './enterprises.repository.js';

export const toEnterprise = (r: repo.EnterpriseRow): Enterprise => ({
  id: r.id,
  name: r.name,
  creditCode: r.creditCode,
  regionCode: r.regionCode,
  version: r.version,
});

export async function listEnterprises(ctx: RequestContext, q: { page: number; pageSize: number; q?: string | undefined }) {
  const { rows, total } = await repo.listEnterprises(ctx.db, {
    regionCode: ctx.actor.regionCode,
    q: q.q || undefined,
    page: q.page,
    pageSize: q.pageSize,
  });
  return { items: rows.map(toEnterprise), total };
}

async function loadInScope(db: Executor, ctx: RequestContext, id: number): Promise<repo.EnterpriseRow> {
  const row = await repo.findEnterpriseById(db, id);
  if (!row) throw notFound();
  requireRegion(ctx.actor, row.regionCode);
  return row;
}

export async function getEnterprise(ctx: RequestContext, id: number): Promise<Enterprise> {
  const { db } = ctx;
  return toEnterprise(await loadInScope(db, ctx, id));
}

const duplicateName = (ctx: RequestContext) => fieldError('DUPLICATE', 'name', ctx.locale);

export async function createEnterprise(ctx: RequestContext, body: z.infer<typeof createEnterpriseBody>): Promise<Enterprise> {
  const { db } = ctx;
  requireRole(ctx.actor, 'admin', 'office');
  await requireWritableRegion(db, ctx, body.regionCode);
  if (await repo.enterpriseNameTaken(db, body.name)) throw duplicateName(ctx);
  try {
    return await db.transaction(async (tx) => {
      const row = await repo.insertEnterprise(tx, {
        name: body.name,
        creditCode: body.creditCode || null,
        regionCode: body.regionCode,
        createdAt: ctx.now,
      });
      const enterprise = toEnterprise(row);
      await writeAudit(
        tx,
        ctx.audit,
        { action: 'create', entity: 'enterprise', entityId: row.id, regionCode: row.regionCode, after: enterprise },
        ctx.now,
      );
      return enterprise;
    });
  } catch (e) {
    if (pgErrorCode(e) === '23505') throw duplicateName(ctx);
    throw e;
  }
}

export async function updateEnterprise(
  ctx: RequestContext,
  id: number,
  body: z.infer<typeof updateEnterpriseBody>,
): Promise<Enterprise> {
  const { db } = ctx;
  requireRole(ctx.actor, 'admin', 'office');
  try {
    return await db.transaction(async (tx) => {
      const current = await loadInScope(tx, ctx, id);
      if (current.version !== body.version) throw versionConflict(toEnterprise(current));
      const { version, ...change } = body;
      if (change.name !== undefined && (await repo.enterpriseNameTaken(tx, change.name, id))) throw duplicateName(ctx);
      const updated = await repo.updateEnterprise(tx, id, version, {
        name: change.name ?? current.name,
        creditCode: change.creditCode !== undefined ? change.creditCode || null : current.creditCode,
      });
      if (!updated) throw versionConflict(toEnterprise((await repo.findEnterpriseById(tx, id)) ?? current));
      const after = toEnterprise(updated);
      await writeAudit(
        tx,
        ctx.audit,
        {
          action: 'update',
          entity: 'enterprise',
          entityId: id,
          regionCode: updated.regionCode,
          before: toEnterprise(current),
          after,
        },
        ctx.now,
      );
      return after;
    });
  } catch (e) {
    if (pgErrorCode(e) === '23505') throw duplicateName(ctx);
    throw e;
  }
}

/** Deletes an enterprise nobody refers to; one that still owns a project or has accounts → 409 IN_USE. */
export const deleteEnterprise = (ctx: RequestContext, id: number): Promise<void> =>
  deleteUnreferenced(ctx, id, {
    entity: 'enterprise',
    load: (tx, i) => loadInScope(tx, ctx, i),
    remove: repo.deleteEnterprise,
    present: toEnterprise,
  });
