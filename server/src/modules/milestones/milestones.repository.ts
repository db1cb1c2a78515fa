/** All SQL of milestone templates, a project's nodes and dependencies, baselines, and the cross-project list. */
import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { ListMilestonesQuery, UpdateTemplateBody } from '@kpc/contracts';
import { milestoneStatusOf, type CalendarMode } from '@kpc/domain';
import type { Executor } from '../../db/client.js';
import {
  baselineNodes,
  leaders,
  milestoneDependencies,
  milestones,
  milestoneTemplates,
  projects,
  scheduleBaselines,
  templateDependencies,
  templateNodes,
  units,
  users,
} from '../../db/schema/index.js';
import { offsetOf } from '../../lib/query.js';
import { portfolioWhere, type ScopeActor } from '../../lib/project-scope.js';

const iso = (d: Date) => d.toISOString();

// ---- templates ----

const nodeCount = sql<number>`(select count(*)::int from ${templateNodes} tn where tn.template_id = ${milestoneTemplates.id})`;

export async function listTemplates(db: Executor) {
  const rows = await db.select({ t: milestoneTemplates, nodeCount }).from(milestoneTemplates).orderBy(asc(milestoneTemplates.id));
  return rows.map(({ t, nodeCount }) => presentTemplate(t, nodeCount));
}

function presentTemplate(t: typeof milestoneTemplates.$inferSelect, n: number) {
  return {
    id: t.id,
    category: t.category as 'industry',
    name: t.name,
    calendarMode: t.calendarMode,
    nodeCount: Number(n),
    version: t.version,
    updatedAt: iso(t.updatedAt),
  };
}

export async function findTemplate(db: Executor, where: { id: number } | { category: string }) {
  const [t] = await db
    .select()
    .from(milestoneTemplates)
    .where('id' in where ? eq(milestoneTemplates.id, where.id) : eq(milestoneTemplates.category, where.category));
  if (!t) return null;
  const nodes = await db
    .select()
    .from(templateNodes)
    .where(eq(templateNodes.templateId, t.id))
    .orderBy(asc(templateNodes.sortOrder));
  const deps = await db
    .select()
    .from(templateDependencies)
    .where(eq(templateDependencies.templateId, t.id))
    .orderBy(asc(templateDependencies.predecessorKey), asc(templateDependencies.successorKey));
  return {
    ...presentTemplate(t, nodes.length),
    nodes: nodes.map((n) => ({ key: n.key, name: n.name, durationDays: n.durationDays, sortOrder: n.sortOrder })),
    dependencies: deps.map((d) => ({ predecessorKey: d.predecessorKey, successorKey: d.successorKey, lagDays: d.lagDays })),
  };
}
export type TemplateDetail = NonNullable<Awaited<ReturnType<typeof findTemplate>>>;

/** Version-checked replacement of a template's nodes and dependencies; false when the version is stale. */
export async function replaceTemplate(db: Executor, id: number, body: UpdateTemplateBody, now: Date): Promise<boolean> {
  const updated = await db
    .update(milestoneTemplates)
    .set({
      ...(body.name ? { name: body.name } : {}),
      ...(body.calendarMode ? { calendarMode: body.calendarMode } : {}),
      updatedAt: now,
      version: sql`${milestoneTemplates.version} + 1`,
    })
    .where(and(eq(milestoneTemplates.id, id), eq(milestoneTemplates.version, body.version)))
    .returning({ id: milestoneTemplates.id });
  if (!updated.length) return false;
  await db.delete(templateNodes).where(eq(templateNodes.templateId, id));
  await db.delete(templateDependencies).where(eq(templateDependencies.templateId, id));
  await db
    .insert(templateNodes)
    .values(
      body.nodes.map((n, i) => ({ templateId: id, key: n.key, name: n.name, durationDays: n.durationDays, sortOrder: i + 1 })),
    );
  if (body.dependencies.length)
    await db.insert(templateDependencies).values(body.dependencies.map((d) => ({ templateId: id, ...d })));
  return true;
}

export async function templateModeFor(db: Executor, category: string): Promise<CalendarMode | null> {
  const [t] = await db
    .select({ m: milestoneTemplates.calendarMode })
    .from(milestoneTemplates)
    .where(eq(milestoneTemplates.category, category));
  return t?.m ?? null;
}

// ---- a project's nodes ----

/** The current baseline of a project, joined so each node carries its latest start/finish. */
const currentBaselineJoin = sql`${scheduleBaselines.projectId} = ${milestones.projectId} and ${scheduleBaselines.isCurrent}`;

export const nodeColumns = {
  m: milestones,
  latestStart: baselineNodes.latestStart,
  latestFinish: baselineNodes.latestFinish,
};

