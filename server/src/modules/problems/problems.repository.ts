/** All SQL on problems 问题. The problems module owns this table; other modules write it through commands/. */
import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Problem, ProblemCategory, ProblemSource, ProblemStatus } from '@kpc/contracts';
import { daysOpen, isProblemOverdue } from '@kpc/domain';
import type { Executor } from '../../db/client.js';
import { attachments, leaders, problems, projects, units } from '../../db/schema/index.js';
import { contains, offsetOf } from '../../lib/query.js';
import { projectScopeColumns, projectsInRegion, visibleProjects, type ScopeActor } from '../../lib/project-scope.js';
import type { ProjectScope } from '../../lib/policy.js';

export type ProblemRow = typeof problems.$inferSelect;
export type NewProblem = typeof problems.$inferInsert;
/** The fields an update may set. */
export type ProblemChanges = Partial<
  Pick<
    ProblemRow,
    | 'category'
    | 'description'
    | 'unitId'
    | 'leaderId'
    | 'deadline'
    | 'progressNote'
    | 'status'
    | 'escalatedToLeaderId'
    | 'escalatedAt'
    | 'escalationReason'
    | 'resolution'
    | 'resolvedOn'
    | 'resolvedBy'
    | 'verifiedBy'
    | 'verifiedAt'
  >
>;

export async function insertProblems(db: Executor, values: readonly NewProblem[]): Promise<ProblemRow[]> {
  if (values.length === 0) return [];
  return db
    .insert(problems)
    .values([...values])
    .returning();
}

export async function findProblem(db: Executor, id: number): Promise<ProblemRow | undefined> {
  const [row] = await db.select().from(problems).where(eq(problems.id, id)).limit(1);
  return row;
}

/** A problem with the names the screens show and what the policy needs about its project. */
export interface ProblemRecord {
  problem: ProblemRow;
  projectCode: string;
  projectName: string;
  unitName: string | null;
  leaderName: string | null;
  escalatedToLeaderName: string | null;
  solvedByLeaderName: string | null;
  attachmentCount: number;
  project: ProjectScope & { id: number };
}

const escalatedTo = alias(leaders, 'escalated_to');
const solvedBy = alias(leaders, 'solved_by');
const attachmentCount = sql<number>`(select count(*)::int from ${attachments} a where a.entity = 'problem' and a.entity_id = ${problems.id})`;

const columns = {
  problem: problems,
  projectCode: projects.code,
  projectName: projects.name,
  unitName: units.name,
  leaderName: leaders.name,
  escalatedToLeaderName: escalatedTo.name,
  solvedByLeaderName: solvedBy.name,
  attachmentCount,
  projectId: projects.id,
  ...projectScopeColumns,
};

type Selected = Omit<ProblemRecord, 'project'> & {
  projectId: number;
  regionCode: string;
  leadUnitId: number | null;
  enterpriseId: number | null;
  leaderId: number | null;
  cooperatingUnitIds: number[] | null;
};

const toRecord = (r: Selected): ProblemRecord => ({
  problem: r.problem,
  projectCode: r.projectCode,
  projectName: r.projectName,
  unitName: r.unitName,
  leaderName: r.leaderName,
  escalatedToLeaderName: r.escalatedToLeaderName,
  solvedByLeaderName: r.solvedByLeaderName,
  attachmentCount: Number(r.attachmentCount),
  project: {
    id: r.projectId,
    regionCode: r.regionCode,
    leadUnitId: r.leadUnitId,
    enterpriseId: r.enterpriseId,
    leaderId: r.leaderId,
    cooperatingUnitIds: (r.cooperatingUnitIds ?? []).map(Number),
  },
});

function baseSelect(db: Executor) {
  return db
    .select(columns)
    .from(problems)
    .innerJoin(projects, eq(projects.id, problems.projectId))
    .leftJoin(units, eq(units.id, problems.unitId))
    .leftJoin(leaders, eq(leaders.id, problems.leaderId))
    .leftJoin(escalatedTo, eq(escalatedTo.id, problems.escalatedToLeaderId))
    .leftJoin(solvedBy, eq(solvedBy.id, problems.solvedByLeaderId));
}

