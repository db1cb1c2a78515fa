/**
 * All SQL of site checks 实地检查; the read-only lookups the form and the policy need (the projects a
 * leader contracts or an account heads the task force of, their open problems, the problems a check
 * raised or solved, its photo count). Problems are written through commands/, never here.
 */
import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { ListSiteChecksQuery } from '@kpc/contracts';
import type { Executor } from '../../db/client.js';
import { attachments, leaders, problems, projects, siteChecks, taskForceMembers, units } from '../../db/schema/index.js';
import { projectScopeColumns, projectsInRegion, visibleProjects, type ScopeActor } from '../../lib/project-scope.js';
import { offsetOf } from '../../lib/query.js';
import type { ProjectScope } from '../../lib/policy.js';

export type SiteCheckRow = typeof siteChecks.$inferSelect;
export type NewSiteCheck = typeof siteChecks.$inferInsert;

/** The attachments' entity of a check's photos. */
export const SITE_CHECK_ENTITY = 'site_check';

const OPEN = ['open', 'in_progress', 'escalated'] as const;

const photoCount = sql<number>`(select count(*)::int from ${attachments} a where a.entity = ${SITE_CHECK_ENTITY} and a.entity_id = ${siteChecks.id})`;

const recordColumns = {
  c: siteChecks,
  projectCode: projects.code,
  projectName: projects.name,
  projectLat: projects.lat,
  projectLng: projects.lng,
  photoCount,
  ...projectScopeColumns,
};

export interface SiteCheckRecord {
  c: SiteCheckRow;
  projectCode: string;
  projectName: string;
  photoCount: number;
  project: ProjectScope;
}

function toRecord(r: {
  c: SiteCheckRow;
  projectCode: string;
  projectName: string;
  photoCount: number;
  regionCode: string;
  leadUnitId: number | null;
  enterpriseId: number | null;
  leaderId: number | null;
  cooperatingUnitIds: number[] | null;
}): SiteCheckRecord {
  return {
    c: r.c,
    projectCode: r.projectCode,
    projectName: r.projectName,
    photoCount: Number(r.photoCount),
    project: {
      regionCode: r.regionCode,
      leadUnitId: r.leadUnitId,
      enterpriseId: r.enterpriseId,
      leaderId: r.leaderId,
      cooperatingUnitIds: (r.cooperatingUnitIds ?? []).map(Number),
    },
  };
}

export async function findSiteCheck(db: Executor, id: number): Promise<SiteCheckRecord | null> {
  const [row] = await db
    .select(recordColumns)
    .from(siteChecks)
    .innerJoin(projects, eq(projects.id, siteChecks.projectId))
    .where(eq(siteChecks.id, id));
  return row ? toRecord(row) : null;
}

/** The check an account already logged under this client key, if any (the key is unique per account). */
export async function findByClientKey(db: Executor, userId: number, clientKey: string): Promise<number | null> {
  const [row] = await db
    .select({ id: siteChecks.id })
    .from(siteChecks)
    .where(and(eq(siteChecks.userId, userId), eq(siteChecks.clientKey, clientKey)));
  return row?.id ?? null;
}

export async function insertSiteCheck(db: Executor, row: NewSiteCheck): Promise<SiteCheckRow> {
  const [r] = await db.insert(siteChecks).values(row).returning();
  return r!;
}

/** Checks the actor may read (domain `canReadSiteCheck`): the projects they see, and their own. */
const readable = (actor: ScopeActor & { id: number }): SQL =>
  or(visibleProjects(actor), and(projectsInRegion(actor.regionCode), eq(siteChecks.userId, actor.id)))!;

const shanghaiDay = sql`(${siteChecks.checkedAt} at time zone 'Asia/Shanghai')::date`;

