/**
 * All SQL of import jobs, and the reads an import checks its rows against (reference records by
 * code and name within the importer's region). Imported records are written through their own
 * modules' repositories.
 */
import { and, eq, inArray, lt, or, sql, type Column } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { enterprises, imports, leaders, projects, projectUnits, regions, units } from '../../db/schema/index.js';
import { inSubtree, selfAndAncestors } from '../../lib/query.js';

export type ImportRow = typeof imports.$inferSelect;

export async function insertJob(db: Executor, values: typeof imports.$inferInsert): Promise<ImportRow> {
  const [row] = await db.insert(imports).values(values).returning();
  return row!;
}

export async function updateJob(db: Executor, id: number, values: Partial<typeof imports.$inferInsert>): Promise<void> {
  await db.update(imports).set(values).where(eq(imports.id, id));
}

/** A job still in progress: its row is owned by the process running it, whose heartbeat is updatedAt. */
export const runningStatuses = ['validating', 'importing'] as const;
export type RunningStatus = (typeof runningStatuses)[number];

/** Progress and heartbeat of a running job; a job that already has its outcome is left alone. */
export async function reportProgress(
  db: Executor,
  id: number,
  progress: { status: RunningStatus; processedRows: number },
  at: Date,
): Promise<void> {
  await db
    .update(imports)
    .set({ ...progress, updatedAt: at })
    .where(and(eq(imports.id, id), inArray(imports.status, [...runningStatuses])));
}

/** Marks as failed every running job whose heartbeat stopped before `before`; returns how many. */
export async function failStaleJobs(db: Executor, before: Date, at: Date, errors: unknown[]): Promise<number> {
  const rows = await db
    .update(imports)
    .set({ status: 'failed', errors, errorCount: errors.length, finishedAt: at, updatedAt: at })
    .where(and(inArray(imports.status, [...runningStatuses]), lt(imports.updatedAt, before)))
    .returning({ id: imports.id });
  return rows.length;
}

export async function findJob(db: Executor, id: number): Promise<ImportRow | null> {
  const [row] = await db.select().from(imports).where(eq(imports.id, id));
  return row ?? null;
}

/** A record of the importer's own region or of a region above it (units, leaders, enterprises serve downwards). */
const visibleFrom = (col: Column, regionCode: string) =>
  or(inSubtree(col, regionCode), inArray(col, selfAndAncestors(regionCode)))!;

/** Projects with these codes in the region subtree. */
export async function findProjectsByCode(db: Executor, regionCode: string, codes: string[]) {
  if (!codes.length) return [];
  return db
    .select({ id: projects.id, code: projects.code, name: projects.name, stage: projects.stage, regionCode: projects.regionCode })
    .from(projects)
    .where(sql`${inArray(projects.code, codes)} and ${inSubtree(projects.regionCode, regionCode)}`);
}

/** Every project in the region subtree (an office sheet names projects by name, not code). */
export async function listProjectsInRegion(db: Executor, regionCode: string) {
  return db
    .select({ id: projects.id, code: projects.code, name: projects.name, stage: projects.stage, regionCode: projects.regionCode })
    .from(projects)
    .where(inSubtree(projects.regionCode, regionCode));
}

/** The names of the importer's region and the regions above it (漯河市, 召陵区): the prefixes unit names carry. */
export async function listRegionNamesUp(db: Executor, regionCode: string): Promise<string[]> {
  const rows = await db
    .select({ name: regions.name })
    .from(regions)
    .where(inArray(regions.code, selfAndAncestors(regionCode)));
  return rows.map((r) => r.name);
}

/** Of these codes, those taken by projects outside the region subtree (a code is unique everywhere). */
export async function foreignProjectCodes(db: Executor, regionCode: string, codes: string[]): Promise<string[]> {
  if (!codes.length) return [];
  const rows = await db
    .select({ code: projects.code })
    .from(projects)
    .where(sql`${inArray(projects.code, codes)} and not ${inSubtree(projects.regionCode, regionCode)}`);
  return rows.map((r) => r.code);
}

export async function listVisibleUnits(db: Executor, regionCode: string) {
  return db
    .select({ id: units.id, name: units.name, shortName: units.shortName })
    .from(units)
    .where(visibleFrom(units.regionCode, regionCode));
}

export async function listVisibleActiveLeaders(db: Executor, regionCode: string) {
  return db
    .select({ id: leaders.id, name: leaders.name })
    .from(leaders)
    .where(and(visibleFrom(leaders.regionCode, regionCode), eq(leaders.active, true)));
}

export async function listVisibleEnterprises(db: Executor, regionCode: string) {
  return db
    .select({ id: enterprises.id, name: enterprises.name })
    .from(enterprises)
    .where(visibleFrom(enterprises.regionCode, regionCode));
}

export async function listRegionsIn(db: Executor, regionCode: string) {
  return db.select({ code: regions.code, name: regions.name }).from(regions).where(inSubtree(regions.code, regionCode));
}

export type ProjectRow = typeof projects.$inferSelect;

/** Projects by code, each with its cooperating units (sorted ids). */
export async function findProjectsWithUnits(db: Executor, codes: string[]) {
  const rows = codes.length ? await db.select().from(projects).where(inArray(projects.code, codes)) : [];
  const coop = rows.length
    ? await db
        .select()
        .from(projectUnits)
        .where(
          inArray(
            projectUnits.projectId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  const coopOf = new Map<number, number[]>();
  for (const c of coop) coopOf.set(c.projectId, [...(coopOf.get(c.projectId) ?? []), c.unitId]);
  for (const v of coopOf.values()) v.sort((a, b) => a - b);
  return new Map(rows.map((r) => [r.code, { row: r, coop: coopOf.get(r.id) ?? [] }]));
}

/*
 * The project library import's two project writes. They belong in projects.repository (the API's
 * create and update write the same rows); they stay here until that repository has them.
 */
export async function insertImportedProject(db: Executor, values: typeof projects.$inferInsert): Promise<ProjectRow> {
  const [row] = await db.insert(projects).values(values).returning();
  return row!;
}

/** Versioned update: the row as written, or undefined when its version moved on. */
export async function updateImportedProject(
  db: Executor,
  id: number,
  version: number,
  changes: Partial<ProjectRow>,
  at: Date,
): Promise<ProjectRow | undefined> {
  const [row] = await db
    .update(projects)
    .set({ ...changes, updatedAt: at, version: sql`${projects.version} + 1` })
    .where(and(eq(projects.id, id), eq(projects.version, version)))
    .returning();
  return row;
}
