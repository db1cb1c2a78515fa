/** All SQL of annual plans and monthly investment reports. */
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { ListInvestmentReportsQuery, ReportStatus } from '@kpc/contracts';
import type { Executor } from '../../db/client.js';
import { deleteAtVersion, updateAtVersion } from '../../lib/versioned.js';
import { annualPlans, attachments, investmentReports, projects, users } from '../../db/schema/index.js';
import type { ProjectScope } from '../../lib/policy.js';
import { projectScopeColumns, projectsOfUnit, visibleProjects, type ScopeActor } from '../../lib/project-scope.js';
import { offsetOf } from '../../lib/query.js';

export type PlanRow = typeof annualPlans.$inferSelect;
export type ReportRow = typeof investmentReports.$inferSelect;

/** A report with what the policy and the screens need about its project. */
export interface ReportWithProject {
  r: ReportRow;
  projectCode: string;
  projectName: string;
  createdByName: string | null;
  /** Site photos attached to the report. */
  attachmentCount: number;
  scope: ProjectScope;
}

// Correlated count over the (entity, entity_id) index: the list gets its photo counts in the same statement.
const attachmentCount = sql<number>`(select count(*)::int from ${attachments} a
  where a.entity = 'investment_report' and a.entity_id = ${investmentReports.id})`;

const reportColumns = {
  r: investmentReports,
  projectCode: projects.code,
  projectName: projects.name,
  ...projectScopeColumns,
  createdByName: users.displayName,
  attachmentCount,
};

type RawReport = {
  r: ReportRow;
  projectCode: string;
  projectName: string;
  regionCode: string;
  leadUnitId: number | null;
  enterpriseId: number | null;
  leaderId: number | null;
  cooperatingUnitIds: number[] | null;
  createdByName: string | null;
  attachmentCount: number;
};

const toReport = (x: RawReport): ReportWithProject => ({
  r: x.r,
  projectCode: x.projectCode,
  projectName: x.projectName,
  createdByName: x.createdByName,
  attachmentCount: Number(x.attachmentCount),
  scope: {
    regionCode: x.regionCode,
    leadUnitId: x.leadUnitId,
    enterpriseId: x.enterpriseId,
    leaderId: x.leaderId,
    cooperatingUnitIds: (x.cooperatingUnitIds ?? []).map(Number),
  },
});

function reportSelect(db: Executor) {
  return db
    .select(reportColumns)
    .from(investmentReports)
    .innerJoin(projects, eq(projects.id, investmentReports.projectId))
    .leftJoin(users, eq(users.id, investmentReports.createdBy));
}

export async function findReport(db: Executor, id: number): Promise<ReportWithProject | null> {
  const [row] = await reportSelect(db).where(eq(investmentReports.id, id));
  return row ? toReport(row) : null;
}

