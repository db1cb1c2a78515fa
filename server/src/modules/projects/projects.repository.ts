/** All SQL of the project library: list with filters, detail, the project's writes and its four-ones assignment. */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { ExportProjectsQuery, ListProjectsQuery, Project, ProjectDetail } from '@kpc/contracts';
import type { Executor } from '../../db/client.js';
import { updateAtVersion } from '../../lib/versioned.js';
import {
  annualPlans,
  enterprises,
  investmentReports,
  leaders,
  projects,
  projectUnits,
  regions,
  stageTransitions,
  taskForceMembers,
  units,
  users,
} from '../../db/schema/index.js';
import { cooperatingUnitIds, projectFilters, type ScopeActor } from '../../lib/project-scope.js';
import { offsetOf } from '../../lib/query.js';

export type ProjectRow = typeof projects.$inferSelect;

const listColumns = {
  p: projects,
  leaderName: leaders.name,
  leadUnitName: units.name,
  enterpriseName: enterprises.name,
  regionName: regions.name,
  cooperatingUnitIds,
};

const iso = (d: Date) => d.toISOString();

export function presentProject(r: {
  p: ProjectRow;
  leaderName: string | null;
  leadUnitName: string | null;
  enterpriseName: string | null;
  regionName: string | null;
  cooperatingUnitIds: number[] | null;
}): Project {
  const p = r.p;
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    level: p.level,
    category: p.category as Project['category'],
    industryChain: p.industryChain,
    enterpriseId: p.enterpriseId,
    enterpriseName: r.enterpriseName,
    regionCode: p.regionCode,
    regionName: r.regionName,
    location: p.location,
    lat: p.lat,
    lng: p.lng,
    totalInvestment: p.totalInvestment,
    firstPhaseInvestment: p.firstPhaseInvestment,
    contractDate: p.contractDate,
    plannedStartDate: p.plannedStartDate,
    actualStartDate: p.actualStartDate,
    plannedCompletionDate: p.plannedCompletionDate,
    actualCompletionDate: p.actualCompletionDate,
    plannedCommissioningDate: p.plannedCommissioningDate,
    actualCommissioningDate: p.actualCommissioningDate,
    targetOutputValue: p.targetOutputValue,
    targetTax: p.targetTax,
    contacts: (p.contacts ?? []) as Project['contacts'],
    tags: p.tags ?? [],
    stage: p.stage,
    leaderId: p.leaderId,
    leaderName: r.leaderName,
    leadUnitId: p.leadUnitId,
    leadUnitName: r.leadUnitName,
    cooperatingUnitIds: (r.cooperatingUnitIds ?? []).map(Number),
    description: p.description,
    version: p.version,
    createdAt: iso(p.createdAt),
    updatedAt: iso(p.updatedAt),
  };
}

function baseSelect(db: Executor) {
  return db
    .select(listColumns)
    .from(projects)
    .leftJoin(leaders, eq(leaders.id, projects.leaderId))
    .leftJoin(units, eq(units.id, projects.leadUnitId))
    .leftJoin(enterprises, eq(enterprises.id, projects.enterpriseId))
    .leftJoin(regions, eq(regions.code, projects.regionCode));
}

const sortColumns = {
  code: projects.code,
  name: projects.name,
  level: projects.level,
  stage: projects.stage,
  totalInvestment: projects.totalInvestment,
  contractDate: projects.contractDate,
  updatedAt: projects.updatedAt,
};

export async function listProjects(
  db: Executor,
  actor: ScopeActor,
  q: ListProjectsQuery,
): Promise<{ items: Project[]; total: number }> {
  const where = projectFilters(actor, q);
  const order = q.order === 'desc' ? desc : asc;
  const [rows, [count]] = await Promise.all([
    baseSelect(db).where(where).orderBy(order(sortColumns[q.sort]), asc(projects.id)).limit(q.pageSize).offset(offsetOf(q)),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(projects)
      .where(where),
  ]);
  return { items: rows.map(presentProject), total: Number(count?.n ?? 0) };
}

export async function findProject(db: Executor, id: number): Promise<Project | null> {
  const [row] = await baseSelect(db).where(eq(projects.id, id));
  return row ? presentProject(row) : null;
}

export async function findProjectDetail(db: Executor, id: number): Promise<Omit<ProjectDetail, 'permissions'> | null> {
  const project = await findProject(db, id);
  if (!project) return null;
  const [members, transitions] = await Promise.all([
    db.select().from(taskForceMembers).where(eq(taskForceMembers.projectId, id)).orderBy(asc(taskForceMembers.id)),
    db
      .select({ t: stageTransitions, byUserName: users.displayName })
      .from(stageTransitions)
      .leftJoin(users, eq(users.id, stageTransitions.byUserId))
      .where(eq(stageTransitions.projectId, id))
      .orderBy(asc(stageTransitions.onDate), asc(stageTransitions.id)),
  ]);
  return {
    ...project,
    taskForce: members.map((m) => ({
      id: m.id,
      name: m.name,
      post: m.post,
      unitId: m.unitId,
      userId: m.userId,
      phone: m.phone,
      duty: m.duty,
    })),
    transitions: transitions.map(({ t, byUserName }) => ({
      id: t.id,
      fromStage: t.fromStage,
      toStage: t.toStage,
      onDate: t.onDate,
      byUserId: t.byUserId,
      byUserName,
      reason: t.reason,
      isRollback: t.isRollback,
      createdAt: iso(t.createdAt),
    })),
  };
}

