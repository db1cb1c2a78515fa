/**
 * SQL of the weekly update 周报: its own table, and the reads that pre-fill the form from the records
 * themselves (ledger items, milestone nodes, investment reports, problems). Writes into those records go
 * through commands/.
 */
import { and, asc, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import { projectScopeColumns } from '../../lib/project-scope.js';
import type { Executor } from '../../db/client.js';
import { investmentReports, ledgerItems, problems, projects, units, weeklyUpdates } from '../../db/schema/index.js';
import { updateAtVersion } from '../../lib/versioned.js';

export type WeeklyUpdateRow = typeof weeklyUpdates.$inferSelect;
export type NewWeeklyUpdateRow = typeof weeklyUpdates.$inferInsert;

export async function findWeeklyUpdate(db: Executor, projectId: number, week: string): Promise<WeeklyUpdateRow | null> {
  const [row] = await db
    .select()
    .from(weeklyUpdates)
    .where(and(eq(weeklyUpdates.projectId, projectId), eq(weeklyUpdates.week, week)));
  return row ?? null;
}

export async function insertWeeklyUpdate(db: Executor, values: NewWeeklyUpdateRow): Promise<WeeklyUpdateRow> {
  const [row] = await db.insert(weeklyUpdates).values(values).returning();
  return row!;
}

export const updateWeeklyUpdate = (
  db: Executor,
  id: number,
  version: number,
  set: Partial<Pick<NewWeeklyUpdateRow, 'note' | 'unchanged' | 'changed' | 'sentBy' | 'sentByName' | 'sentAt'>>,
) => updateAtVersion(db, weeklyUpdates, id, version, set);

/** The project's open ledger items with their unit's name (the domain picks those due). */
export async function openLedgerItems(db: Executor, projectId: number) {
  return db
    .select({ item: ledgerItems, unitName: units.name })
    .from(ledgerItems)
    .leftJoin(units, eq(units.id, ledgerItems.unitId))
    .where(and(eq(ledgerItems.projectId, projectId), sql`${ledgerItems.status} <> 'done'`))
    .orderBy(asc(ledgerItems.seq));
}

/** The project's reports of one year (any status). */
export async function reportsOfYear(db: Executor, projectId: number, year: number) {
  const rows = await db
    .select()
    .from(investmentReports)
    .where(and(eq(investmentReports.projectId, projectId), eq(investmentReports.year, year)));
  return rows.map((r) => ({ ...r, amount: Number(r.amount) }));
}

export async function openProblems(db: Executor, projectId: number) {
  return db
    .select()
    .from(problems)
    .where(and(eq(problems.projectId, projectId), inArray(problems.status, ['open', 'in_progress', 'escalated'])))
    .orderBy(asc(problems.id));
}

/** Projects with a lead unit that have not sent the week's update: whom the reminder is for. */
export async function projectsWithoutUpdate(db: Executor, week: string) {
  return db
    .select({ id: projects.id, name: projects.name, regionCode: projects.regionCode, leadUnitId: projects.leadUnitId })
    .from(projects)
    .where(
      and(
        isNotNull(projects.leadUnitId),
        sql`not exists (select 1 from ${weeklyUpdates} w where w.project_id = ${projects.id} and w.week = ${week})`,
      ),
    )
    .orderBy(asc(projects.id));
}

/** The projects an actor reports on (the caller passes the scope), each with the week's update if sent. */
export async function projectsWithWeek(db: Executor, scope: SQL, week: string) {
  return db
    .select({
      id: projects.id,
      code: projects.code,
      name: projects.name,
      ...projectScopeColumns,
      sent: weeklyUpdates,
    })
    .from(projects)
    .leftJoin(weeklyUpdates, and(eq(weeklyUpdates.projectId, projects.id), eq(weeklyUpdates.week, week)))
    .where(scope)
    .orderBy(asc(projects.code))
    .limit(500);
}

export async function findWeeklyUpdateById(db: Executor, id: number): Promise<WeeklyUpdateRow | null> {
  const [row] = await db.select().from(weeklyUpdates).where(eq(weeklyUpdates.id, id));
  return row ?? null;
}
