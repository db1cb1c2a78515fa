/** All SQL of the project library: list with filters, detail, writes of the four-ones assignment. */
import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { ListProjectsQuery, Project, ProjectDetail } from '@kpc/contracts';
import type { Executor } from '../../db/client.js';
import {
  enterprises,
  leaders,
  projects,
  projectUnits,
  regions,
  stageTransitions,
  taskForceMembers,
  units,
  users,
} from '../../db/schema/index.js';

export type ProjectRow = typeof projects.$inferSelect;

const coopIds = sql<
  number[]
>`coalesce((select array_agg(pu.unit_id order by pu.unit_id) from ${projectUnits} pu where pu.project_id = ${projects.id}), '{}')`;

const listColumns = {
  p: projects,
  leaderName: leaders.name,
  leadUnitName: units.name,
  enterpriseName: enterprises.name,
  regionName: regions.name,
  cooperatingUnitIds: coopIds,
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

/** Projects within a region subtree (codes are prefixes: 411104 covers 411104001). */
export const inRegionSubtree = (regionCode: string) => sql`${projects.regionCode} like ${regionCode + '%'}`;

/**
 * Projects the unit leads or cooperates on. `id = any(array(subquery))` rather than `exists (…)`:
 * PostgreSQL then combines the lead-unit index and project_units' unit index (a bitmap OR) instead of
 * scanning every project (bench/projects: 23 ms → 0.07 ms at 100,000 projects).
 */
export const ofUnit = (unitId: number) =>
  or(
    eq(projects.leadUnitId, unitId),
    sql`${projects.id} = any(array(select pu.project_id from ${projectUnits} pu where pu.unit_id = ${unitId}))`,
  )!;

export function projectFilters(scopeRegion: string, q: Partial<ListProjectsQuery>): SQL {
  const conds: SQL[] = [inRegionSubtree(scopeRegion)];
  if (q.regionCode) conds.push(inRegionSubtree(q.regionCode));
  if (q.level) conds.push(eq(projects.level, q.level));
  if (q.stage) conds.push(eq(projects.stage, q.stage));
  if (q.category) conds.push(eq(projects.category, q.category));
  if (q.leaderId) conds.push(eq(projects.leaderId, q.leaderId));
  if (q.unitId) conds.push(ofUnit(q.unitId));
  if (q.ids) conds.push(inArray(projects.id, q.ids.split(',').map(Number)));
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
    conds.push(or(ilike(projects.name, like), ilike(projects.code, like))!);
  }
  return and(...conds)!;
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
  scopeRegion: string,
  q: ListProjectsQuery,
): Promise<{ items: Project[]; total: number }> {
  const where = projectFilters(scopeRegion, q);
  const order = q.order === 'desc' ? desc : asc;
  const [rows, [count]] = await Promise.all([
    baseSelect(db)
      .where(where)
      .orderBy(order(sortColumns[q.sort]), asc(projects.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
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