export type NewProjectRow = typeof projects.$inferInsert;

export async function insertProject(db: Executor, values: NewProjectRow): Promise<number> {
  const [row] = await db.insert(projects).values(values).returning({ id: projects.id });
  return row!.id;
}

/** Version-checked update of a project's columns; the id, or undefined when the version is stale. */
export const updateProject = async (
  db: Executor,
  id: number,
  version: number,
  set: Partial<NewProjectRow>,
): Promise<number | undefined> => (await updateAtVersion(db, projects, id, version, set))?.id;

/** Version-checked delete; false when the version is stale. */
export async function deleteProject(db: Executor, id: number, version: number): Promise<boolean> {
  const deleted = await db
    .delete(projects)
    .where(and(eq(projects.id, id), eq(projects.version, version)))
    .returning({ id: projects.id });
  return deleted.length > 0;
}

export async function insertStageTransition(db: Executor, values: typeof stageTransitions.$inferInsert): Promise<void> {
  await db.insert(stageTransitions).values(values);
}

export async function replaceCooperatingUnits(db: Executor, projectId: number, unitIds: number[]): Promise<void> {
  await db.delete(projectUnits).where(eq(projectUnits.projectId, projectId));
  const unique = [...new Set(unitIds)];
  if (unique.length) await db.insert(projectUnits).values(unique.map((unitId) => ({ projectId, unitId })));
}

export async function replaceTaskForce(
  db: Executor,
  projectId: number,
  members: {
    name: string;
    post: 'head' | 'deputy_head' | 'liaison' | 'member';
    unitId?: number | null;
    userId?: number | null;
    phone?: string | null;
    duty?: string | null;
  }[],
): Promise<void> {
  await db.delete(taskForceMembers).where(eq(taskForceMembers.projectId, projectId));
  if (members.length)
    await db.insert(taskForceMembers).values(
      members.map((m) => ({
        projectId,
        name: m.name,
        post: m.post,
        unitId: m.unitId ?? null,
        userId: m.userId ?? null,
        phone: m.phone ?? null,
        duty: m.duty ?? null,
      })),
    );
}

export async function lastTransitionDate(db: Executor, projectId: number): Promise<string | null> {
  const [row] = await db
    .select({ d: sql<string | null>`max(${stageTransitions.onDate})` })
    .from(stageTransitions)
    .where(eq(stageTransitions.projectId, projectId));
  return row?.d ?? null;
}

/** Ids that do not exist among the given reference ids (to refuse with field details before writing). */
export async function missingReferences(
  db: Executor,
  refs: {
    leaderId?: number | null;
    leadUnitId?: number | null;
    enterpriseId?: number | null;
    unitIds?: number[];
    regionCode?: string;
  },
): Promise<string[]> {
  const missing: string[] = [];
  if (refs.leaderId != null && !(await db.select({ id: leaders.id }).from(leaders).where(eq(leaders.id, refs.leaderId))).length)
    missing.push('leaderId');
  if (
    refs.enterpriseId != null &&
    !(await db.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.id, refs.enterpriseId))).length
  )
    missing.push('enterpriseId');
  const unitIds = [...new Set([...(refs.unitIds ?? []), ...(refs.leadUnitId != null ? [refs.leadUnitId] : [])])];
  if (unitIds.length) {
    const found = new Set((await db.select({ id: units.id }).from(units).where(inArray(units.id, unitIds))).map((r) => r.id));
    if (refs.leadUnitId != null && !found.has(refs.leadUnitId)) missing.push('leadUnitId');
    if ((refs.unitIds ?? []).some((u) => !found.has(u))) missing.push('cooperatingUnitIds');
  }
  if (refs.regionCode && !(await db.select({ c: regions.code }).from(regions).where(eq(regions.code, refs.regionCode))).length)
    missing.push('regionCode');
  return missing;
}

/**
 * Yields the export rows in chunks: each project with its plan of `year`, the approved amount of
 * `month` and the approved total of months 1…`month`.
 */
export async function* exportRows(
  db: Executor,
  actor: ScopeActor,
  q: ExportProjectsQuery,
  year: number,
  month: number,
  chunk = 2000,
) {
  const where = projectFilters(actor, q);
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
      .orderBy(order(sortColumns[q.sort]), asc(projects.id))
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
