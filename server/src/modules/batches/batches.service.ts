/**
 * "Three batches" periods (office/admin), their signing / starting / commissioning lists, and the
 * rates per period computed by the domain from the listed projects' dated stage transitions.
 */
import type {
  BatchList,
  CreatePeriodBody,
  Locale,
  Period,
  PeriodDetail,
  PeriodRates,
  PutPeriodListBody,
  UpdatePeriodBody,
} from '@kpc/contracts';
import { batchLists } from '@kpc/contracts';
import { batchRates, type CohortProject } from '@kpc/domain';
import { and, eq, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { periods } from '../../db/schema/index.js';
import { writeAudit, type AuditContext } from '../../lib/audit.js';
import { today, type Clock } from '../../lib/clock.js';
import { AppError, versionConflict } from '../../lib/errors.js';
import { inRegion, requireRegion, requireRole, type Actor } from '../../lib/policy.js';
import { pgErrorCode } from '../../lib/query.js';
import { fieldError } from '../../lib/request-context.js';
import * as repo from './batches.repository.js';

const messages = {
  overlap: { 'zh-CN': '与本区域已有的批次时间重叠', en: 'Overlaps another period of this region' },
  dateOrder: { 'zh-CN': '结束日期不能早于开始日期', en: 'The end date is before the start date' },
  seqTaken: { 'zh-CN': '该期次编号已存在', en: 'A period with this number already exists' },
  outsideRegion: { 'zh-CN': '不在您的管辖区域内', en: 'Outside your region' },
  projectsOutside: {
    'zh-CN': '部分项目不存在或不在该批次的区域内',
    en: 'Some projects do not exist or lie outside the period’s region',
  },
};

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

async function loadPeriod(db: Executor, actor: Actor, id: number) {
  const x = await repo.findPeriod(db, id);
  if (!x) throw new AppError('NOT_FOUND');
  requireRegion(actor, x.p.regionCode);
  return x;
}

export async function listPeriods(db: Db, actor: Actor, regionCode?: string) {
  return (await repo.listPeriods(db, actor.regionCode, regionCode)).map(presentPeriod);
}

export async function getPeriod(db: Db, actor: Actor, id: number) {
  await loadPeriod(db, actor, id);
  return detail(db, id);
}

async function checkDates(db: Executor, regionCode: string, start: string, end: string, locale: Locale, exceptId?: number) {
  if (end < start) throw fieldError('VALIDATION_FAILED', 'endDate', locale, messages.dateOrder);
  const other = await repo.findOverlapping(db, regionCode, start, end, exceptId);
  if (other)
    throw new AppError(
      'DUPLICATE',
      [{ field: 'startDate', message: messages.overlap[locale], periodId: other.id }],
      messages.overlap,
    );
}

const seqGuard = async <T>(work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (e) {
    if (pgErrorCode(e) === '23505') throw new AppError('DUPLICATE', { field: 'seq' }, messages.seqTaken);
    throw e;
  }
};

export async function createPeriod(
  db: Db,
  clock: Clock,
  actor: Actor,
  body: CreatePeriodBody,
  ctx: AuditContext,
  locale: Locale,
) {
  requireRole(actor, 'office', 'admin');
  const regionCode = body.regionCode ?? actor.regionCode;
  if (!inRegion(actor, regionCode)) throw fieldError('VALIDATION_FAILED', 'regionCode', locale, messages.outsideRegion);
  const now = clock.now();
  const id = await seqGuard(() =>
    db.transaction(async (tx) => {
      await repo.lockRegionPeriods(tx, regionCode);
      await checkDates(tx, regionCode, body.startDate, body.endDate, locale);
      const seq = body.seq ?? (await repo.nextSeq(tx, regionCode));
      const [row] = await tx
        .insert(periods)
        .values({ regionCode, seq, name: body.name, startDate: body.startDate, endDate: body.endDate, createdAt: now })
        .returning();
      await writeAudit(tx, ctx, { action: 'create', entity: 'period', entityId: row!.id, regionCode, after: row }, now);
      return row!.id;
    }),
  );
  return detail(db, id);
}

export async function updatePeriod(
  db: Db,
  clock: Clock,
  actor: Actor,
  id: number,
  body: UpdatePeriodBody,
  ctx: AuditContext,
  locale: Locale,
) {
  const before = await loadPeriod(db, actor, id);
  requireRole(actor, 'office', 'admin');
  const now = clock.now();
  await db.transaction(async (tx) => {
    await repo.lockRegionPeriods(tx, before.p.regionCode);
    await checkDates(tx, before.p.regionCode, body.startDate ?? before.p.startDate, body.endDate ?? before.p.endDate, locale, id);
    const [row] = await tx
      .update(periods)
      .set({
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.startDate !== undefined ? { startDate: body.startDate } : {}),
        ...(body.endDate !== undefined ? { endDate: body.endDate } : {}),
        version: sql`${periods.version} + 1`,
      })
      .where(and(eq(periods.id, id), eq(periods.version, body.version)))
      .returning();
    if (!row) throw versionConflict(await detail(tx, id));
    await writeAudit(
      tx,
      ctx,
      { action: 'update', entity: 'period', entityId: id, regionCode: row.regionCode, before: before.p, after: row },
      now,
    );
  });
  return detail(db, id);
}

export async function deletePeriod(db: Db, clock: Clock, actor: Actor, id: number, version: number, ctx: AuditContext) {
  const before = await loadPeriod(db, actor, id);
  requireRole(actor, 'office', 'admin');
  const lists = await repo.periodLists(db, id);
  await db.transaction(async (tx) => {
    const deleted = await tx
      .delete(periods)
      .where(and(eq(periods.id, id), eq(periods.version, version)))
      .returning({ id: periods.id });
    if (!deleted.length) throw versionConflict(await detail(db, id));
    await writeAudit(
      tx,
      ctx,
      { action: 'delete', entity: 'period', entityId: id, regionCode: before.p.regionCode, before: { ...before.p, lists } },
      clock.now(),
    );
  });
}

/** Replaces one of a period's lists; the period's version guards the whole set of lists. */
export async function putList(
  db: Db,
  clock: Clock,
  actor: Actor,
  id: number,
  list: BatchList,
  body: PutPeriodListBody,
  ctx: AuditContext,
  locale: Locale,
) {
  const before = await loadPeriod(db, actor, id);
  requireRole(actor, 'office', 'admin');
  const outside = await repo.projectsOutside(db, [...new Set(body.projectIds)], before.p.regionCode);
  if (outside.length)
    throw new AppError('VALIDATION_FAILED', [
      { field: 'projectIds', message: messages.projectsOutside[locale], projectIds: outside },
    ]);
  const beforeLists = await repo.periodLists(db, id);
  const now = clock.now();
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(periods)
      .set({ version: sql`${periods.version} + 1` })
      .where(and(eq(periods.id, id), eq(periods.version, body.version)))
      .returning({ id: periods.id });
    if (!row) throw versionConflict(await detail(tx, id));
    await repo.replaceList(tx, id, list, body.projectIds);
    await writeAudit(
      tx,
      ctx,
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

/** Rates of every period in `regionCode`'s subtree as of `asOf`, in date order (the trend). */
export async function periodRates(db: Executor, regionCode: string, asOf: string): Promise<PeriodRates[]> {
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

export async function ratesTrend(db: Db, clock: Clock, actor: Actor, q: { asOf?: string; regionCode?: string }) {
  const regionCode = q.regionCode ?? actor.regionCode;
  requireRegion(actor, regionCode);
  const asOf = q.asOf ?? today(clock);
  return { asOf, periods: await periodRates(db, regionCode, asOf) };
}
