/** All SQL of the "three batches": periods, their lists, and the stage history of listed projects. */
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { BatchList, Stage } from '@kpc/contracts';
import type { Executor } from '../../db/client.js';
import { deleteAtVersion, updateAtVersion } from '../../lib/versioned.js';
import { batchEntries, periods, projects, stageTransitions } from '../../db/schema/index.js';
import { projectsInRegion } from '../../lib/project-scope.js';
import { inSubtree } from '../../lib/query.js';

export type PeriodRow = typeof periods.$inferSelect;

// Qualified by hand: drizzle leaves columns unqualified in a single-table select, where `id` would bind to be.id.
const countOf = (list: BatchList) =>
  sql<number>`(select count(*)::int from ${batchEntries} be where be.period_id = "periods"."id" and be.list = ${list})`;

const periodColumns = {
  p: periods,
  signing: countOf('signing'),
  starting: countOf('starting'),
  commissioning: countOf('commissioning'),
};

export interface PeriodWithCounts {
  p: PeriodRow;
  signing: number;
  starting: number;
  commissioning: number;
}

export async function listPeriods(db: Executor, scopeRegion: string, regionCode?: string): Promise<PeriodWithCounts[]> {
  const conds = [inSubtree(periods.regionCode, scopeRegion)];
  if (regionCode) conds.push(inSubtree(periods.regionCode, regionCode));
  return db
    .select(periodColumns)
    .from(periods)
    .where(and(...conds))
    .orderBy(asc(periods.regionCode), asc(periods.startDate), asc(periods.seq));
}

export async function findPeriod(db: Executor, id: number): Promise<PeriodWithCounts | null> {
  const [row] = await db.select(periodColumns).from(periods).where(eq(periods.id, id));
  return row ?? null;
}

export async function periodLists(db: Executor, periodId: number): Promise<Record<BatchList, number[]>> {
  const rows = await db
    .select({ list: batchEntries.list, projectId: batchEntries.projectId })
    .from(batchEntries)
    .where(eq(batchEntries.periodId, periodId))
    .orderBy(asc(batchEntries.projectId));
  const out: Record<BatchList, number[]> = { signing: [], starting: [], commissioning: [] };
  for (const r of rows) out[r.list].push(r.projectId);
  return out;
}

/** Serialises period writes of one region so the overlap check cannot race. */
export async function lockRegionPeriods(db: Executor, regionCode: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${'periods:' + regionCode}))`);
}

/** A period of the same region whose dates share a day with [start, end], other than `exceptId`. */
export async function findOverlapping(db: Executor, regionCode: string, start: string, end: string, exceptId?: number) {
  const conds = [eq(periods.regionCode, regionCode), sql`${periods.startDate} <= ${end}`, sql`${periods.endDate} >= ${start}`];
  if (exceptId) conds.push(ne(periods.id, exceptId));
  const [row] = await db
    .select({ id: periods.id, name: periods.name })
    .from(periods)
    .where(and(...conds))
    .limit(1);
  return row ?? null;
}

export async function nextSeq(db: Executor, regionCode: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(max(${periods.seq}), 0)::int + 1` })
    .from(periods)
    .where(eq(periods.regionCode, regionCode));
  return Number(row?.n ?? 1);
}

/** Of `ids`, those that are not projects within `regionCode`'s subtree. */
export async function projectsOutside(db: Executor, ids: number[], regionCode: string): Promise<number[]> {
  if (!ids.length) return [];
  const found = await db
    .select({ id: projects.id })
    .from(projects)
    .where(and(inArray(projects.id, ids), projectsInRegion(regionCode)));
  const ok = new Set(found.map((f) => f.id));
  return ids.filter((i) => !ok.has(i));
}

export type NewPeriodRow = typeof periods.$inferInsert;

export async function insertPeriod(db: Executor, values: NewPeriodRow): Promise<PeriodRow> {
  const [row] = await db.insert(periods).values(values).returning();
  return row!;
}

/**
 * Version-checked update of a period (with no `set`, only its version moves on: a list change bumps
 * the version that guards all its lists); undefined when stale.
 */
export const updatePeriod = (
  db: Executor,
  id: number,
  version: number,
  set: Partial<Pick<NewPeriodRow, 'name' | 'startDate' | 'endDate'>> = {},
): Promise<PeriodRow | undefined> => updateAtVersion(db, periods, id, version, set);

/** Version-checked delete (its lists go with it); false when stale. */
export const deletePeriod = (db: Executor, id: number, version: number): Promise<boolean> =>
  deleteAtVersion(db, periods, id, version);

export async function replaceList(db: Executor, periodId: number, list: BatchList, projectIds: number[]): Promise<void> {
  await db.delete(batchEntries).where(and(eq(batchEntries.periodId, periodId), eq(batchEntries.list, list)));
  const unique = [...new Set(projectIds)];
  if (unique.length) await db.insert(batchEntries).values(unique.map((projectId) => ({ periodId, list, projectId })));
}

/** Every entry of the given periods, with the listed projects' current stages and dated transitions. */
export async function cohorts(db: Executor, periodIds: number[]) {
  if (!periodIds.length) return { entries: [], stages: new Map<number, Stage>(), transitions: new Map() };
  const entries = await db
    .select({ periodId: batchEntries.periodId, list: batchEntries.list, projectId: batchEntries.projectId })
    .from(batchEntries)
    .where(inArray(batchEntries.periodId, periodIds))
    .orderBy(asc(batchEntries.projectId));
  const listed = sql`(select be.project_id from ${batchEntries} be where be.period_id in ${periodIds})`;
  const [stageRows, transitionRows] = await Promise.all([
    db
      .select({ id: projects.id, stage: projects.stage })
      .from(projects)
      .where(sql`${projects.id} in ${listed}`),
    db
      .select({ projectId: stageTransitions.projectId, toStage: stageTransitions.toStage, onDate: stageTransitions.onDate })
      .from(stageTransitions)
      .where(sql`${stageTransitions.projectId} in ${listed}`)
      .orderBy(asc(stageTransitions.projectId), asc(stageTransitions.onDate), asc(stageTransitions.id)),
  ]);
  const stages = new Map(stageRows.map((r) => [r.id, r.stage as Stage]));
  const transitions = new Map<number, { toStage: Stage; onDate: string }[]>();
  for (const t of transitionRows) {
    const list = transitions.get(t.projectId) ?? [];
    list.push({ toStage: t.toStage, onDate: t.onDate });
    transitions.set(t.projectId, list);
  }
  return { entries, stages, transitions };
}