export async function projectNodes(db: Executor, projectId: number) {
  return db
    .select(nodeColumns)
    .from(milestones)
    .leftJoin(scheduleBaselines, currentBaselineJoin)
    .leftJoin(
      baselineNodes,
      and(eq(baselineNodes.baselineId, scheduleBaselines.id), eq(baselineNodes.milestoneId, milestones.id)),
    )
    .where(eq(milestones.projectId, projectId))
    .orderBy(asc(milestones.sortOrder), asc(milestones.id));
}
export type NodeRow = Awaited<ReturnType<typeof projectNodes>>[number];

export async function projectDependencies(db: Executor, projectId: number) {
  return db
    .select({
      predecessorId: milestoneDependencies.predecessorId,
      successorId: milestoneDependencies.successorId,
      lagDays: milestoneDependencies.lagDays,
    })
    .from(milestoneDependencies)
    .where(eq(milestoneDependencies.projectId, projectId));
}

export async function countProjectNodes(db: Executor, projectId: number): Promise<number> {
  const [r] = await db.select({ n: count() }).from(milestones).where(eq(milestones.projectId, projectId));
  return Number(r?.n ?? 0);
}

/** Copies a template's nodes and dependencies onto a project. */
export async function insertNodesFromTemplate(db: Executor, projectId: number, t: TemplateDetail, now: Date): Promise<void> {
  const inserted = await db
    .insert(milestones)
    .values(
      t.nodes.map((n) => ({
        projectId,
        key: n.key,
        name: n.name,
        durationDays: n.durationDays,
        sortOrder: n.sortOrder,
        updatedAt: now,
      })),
    )
    .returning({ id: milestones.id, key: milestones.key });
  const idOf = new Map(inserted.map((m) => [m.key, m.id]));
  if (t.dependencies.length)
    await db.insert(milestoneDependencies).values(
      t.dependencies.map((d) => ({
        projectId,
        predecessorId: idOf.get(d.predecessorKey)!,
        successorId: idOf.get(d.successorKey)!,
        lagDays: d.lagDays,
      })),
    );
}

export async function findMilestone(db: Executor, id: number) {
  const [m] = await db.select().from(milestones).where(eq(milestones.id, id));
  return m ?? null;
}

export async function updateMilestone(
  db: Executor,
  id: number,
  version: number,
  set: { actualStart: string | null; actualFinish: string | null; durationDays: number },
  now: Date,
): Promise<boolean> {
  const updated = await db
    .update(milestones)
    .set({ ...set, status: milestoneStatusOf(set), updatedAt: now, version: sql`${milestones.version} + 1` })
    .where(and(eq(milestones.id, id), eq(milestones.version, version)))
    .returning({ id: milestones.id });
  return updated.length > 0;
}

// ---- baselines ----

const baselineColumns = { b: scheduleBaselines, createdByName: users.displayName };

export function presentBaseline(r: { b: typeof scheduleBaselines.$inferSelect; createdByName: string | null }) {
  return {
    id: r.b.id,
    projectId: r.b.projectId,
    number: r.b.number,
    targetDate: r.b.targetDate,
    calendarMode: r.b.calendarMode,
    isCurrent: r.b.isCurrent,
    createdBy: r.b.createdBy,
    createdByName: r.createdByName,
    createdAt: iso(r.b.createdAt),
  };
}

export async function listBaselines(db: Executor, projectId: number) {
  const rows = await db
    .select(baselineColumns)
    .from(scheduleBaselines)
    .leftJoin(users, eq(users.id, scheduleBaselines.createdBy))
    .where(eq(scheduleBaselines.projectId, projectId))
    .orderBy(desc(scheduleBaselines.number));
  return rows.map(presentBaseline);
}

export async function currentBaseline(db: Executor, projectId: number) {
  const [r] = await db
    .select(baselineColumns)
    .from(scheduleBaselines)
    .leftJoin(users, eq(users.id, scheduleBaselines.createdBy))
    .where(and(eq(scheduleBaselines.projectId, projectId), eq(scheduleBaselines.isCurrent, true)));
  return r ? presentBaseline(r) : null;
}