export async function listSiteChecks(db: Executor, actor: ScopeActor & { id: number }, q: ListSiteChecksQuery) {
  const where = and(
    readable(actor),
    q.projectId ? eq(siteChecks.projectId, q.projectId) : undefined,
    q.leaderId ? eq(siteChecks.leaderId, q.leaderId) : undefined,
    q.from ? sql`${shanghaiDay} >= ${q.from}::date` : undefined,
    q.to ? sql`${shanghaiDay} <= ${q.to}::date` : undefined,
  );
  const [rows, [count]] = await Promise.all([
    db
      .select(recordColumns)
      .from(siteChecks)
      .innerJoin(projects, eq(projects.id, siteChecks.projectId))
      .where(where)
      .orderBy(desc(siteChecks.checkedAt), desc(siteChecks.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(siteChecks)
      .innerJoin(projects, eq(projects.id, siteChecks.projectId))
      .where(where),
  ]);
  return { records: rows.map(toRecord), total: Number(count?.n ?? 0) };
}

/** The project's coordinates (the distance is measured from them). */
export async function projectPosition(db: Executor, projectId: number) {
  const [row] = await db.select({ lat: projects.lat, lng: projects.lng }).from(projects).where(eq(projects.id, projectId));
  return row ?? { lat: null, lng: null };
}

/** Whether the account heads the project's task force 专班组长. */
export async function headsTaskForce(db: Executor, userId: number, projectId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: taskForceMembers.id })
    .from(taskForceMembers)
    .where(and(eq(taskForceMembers.projectId, projectId), eq(taskForceMembers.userId, userId), eq(taskForceMembers.post, 'head')))
    .limit(1);
  return !!row;
}

/** The projects the actor may check: those they contract as a leader, and those whose task force they head. */
export async function checkableProjects(db: Executor, actor: ScopeActor & { id: number }) {
  const mine: SQL[] = [
    sql`${projects.id} = any(array(select tf.project_id from ${taskForceMembers} tf where tf.user_id = ${actor.id} and tf.post = 'head'))`,
  ];
  if (actor.roles.includes('leader') && actor.leaderId !== null) mine.push(eq(projects.leaderId, actor.leaderId));
  return db
    .select({
      id: projects.id,
      code: projects.code,
      name: projects.name,
      lat: projects.lat,
      lng: projects.lng,
      ...projectScopeColumns,
    })
    .from(projects)
    .where(and(projectsInRegion(actor.regionCode), or(...mine)))
    .orderBy(asc(projects.code));
}

const problemColumns = {
  p: problems,
  projectName: projects.name,
  unitName: units.name,
  solvedByLeaderName: leaders.name,
};

export type ProblemJoin = {
  p: typeof problems.$inferSelect;
  projectName: string;
  unitName: string | null;
  solvedByLeaderName: string | null;
};

function problemsWhere(db: Executor, where: SQL) {
  return db
    .select(problemColumns)
    .from(problems)
    .innerJoin(projects, eq(projects.id, problems.projectId))
    .leftJoin(units, eq(units.id, problems.unitId))
    .leftJoin(leaders, eq(leaders.id, problems.solvedByLeaderId))
    .where(where)
    .orderBy(asc(problems.deadline), asc(problems.id));
}

/** Open problems of these projects: what a check may solve on the spot. */
export async function openProblemsOf(db: Executor, projectIds: readonly number[]): Promise<ProblemJoin[]> {
  if (!projectIds.length) return [];
  return problemsWhere(db, and(inArray(problems.projectId, [...projectIds]), inArray(problems.status, [...OPEN]))!);
}

/** The problems a check raised or solved. */
export async function problemsOfCheck(db: Executor, checkId: number): Promise<ProblemJoin[]> {
  return problemsWhere(db, or(eq(problems.raisedInSiteCheckId, checkId), eq(problems.solvedInSiteCheckId, checkId))!);
}

/** A problem's project and status (the caller checks it is an open problem of the checked project). */
export async function findProblemState(db: Executor, id: number) {
  const [row] = await db
    .select({ projectId: problems.projectId, status: problems.status })
    .from(problems)
    .where(eq(problems.id, id));
  return row ?? null;
}

/** A unit's region, for checking a raised problem's responsible unit. */
export async function findUnitRegion(db: Executor, id: number): Promise<string | null> {
  const [row] = await db.select({ regionCode: units.regionCode }).from(units).where(eq(units.id, id));
  return row?.regionCode ?? null;
}
