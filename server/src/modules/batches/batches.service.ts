/**
 * "Three batches" periods (office/admin), their signing / starting / commissioning lists, and the
 * rates per period computed by the domain from the listed projects' dated stage transitions.
 */
import {
  batchLists,
  userMessages,
  type BatchList,
  type CreatePeriodBody,
  type Period,
  type PeriodDetail,
  type PeriodRates,
  type PutPeriodListBody,
  type UpdatePeriodBody,
} from '@kpc/contracts';
import { batchRates, type CohortProject } from '@kpc/domain';
import type { Executor } from '../../db/client.js';
import { writeAudit } from '../../lib/audit.js';
import { today } from '../../lib/clock.js';
import { AppError, versionConflict } from '../../lib/errors.js';
import { inRegion, requireRegion, requireRole } from '../../lib/policy.js';
import { pgErrorCode } from '../../lib/query.js';
import { fieldError, type RequestContext } from '../../lib/request-context.js';
import * as repo from './batches.repository.js';

const presentPeriod = (x: repo.PeriodWithCounts): Period => ({
  id: x.p.id,
  regionCode: x.p.regionCode,
  seq: x.p.seq,
  name: x.p.name,
  startDate: x.p.startDate,
  endDate: x.p.endDate,
  version: x.p.version,
  counts: { signing: Number(x.signing), starting: Number(x.starting), commissioning: Number(x.commissioning) },
});

async function detail(db: Executor, id: number): Promise<PeriodDetail> {
  const x = (await repo.findPeriod(db, id))!;
  return { ...presentPeriod(x), lists: await repo.periodLists(db, id) };
}

async function loadPeriod(ctx: RequestContext, db: Executor, id: number) {
  const x = await repo.findPeriod(db, id);
  if (!x) throw new AppError('NOT_FOUND');
  requireRegion(ctx.actor, x.p.regionCode);
  return x;
}

export async function listPeriods(ctx: RequestContext, regionCode?: string) {
  return (await repo.listPeriods(ctx.db, ctx.actor.regionCode, regionCode)).map(presentPeriod);
}

export async function getPeriod(ctx: RequestContext, id: number) {
  await loadPeriod(ctx, ctx.db, id);
  return detail(ctx.db, id);
}

async function checkDates(tx: Executor, ctx: RequestContext, regionCode: string, start: string, end: string, exceptId?: number) {
  if (end < start) throw fieldError('VALIDATION_FAILED', 'endDate', ctx.locale, userMessages.date_order);
  const other = await repo.findOverlapping(tx, regionCode, start, end, exceptId);
  if (other)
    throw new AppError(
      'DUPLICATE',
      [{ field: 'startDate', message: userMessages.period_overlap[ctx.locale], periodId: other.id }],
      userMessages.period_overlap,
    );
}

const seqGuard = async <T>(work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (e) {
    if (pgErrorCode(e) === '23505') throw new AppError('DUPLICATE', { field: 'seq' }, userMessages.period_seq_taken);
    throw e;
  }
};

export async function createPeriod(ctx: RequestContext, body: CreatePeriodBody) {
  const { db, actor, now } = ctx;
  requireRole(actor, 'office', 'admin');
  const regionCode = body.regionCode ?? actor.regionCode;
  if (!inRegion(actor, regionCode)) throw fieldError('VALIDATION_FAILED', 'regionCode', ctx.locale, userMessages.outside_region);
  const id = await seqGuard(() =>
    db.transaction(async (tx) => {
      await repo.lockRegionPeriods(tx, regionCode);
      await checkDates(tx, ctx, regionCode, body.startDate, body.endDate);
      const seq = body.seq ?? (await repo.nextSeq(tx, regionCode));
      const row = await repo.insertPeriod(tx, {
        regionCode,
        seq,
        name: body.name,
        startDate: body.startDate,
        endDate: body.endDate,
        createdAt: now,
      });
      await writeAudit(tx, ctx.audit, { action: 'create', entity: 'period', entityId: row.id, regionCode, after: row }, now);
      return row.id;
    }),
  );
  return detail(db, id);
}

