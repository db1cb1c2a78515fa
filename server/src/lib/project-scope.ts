/**
 * The one place that says which projects an actor may see or edit, in SQL: the region subtree
 * (codes are prefixes), and within it the read scope of ADR 0009 (office, supervisor, viewer, admin:
 * the region; a unit: the projects it leads or cooperates on; an enterprise: its own; a leader: those
 * they contract). Every repository that
 * lists project-linked rows (projects, investment reports, milestones, the Gantt, exports) filters
 * through these, so the rule of `@kpc/domain` access.ts is written once for the database.
 */
import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { ListProjectsQuery } from '@kpc/contracts';
import { readsWholeRegion } from '@kpc/domain';
import type { Executor } from '../db/client.js';
import { projects, projectUnits } from '../db/schema/index.js';
import { contains, inSubtree } from './query.js';
import type { Actor, ProjectScope } from './policy.js';

export type ScopeActor = Pick<Actor, 'regionCode' | 'roles' | 'unitId' | 'enterpriseId' | 'leaderId'>;

/**
 * The cooperating units of the project of the current row, in id order ('{}' when none). Qualified by
 * hand: drizzle leaves columns unqualified in a single-table select, where `id` could bind inside the subquery.
 */
export const cooperatingUnitIds = sql<
  number[]
>`coalesce((select array_agg(pu.unit_id order by pu.unit_id) from ${projectUnits} pu where pu.project_id = "projects"."id"), '{}')`;

/** The columns the policy needs about a project (lib/policy.ts `ProjectScope`), for a select joined to projects. */
export const projectScopeColumns = {
  regionCode: projects.regionCode,
  leadUnitId: projects.leadUnitId,
  enterpriseId: projects.enterpriseId,
  leaderId: projects.leaderId,
  cooperatingUnitIds,
};

/** Projects within a region subtree (411104 covers 411104001), LIKE wildcards escaped. */
export const projectsInRegion = (regionCode: string): SQL => inSubtree(projects.regionCode, regionCode);

/**
 * Projects the unit leads or cooperates on. `id = any(array(subquery))` rather than `exists (…)`:
 * PostgreSQL then combines the lead-unit index and project_units' unit index (a bitmap OR) instead of
 * scanning every project (bench/projects: 23 ms → 0.07 ms at 100,000 projects).
 */
export const projectsOfUnit = (unitId: number): SQL =>
  or(
    eq(projects.leadUnitId, unitId),
    sql`${projects.id} = any(array(select pu.project_id from ${projectUnits} pu where pu.unit_id = ${unitId}))`,
  )!;

/**
 * Projects the actor may see (access.ts `canReadProject`): their region subtree, and within it, for an
 * actor without a region-wide role, only the projects of their unit, their company or the leader they are.
 */
export function visibleProjects(actor: ScopeActor): SQL {
  const region = projectsInRegion(actor.regionCode);
  if (readsWholeRegion(actor)) return region;
  const own: SQL[] = [];
  if (actor.roles.includes('unit') && actor.unitId !== null) own.push(projectsOfUnit(actor.unitId));
  if (actor.roles.includes('enterprise') && actor.enterpriseId !== null) own.push(eq(projects.enterpriseId, actor.enterpriseId));
  if (actor.roles.includes('leader') && actor.leaderId !== null) own.push(eq(projects.leaderId, actor.leaderId));
  return own.length ? and(region, or(...own))! : sql`false`;
}

/**
 * The projects the dashboard's figures cover (ADR 0009): the region for office, supervisor, viewer,
 * admin and leaders (the district overview), and for a unit when the region's settings allow it
 * (`unitsSeeDistrictOverview`: figures only; lists and records stay the unit's own); a unit's or an
 * enterprise's own projects otherwise.
 */
export const dashboardProjects = (actor: ScopeActor, unitsSeeOverview = false): SQL =>
  dashboardReadsWholeRegion(actor, unitsSeeOverview) ? projectsInRegion(actor.regionCode) : visibleProjects(actor);

/** Whether the dashboard's figures cover the actor's whole region (then records without a project count too). */
export const dashboardReadsWholeRegion = (actor: ScopeActor, unitsSeeOverview = false): boolean =>
  actor.roles.includes('leader') || readsWholeRegion(actor) || (unitsSeeOverview && actor.roles.includes('unit'));

/**
 * Projects the actor may edit (access.ts `canEditProject`): in their region, and office/admin, or a
 * unit user's unit on the project, or an enterprise user's own company.
 */
export function editableProjects(actor: ScopeActor): SQL {
  const region = projectsInRegion(actor.regionCode);
  if (actor.roles.includes('admin') || actor.roles.includes('office')) return region;
  const own: SQL[] = [];
  if (actor.roles.includes('unit') && actor.unitId !== null) own.push(projectsOfUnit(actor.unitId));
  if (actor.roles.includes('enterprise') && actor.enterpriseId !== null) own.push(eq(projects.enterpriseId, actor.enterpriseId));
  return own.length ? and(region, or(...own))! : sql`false`;
}

/** The project list's filters, within what the actor may see. */
export function projectFilters(actor: ScopeActor, q: Partial<ListProjectsQuery>): SQL {
  const conds: SQL[] = [visibleProjects(actor)];
  if (q.regionCode) conds.push(projectsInRegion(q.regionCode));
  if (q.level) conds.push(eq(projects.level, q.level));
  if (q.stage) conds.push(eq(projects.stage, q.stage));
  if (q.category) conds.push(eq(projects.category, q.category));
  if (q.leaderId) conds.push(eq(projects.leaderId, q.leaderId));
  if (q.unitId) conds.push(projectsOfUnit(q.unitId));
  if (q.ids) conds.push(inArray(projects.id, q.ids.split(',').map(Number)));
  if (q.q) conds.push(or(contains(projects.name, q.q), contains(projects.code, q.q))!);
  return and(...conds)!;
}

/** The project filters of the portfolio views (milestone list, Gantt): one project or the list's filters. */
export const portfolioWhere = (
  actor: ScopeActor,
  q: Pick<ListProjectsQuery, 'unitId' | 'leaderId' | 'level' | 'stage' | 'category' | 'regionCode'> & {
    projectId?: number | undefined;
  },
): SQL =>
  projectFilters(actor, {
    unitId: q.unitId,
    leaderId: q.leaderId,
    level: q.level,
    stage: q.stage,
    category: q.category,
    regionCode: q.regionCode,
    ids: q.projectId ? String(q.projectId) : undefined,
  });

/** What another module needs to know about a project: its names, category and the policy's scope. */
export interface ProjectRef extends ProjectScope {
  id: number;
  code: string;
  name: string;
  category: string;
}

/** One project's reference and scope, or null (a shared read: modules never import the projects repository). */
export async function findProjectRef(db: Executor, id: number): Promise<ProjectRef | null> {
  const [row] = await db
    .select({ id: projects.id, code: projects.code, name: projects.name, category: projects.category, ...projectScopeColumns })
    .from(projects)
    .where(eq(projects.id, id));
  return row ? { ...row, cooperatingUnitIds: (row.cooperatingUnitIds ?? []).map(Number) } : null;
}