export async function listReports(db: Executor, actor: ScopeActor, q: ListInvestmentReportsQuery) {
  const conds: SQL[] = [visibleProjects(actor)];
  if (q.status) conds.push(eq(investmentReports.status, q.status));
  if (q.projectId) conds.push(eq(investmentReports.projectId, q.projectId));
  if (q.year) conds.push(eq(investmentReports.year, q.year));
  if (q.month) conds.push(eq(investmentReports.month, q.month));
  if (q.unitId) conds.push(projectsOfUnit(q.unitId));
  const where = and(...conds);
  const [rows, [count]] = await Promise.all([
    reportSelect(db)
      .where(where)
      .orderBy(desc(investmentReports.year), desc(investmentReports.month), asc(projects.code), desc(investmentReports.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(investmentReports)
      .innerJoin(projects, eq(projects.id, investmentReports.projectId))
      .where(where),
  ]);
  return { items: rows.map(toReport), total: Number(count?.n ?? 0) };
}

/** The report of the month that counts (approved), if any. */
export async function findApproved(db: Executor, projectId: number, year: number, month: number) {
  const [row] = await db
    .select()
    .from(investmentReports)
    .where(
      and(
        eq(investmentReports.projectId, projectId),
        eq(investmentReports.year, year),
        eq(investmentReports.month, month),
        eq(investmentReports.status, 'approved'),
      ),
    );
  return row ?? null;
}

/** The month's report in progress (draft, submitted or returned), if any. */
export async function findOpen(db: Executor, projectId: number, year: number, month: number) {
  const [row] = await db
    .select()
    .from(investmentReports)
    .where(
      and(
        eq(investmentReports.projectId, projectId),
        eq(investmentReports.year, year),
        eq(investmentReports.month, month),
        inArray(investmentReports.status, ['draft', 'submitted', 'returned']),
      ),
    );
  return row ?? null;
}

export type NewReportRow = typeof investmentReports.$inferInsert;

export async function insertReport(db: Executor, values: NewReportRow): Promise<ReportRow> {
  const [row] = await db.insert(investmentReports).values(values).returning();
  return row!;
}

/** A report its reporter may still change: a draft, or one the office returned. */
const openReport = inArray(investmentReports.status, ['draft', 'returned']);

/** Version-checked edit of a draft or returned report; undefined when stale or no longer editable. */
export const updateOpenReport = (
  db: Executor,
  id: number,
  version: number,
  set: Partial<Pick<NewReportRow, 'amount' | 'progressNote' | 'updatedAt'>>,
): Promise<ReportRow | undefined> => updateAtVersion(db, investmentReports, id, version, set, openReport);

/** Version-checked delete of a draft or returned report; false when stale or no longer deletable. */
export const deleteOpenReport = (db: Executor, id: number, version: number): Promise<boolean> =>
  deleteAtVersion(db, investmentReports, id, version, openReport);

/** Marks the approved report a correction replaces as superseded by it; undefined when it is no longer approved. */
export async function supersedeReport(db: Executor, id: number, byId: number, now: Date): Promise<ReportRow | undefined> {
  const [row] = await db
    .update(investmentReports)
    .set({ status: 'superseded', supersededById: byId, updatedAt: now, version: sql`${investmentReports.version} + 1` })
    .where(and(eq(investmentReports.id, id), eq(investmentReports.status, 'approved')))
    .returning();
  return row;
}

/** Moves a report to `status` if it is still at `version` and in one of `from`; null otherwise. */
export async function setStatus(
  db: Executor,
  id: number,
  version: number,
  from: readonly ReportStatus[],
  set: Partial<ReportRow> & { status: ReportStatus },
) {
  const [row] = await db
    .update(investmentReports)
    .set({ ...set, version: sql`${investmentReports.version} + 1` })
    .where(
      and(eq(investmentReports.id, id), eq(investmentReports.version, version), inArray(investmentReports.status, [...from])),
    )
    .returning({ id: investmentReports.id });
  return row ?? null;
}

export async function listPlans(db: Executor, projectId: number) {
  return db.select().from(annualPlans).where(eq(annualPlans.projectId, projectId)).orderBy(asc(annualPlans.year));
}

export async function findPlan(db: Executor, projectId: number, year: number) {
  const [row] = await db
    .select()
    .from(annualPlans)
    .where(and(eq(annualPlans.projectId, projectId), eq(annualPlans.year, year)));
  return row ?? null;
}

export async function insertPlan(
  db: Executor,
  values: { projectId: number; year: number; plannedAmount: number; now: Date },
): Promise<PlanRow> {
  const [row] = await db
    .insert(annualPlans)
    .values({
      projectId: values.projectId,
      year: values.year,
      plannedAmount: values.plannedAmount,
      createdAt: values.now,
      updatedAt: values.now,
    })
    .returning();
  return row!;
}

/** Version-checked change of a plan's amount; undefined when stale. */
export async function updatePlan(
  db: Executor,
  id: number,
  version: number,
  plannedAmount: number,
  now: Date,
): Promise<PlanRow | undefined> {
  const [row] = await db
    .update(annualPlans)
    .set({ plannedAmount, updatedAt: now, version: sql`${annualPlans.version} + 1` })
    .where(and(eq(annualPlans.id, id), eq(annualPlans.version, version)))
    .returning();
  return row;
}

/** Approved amounts of a project's year by month, and the status of any report in progress. */
export async function monthFigures(db: Executor, projectId: number, year: number) {
  const rows = await db
    .select({ month: investmentReports.month, status: investmentReports.status, amount: investmentReports.amount })
    .from(investmentReports)
    .where(
      and(
        eq(investmentReports.projectId, projectId),
        eq(investmentReports.year, year),
        inArray(investmentReports.status, ['approved', 'draft', 'submitted', 'returned']),
      ),
    );
  return rows.map((r) => ({ ...r, amount: Number(r.amount) }));
}