export async function updatePeriod(ctx: RequestContext, id: number, body: UpdatePeriodBody) {
  const { db, now } = ctx;
  const before = await loadPeriod(ctx, db, id);
  requireRole(ctx.actor, 'office', 'admin');
  await db.transaction(async (tx) => {
    await repo.lockRegionPeriods(tx, before.p.regionCode);
    await checkDates(tx, ctx, before.p.regionCode, body.startDate ?? before.p.startDate, body.endDate ?? before.p.endDate, id);
    const row = await repo.updatePeriod(tx, id, body.version, {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.startDate !== undefined ? { startDate: body.startDate } : {}),
      ...(body.endDate !== undefined ? { endDate: body.endDate } : {}),
    });
    if (!row) throw versionConflict(await detail(tx, id));
    await writeAudit(
      tx,
      ctx.audit,
      { action: 'update', entity: 'period', entityId: id, regionCode: row.regionCode, before: before.p, after: row },
      now,
    );
  });
  return detail(db, id);
}

export async function deletePeriod(ctx: RequestContext, id: number, version: number) {
  const { db } = ctx;
  const before = await loadPeriod(ctx, db, id);
  requireRole(ctx.actor, 'office', 'admin');
  const lists = await repo.periodLists(db, id);
  await db.transaction(async (tx) => {
    if (!(await repo.deletePeriod(tx, id, version))) throw versionConflict(await detail(db, id));
    await writeAudit(
      tx,
      ctx.audit,
      { action: 'delete', entity: 'period', entityId: id, regionCode: before.p.regionCode, before: { ...before.p, lists } },
      ctx.now,
    );
  });
}

/** Replaces one of a period's lists; the period's version guards the whole set of lists. */
export async function putList(ctx: RequestContext, id: number, list: BatchList, body: PutPeriodListBody) {
  const { db, now } = ctx;
  const before = await loadPeriod(ctx, db, id);
  requireRole(ctx.actor, 'office', 'admin');
  const outside = await repo.projectsOutside(db, [...new Set(body.projectIds)], before.p.regionCode);
  if (outside.length)
    throw new AppError('VALIDATION_FAILED', [
      { field: 'projectIds', message: userMessages.period_projects_outside[ctx.locale], projectIds: outside },
    ]);
  const beforeLists = await repo.periodLists(db, id);
  await db.transaction(async (tx) => {
    if (!(await repo.updatePeriod(tx, id, body.version))) throw versionConflict(await detail(tx, id));
    await repo.replaceList(tx, id, list, body.projectIds);
    await writeAudit(
      tx,
      ctx.audit,
      {
        action: 'update_list',
        entity: 'period',
        entityId: id,
        regionCode: before.p.regionCode,
        before: { list, projectIds: beforeLists[list] },
        after: { list, projectIds: [...new Set(body.projectIds)].sort((a, b) => a - b) },
      },
      now,
    );
  });
  return detail(db, id);
}

/** Rates of every period in `regionCode`'s subtree as of `asOf`, in date order (the trend); the caller checks the region. */
export async function periodRates(ctx: RequestContext, regionCode: string, asOf: string): Promise<PeriodRates[]> {
  const { db } = ctx;
  const ps = (await repo.listPeriods(db, regionCode)).sort(
    (a, b) => a.p.startDate.localeCompare(b.p.startDate) || a.p.seq - b.p.seq || a.p.id - b.p.id,
  );
  const { entries, stages, transitions } = await repo.cohorts(
    db,
    ps.map((x) => x.p.id),
  );
  const member = (projectId: number): CohortProject => ({
    projectId,
    transitions: transitions.get(projectId) ?? [],
    currentStage: stages.get(projectId),
  });
  return ps.map(({ p }) => {
    const lists = Object.fromEntries(
      batchLists.map((l) => [l, entries.filter((e) => e.periodId === p.id && e.list === l).map((e) => member(e.projectId))]),
    ) as Record<BatchList, CohortProject[]>;
    return {
      period: { id: p.id, seq: p.seq, name: p.name, startDate: p.startDate, endDate: p.endDate, regionCode: p.regionCode },
      ...batchRates(lists, asOf),
    };
  });
}

export async function getRatesTrend(ctx: RequestContext, q: { asOf?: string; regionCode?: string }) {
  const regionCode = q.regionCode ?? ctx.actor.regionCode;
  requireRegion(ctx.actor, regionCode);
  const asOf = q.asOf ?? today(ctx.clock);
  return { asOf, periods: await periodRates(ctx, regionCode, asOf) };
}
