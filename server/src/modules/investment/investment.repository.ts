/** All SQL of annual plans and monthly investment reports. */
import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { ExportProjectsQuery, ListInvestmentReportsQuery, ReportStatus } from '@kpc/contracts';
import type { Executor } from '../../db/client.js';
import {
  annualPlans,
  attachments,
  investmentReports,
  leaders,
  projects,
  projectUnits,
  units,
  users,
} from '../../db/schema/index.js';
import { projectFilters } from '../projects/projects.repository.js';
import { inSubtree, offsetOf } from '../../lib/query.js';
import type { ProjectScope } from '../../lib/policy.js';

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

const coopIds = sql<
  number[] | null
>`(select array_agg(pu.unit_id order by pu.unit_id) from ${projectUnits} pu where pu.project_id = "projects"."id")`;

// Correlated count over the (entity, entity_id) index: the list gets its photo counts in the same statement.
const attachmentCount = sql<number>`(select count(*)::int from ${attachments} a
  where a.entity = 'investment_report' and a.entity_id = ${investmentReports.id})`;

const reportColumns = {
  r: investmentReports,
  projectCode: projects.code,
  projectName: projects.name,
  regionCode: projects.regionCode,
  leadUnitId: projects.leadUnitId,
  enterpriseId: projects.enterpriseId,
  leaderId: projects.leaderId,
  cooperatingUnitIds: coopIds,
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

export async function listReports(db: Executor, scopeRegion: string, q: ListInvestmentReportsQuery) {
  const conds: SQL[] = [inSubtree(projects.regionCode, scopeRegion)];
  if (q.status) conds.push(eq(investmentReports.status, q.status));
  if (q.projectId) conds.push(eq(investmentReports.projectId, q.projectId));
  if (q.year) conds.push(eq(investmentReports.year, q.year));
  if (q.month) conds.push(eq(investmentReports.month, q.month));
  if (q.unitId)
    conds.push(
      or(
        eq(projects.leadUnitId, q.unitId),
        sql`exists (select 1 from ${projectUnits} pu where pu.project_id = "projects"."id" and pu.unit_id = ${q.unitId})`,
      )!,
    );
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

const exportSort = {
  code: projects.code,
  name: projects.name,
  level: projects.level,
  stage: projects.stage,
  totalInvestment: projects.totalInvestment,
  contractDate: projects.contractDate,
  updatedAt: projects.updatedAt,
};

/**
 * Yields the export rows in chunks: each project with its plan of `year`, the approved amount of
 * `month` and the approved total of months 1…`month`.
 */
export async function* exportRows(
  db: Executor,
  scopeRegion: string,
  q: ExportProjectsQuery,
  year: number,
  month: number,
  chunk = 2000,
) {
  const where = projectFilters(scopeRegion, q);
  const order = q.order === 'desc' ? desc : asc;
  for (let offset = 0; ; offset += chunk) {
    const rows = await db
      .select({
        code: projects.code,
        name: projects.name,
        level: projects.level,
        stage: projects.stage,
        leadUnitName: units.name,
        leaderName: leaders.name,
        totalInvestment: projects.totalInvestment,
        plannedAmount: sql<string | number | null>`(select ap.planned_amount from ${annualPlans} ap
          where ap.project_id = "projects"."id" and ap.year = ${year})`,
        monthAmount: sql<string | number>`(select coalesce(sum(ir.amount), 0)::bigint from ${investmentReports} ir
          where ir.project_id = "projects"."id" and ir.year = ${year} and ir.month = ${month} and ir.status = 'approved')`,
        yearToDate: sql<string | number>`(select coalesce(sum(ir.amount), 0)::bigint from ${investmentReports} ir
          where ir.project_id = "projects"."id" and ir.year = ${year} and ir.month <= ${month} and ir.status = 'approved')`,
      })
      .from(projects)
      .leftJoin(units, eq(units.id, projects.leadUnitId))
      .leftJoin(leaders, eq(leaders.id, projects.leaderId))
      .where(where)
      .orderBy(order(exportSort[q.sort]), asc(projects.id))
      .limit(chunk)
      .offset(offset);
    if (!rows.length) return;
    yield rows.map((r) => ({
      ...r,
      totalInvestment: Number(r.totalInvestment),
      plannedAmount: r.plannedAmount == null ? null : Number(r.plannedAmount),
      monthAmount: Number(r.monthAmount),
      yearToDate: Number(r.yearToDate),
    }));
    if (rows.length < chunk) return;
  }
}