/** Saves a new current baseline numbered after the last one; the old ones stay, no longer current. */
export async function insertBaseline(
  db: Executor,
  b: { projectId: number; targetDate: string; calendarMode: CalendarMode; createdBy: number; now: Date },
  nodes: { milestoneId: number; latestStart: string; latestFinish: string }[],
): Promise<number> {
  const [last] = await db
    .select({ n: sql<number>`coalesce(max(${scheduleBaselines.number}), 0)::int` })
    .from(scheduleBaselines)
    .where(eq(scheduleBaselines.projectId, b.projectId));
  await db
    .update(scheduleBaselines)
    .set({ isCurrent: false })
    .where(and(eq(scheduleBaselines.projectId, b.projectId), eq(scheduleBaselines.isCurrent, true)));
  const [row] = await db
    .insert(scheduleBaselines)
    .values({
      projectId: b.projectId,
      number: Number(last?.n ?? 0) + 1,
      targetDate: b.targetDate,
      calendarMode: b.calendarMode,
      isCurrent: true,
      createdBy: b.createdBy,
      createdAt: b.now,
    })
    .returning({ id: scheduleBaselines.id });
  await db.insert(baselineNodes).values(nodes.map((n) => ({ baselineId: row!.id, ...n })));
  return row!.id;
}

export async function findBaseline(db: Executor, id: number) {
  const [r] = await db
    .select(baselineColumns)
    .from(scheduleBaselines)
    .leftJoin(users, eq(users.id, scheduleBaselines.createdBy))
    .where(eq(scheduleBaselines.id, id));
  return r ? presentBaseline(r) : null;
}

// ---- across projects ----

export async function listMilestones(db: Executor, actor: ScopeActor, q: ListMilestonesQuery, asOf: string) {
  const conds: SQL[] = [portfolioWhere(actor, q)];
  const unfinished = sql`${milestones.actualFinish} is null`;
  if (q.overdue === true) conds.push(sql`${unfinished} and ${baselineNodes.latestFinish} < ${asOf}`);
  if (q.overdue === false)
    conds.push(
      sql`not (${unfinished} and ${baselineNodes.latestFinish} is not null and ${baselineNodes.latestFinish} < ${asOf})`,
    );
  if (q.dueWithinDays !== undefined)
    conds.push(
      sql`${unfinished} and ${baselineNodes.latestFinish} between ${asOf}::date and ${asOf}::date + ${q.dueWithinDays}::int`,
    );
  const where = and(...conds);
  const base = (cols: Parameters<Executor['select']>[0]) =>
    db
      .select(cols)
      .from(milestones)
      .innerJoin(projects, eq(projects.id, milestones.projectId))
      .leftJoin(scheduleBaselines, currentBaselineJoin)
      .leftJoin(
        baselineNodes,
        and(eq(baselineNodes.baselineId, scheduleBaselines.id), eq(baselineNodes.milestoneId, milestones.id)),
      );
  const [rows, [total]] = await Promise.all([
    base({
      ...nodeColumns,
      projectCode: projects.code,
      projectName: projects.name,
      leadUnitName: units.name,
      leaderName: leaders.name,
      // Same rule as a project's view and the Gantt: the baseline's mode, else the template's, else calendar days.
      calendarMode: sql<CalendarMode>`coalesce(${scheduleBaselines.calendarMode}, ${milestoneTemplates.calendarMode}, 'calendar')`,
    })
      .leftJoin(units, eq(units.id, projects.leadUnitId))
      .leftJoin(leaders, eq(leaders.id, projects.leaderId))
      .leftJoin(milestoneTemplates, eq(milestoneTemplates.category, projects.category))
      .where(where)
      .orderBy(sql`${baselineNodes.latestFinish} asc nulls last`, asc(milestones.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    base({ n: count() }).where(where),
  ]);
  return {
    rows: rows as unknown as (NodeRow & {
      projectCode: string;
      projectName: string;
      leadUnitName: string | null;
      leaderName: string | null;
      calendarMode: CalendarMode;
    })[],
    total: Number((total as { n: number } | undefined)?.n ?? 0),
  };
}

/**
 * Every node (with its current baseline dates) and dependency of the given projects, in two statements:
 * what forecasting a page of the cross-project list needs, since a node's forecast depends on its predecessors.
 */
export async function nodesOfProjects(db: Executor, projectIds: number[]) {
  if (!projectIds.length) return { nodeRows: [], depRows: [] };
  const [nodeRows, depRows] = await Promise.all([
    db
      .select(nodeColumns)
      .from(milestones)
      .leftJoin(scheduleBaselines, currentBaselineJoin)
      .leftJoin(
        baselineNodes,
        and(eq(baselineNodes.baselineId, scheduleBaselines.id), eq(baselineNodes.milestoneId, milestones.id)),
      )
      .where(inArray(milestones.projectId, projectIds))
      .orderBy(asc(milestones.projectId), asc(milestones.sortOrder), asc(milestones.id)),
    db
      .select({
        projectId: milestoneDependencies.projectId,
        predecessorId: milestoneDependencies.predecessorId,
        successorId: milestoneDependencies.successorId,
        lagDays: milestoneDependencies.lagDays,
      })
      .from(milestoneDependencies)
      .where(inArray(milestoneDependencies.projectId, projectIds)),
  ]);
  return { nodeRows, depRows };
}