/** The problem as the API shows it, without the actor's permissions: the audit rows' before and after. */
export function problemSnapshot(r: ProblemRecord, asOf: string): Omit<Problem, 'permissions'> {
  const p = r.problem;
  return {
    id: p.id,
    projectId: p.projectId,
    projectCode: r.projectCode,
    projectName: r.projectName,
    category: p.category,
    source: p.source,
    description: p.description,
    raisedByName: p.raisedByName,
    raisedOn: p.raisedOn,
    unitId: p.unitId,
    unitName: r.unitName,
    leaderId: p.leaderId,
    leaderName: r.leaderName,
    deadline: p.deadline,
    status: p.status,
    escalatedToLeaderId: p.escalatedToLeaderId,
    escalatedToLeaderName: r.escalatedToLeaderName,
    escalatedAt: p.escalatedAt?.toISOString() ?? null,
    escalationReason: p.escalationReason,
    progressNote: p.progressNote,
    resolution: p.resolution,
    resolvedOn: p.resolvedOn,
    solvedOnSite: p.solvedOnSite,
    solvedByLeaderName: r.solvedByLeaderName,
    verifiedAt: p.verifiedAt?.toISOString() ?? null,
    daysOpen: daysOpen(p, asOf),
    overdue: isProblemOverdue(p, asOf),
    attachmentCount: r.attachmentCount,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export interface ProblemFilters {
  /** Whose read scope: the projects the actor may see, and the problems of their unit or that they coordinate. */
  actor: ScopeActor;
  asOf: string;
  projectId?: number;
  category?: ProblemCategory;
  unitId?: number;
  leaderId?: number;
  status?: ProblemStatus;
  source?: ProblemSource;
  overdue?: boolean;
  q?: string;
}

const openStatuses = sql`${problems.status} in ('open', 'in_progress', 'escalated')`;

/**
 * The problems the actor may see (domain `canReadProblem`): those of the projects they may see, and
 * within their region the problems their unit is responsible for or that they coordinate.
 */
export function visibleProblems(actor: ScopeActor): SQL {
  const own: SQL[] = [];
  if (actor.roles.includes('unit') && actor.unitId !== null) own.push(eq(problems.unitId, actor.unitId));
  if (actor.roles.includes('leader') && actor.leaderId !== null)
    own.push(eq(problems.leaderId, actor.leaderId), eq(problems.escalatedToLeaderId, actor.leaderId));
  const scope = visibleProjects(actor);
  return own.length ? or(scope, and(projectsInRegion(actor.regionCode), or(...own)))! : scope;
}

export function problemWhere(f: ProblemFilters): SQL {
  const conds: SQL[] = [visibleProblems(f.actor)];
  if (f.projectId) conds.push(eq(problems.projectId, f.projectId));
  if (f.category) conds.push(eq(problems.category, f.category));
  if (f.unitId) conds.push(eq(problems.unitId, f.unitId));
  if (f.leaderId) conds.push(or(eq(problems.leaderId, f.leaderId), eq(problems.escalatedToLeaderId, f.leaderId))!);
  if (f.status) conds.push(eq(problems.status, f.status));
  if (f.source) conds.push(eq(problems.source, f.source));
  if (f.overdue === true) conds.push(sql`${openStatuses} and ${problems.deadline} < ${f.asOf}`);
  if (f.overdue === false) conds.push(sql`not (${openStatuses} and coalesce(${problems.deadline} < ${f.asOf}, false))`);
  if (f.q) conds.push(or(contains(problems.description, f.q), contains(projects.name, f.q), contains(projects.code, f.q))!);
  return and(...conds)!;
}

/** Open ones first (earliest deadline first), then the solved ones, the most recently resolved first. */
const solvedNow = sql`${problems.status} in ('resolved', 'verified')`;
const listOrder = [
  asc(solvedNow),
  sql`case when ${solvedNow} then null else ${problems.deadline} end asc nulls last`,
  sql`${problems.resolvedOn} desc nulls last`,
  desc(problems.id),
];

export async function listProblems(
  db: Executor,
  f: ProblemFilters,
  page: { page: number; pageSize: number } | null,
): Promise<{ records: ProblemRecord[]; total: number }> {
  const where = problemWhere(f);
  const query = baseSelect(db)
    .where(where)
    .orderBy(...listOrder);
  const [rows, [count]] = await Promise.all([
    page ? query.limit(page.pageSize).offset(offsetOf(page)) : query,
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(problems)
      .innerJoin(projects, eq(projects.id, problems.projectId))
      .where(where),
  ]);
  return { records: (rows as Selected[]).map(toRecord), total: Number(count?.n ?? 0) };
}

/** Problems per status under the filters, and how many of them are overdue (the board's column heads). */
export async function countByStatus(db: Executor, f: ProblemFilters) {
  const rows = await db
    .select({
      status: problems.status,
      n: sql<number>`count(*)::int`,
      overdue: sql<number>`count(*) filter (where ${openStatuses} and ${problems.deadline} < ${f.asOf})::int`,
    })
    .from(problems)
    .innerJoin(projects, eq(projects.id, problems.projectId))
    .where(problemWhere(f))
    .groupBy(problems.status);
  return rows.map((r) => ({ status: r.status, n: Number(r.n), overdue: Number(r.overdue) }));
}

export async function findProblemRecord(db: Executor, id: number): Promise<ProblemRecord | null> {
  const [row] = await baseSelect(db).where(eq(problems.id, id));
  return row ? toRecord(row as Selected) : null;
}

/** Versioned update: the row as written, or undefined when it is gone, its version moved on or its status is not one of `fromStatuses`. */
export async function updateProblem(
  db: Executor,
  id: number,
  version: number,
  changes: ProblemChanges,
  at: Date,
  fromStatuses?: readonly ProblemStatus[],
): Promise<ProblemRow | undefined> {
  const [row] = await db
    .update(problems)
    .set({ ...changes, updatedAt: at, version: sql`${problems.version} + 1` })
    .where(
      and(
        eq(problems.id, id),
        eq(problems.version, version),
        fromStatuses ? inArray(problems.status, [...fromStatuses]) : undefined,
      ),
    )
    .returning();
  return row;
}

/** A leader who may be named on a problem: in the region or above it (leaders serve downwards). */
export async function findLeader(db: Executor, id: number) {
  const [row] = await db
    .select({ id: leaders.id, name: leaders.name, regionCode: leaders.regionCode })
    .from(leaders)
    .where(eq(leaders.id, id));
  return row ?? null;
}

export async function findUnit(db: Executor, id: number) {
  const [row] = await db
    .select({ id: units.id, name: units.name, regionCode: units.regionCode })
    .from(units)
    .where(eq(units.id, id));
  return row ?? null;
}

/** The problems of these projects (an import's key lookup: project + description). */
export async function listProblemsOfProjects(db: Executor, projectIds: number[]): Promise<ProblemRow[]> {
  const out: ProblemRow[] = [];
  for (let i = 0; i < projectIds.length; i += 1000)
    out.push(
      ...(await db
        .select()
        .from(problems)
        .where(inArray(problems.projectId, projectIds.slice(i, i + 1000)))),
    );
  return out;
}
