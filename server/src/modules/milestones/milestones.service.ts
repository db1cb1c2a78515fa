/**
 * Milestone rules: templates, a project's nodes, reverse scheduling previews and saved baselines,
 * actual dates with version checks and audit, tracking (forecast, slip, overdue) from the domain package.
 */
import {
  userMessages,
  type ListMilestonesQuery,
  type LocalisedText,
  type MilestoneNode,
  type ProjectMilestones,
  type ScheduleResult,
  type UpdateMilestoneBody,
  type UpdateTemplateBody,
} from '@kpc/contracts';
import {
  backwardSchedule,
  checkScheduleGraph,
  isOverdue,
  milestoneStatusOf,
  ScheduleError,
  trackMilestones,
  daysBetween,
  type CalendarMode,
  type ScheduleErrorKind,
} from '@kpc/domain';
import type { Executor } from '../../db/client.js';
import { writeAudit } from '../../lib/audit.js';
import { today } from '../../lib/clock.js';
import { AppError, versionConflict } from '../../lib/errors.js';
import { requireProjectRead, type Actor } from '../../lib/policy.js';
import { findProjectRef, type ProjectRef } from '../../lib/project-scope.js';
import type { RequestContext } from '../../lib/request-context.js';
import { milestonePolicy } from './milestones.policy.js';
import * as repo from './milestones.repository.js';

type Project = ProjectRef;

const scheduleMessages: Record<ScheduleErrorKind, LocalisedText> = {
  cycle: userMessages.schedule_cycle,
  unknown_node: userMessages.schedule_unknown_node,
  duplicate_node: userMessages.schedule_duplicate_node,
  bad_duration: userMessages.schedule_bad_duration,
  bad_lag: userMessages.schedule_bad_lag,
};

const invalid = (ctx: RequestContext, field: string, message: LocalisedText, extra?: string) =>
  new AppError('VALIDATION_FAILED', [{ field, message: `${message[ctx.locale]}${extra ? `: ${extra}` : ''}` }]);

function scheduleErrorToApp(e: unknown, ctx: RequestContext): never {
  if (e instanceof ScheduleError) throw invalid(ctx, 'dependencies', scheduleMessages[e.kind], e.keys.join(' → '));
  throw e;
}

/** Loads a project the actor may read, else 404. */
async function readableProject(ctx: RequestContext, projectId: number): Promise<Project> {
  const p = await findProjectRef(ctx.db, projectId);
  if (!p) throw new AppError('NOT_FOUND');
  requireProjectRead(ctx.actor, p);
  return p;
}

// ---- templates ----

/** Templates are reference data every signed-in user reads. */
export const listTemplates = (ctx: RequestContext) => repo.listTemplates(ctx.db);

export async function getTemplate(ctx: RequestContext, id: number) {
  const t = await repo.findTemplate(ctx.db, { id });
  if (!t) throw new AppError('NOT_FOUND');
  return t;
}

export async function updateTemplate(ctx: RequestContext, id: number, body: UpdateTemplateBody) {
  const { db, now } = ctx;
  if (!milestonePolicy.canEditTemplates(ctx.actor)) throw new AppError('FORBIDDEN');
  const before = await repo.findTemplate(db, { id });
  if (!before) throw new AppError('NOT_FOUND');
  try {
    checkScheduleGraph(body.nodes, body.dependencies);
  } catch (e) {
    scheduleErrorToApp(e, ctx);
  }
  return db.transaction(async (tx) => {
    if (!(await repo.replaceTemplate(tx, id, body, now))) throw versionConflict((await repo.findTemplate(tx, { id }))!);
    const after = (await repo.findTemplate(tx, { id }))!;
    await writeAudit(tx, ctx.audit, { action: 'update', entity: 'milestone_template', entityId: id, before, after }, now);
    return after;
  });
}

// ---- a project's milestones ----

type Tracked = ReturnType<typeof trackMilestones>;

/** Nodes with their baseline dates, forecast, slip and overdue flag (shared with the Gantt). */
export function trackRows(
  rows: {
    m: { id: number; durationDays: number; actualStart: string | null; actualFinish: string | null };
    latestStart: string | null;
    latestFinish: string | null;
  }[],
  deps: { predecessorId: number; successorId: number; lagDays: number }[],
  mode: CalendarMode,
  asOf: string,
): Tracked {
  return trackMilestones(
    rows.map((r) => ({
      key: String(r.m.id),
      durationDays: r.m.durationDays,
      actualStart: r.m.actualStart,
      actualFinish: r.m.actualFinish,
      latestStart: r.latestStart,
      latestFinish: r.latestFinish,
    })),
    deps.map((d) => ({ predecessorKey: String(d.predecessorId), successorKey: String(d.successorId), lagDays: d.lagDays })),
    { mode, asOf },
  );
}

async function calendarModeOf(db: Executor, project: Project, baselineMode?: CalendarMode): Promise<CalendarMode> {
  return baselineMode ?? (await repo.templateModeFor(db, project.category)) ?? 'calendar';
}

async function buildView(db: Executor, actor: Actor, project: Project, asOf: string): Promise<ProjectMilestones> {
  // Sequential: inside a transaction one pg client must not run queries concurrently.
  const rows = await repo.projectNodes(db, project.id);
  const deps = await repo.projectDependencies(db, project.id);
  const baseline = await repo.currentBaseline(db, project.id);
  const mode = await calendarModeOf(db, project, baseline?.calendarMode);
  const tracked = trackRows(rows, deps, mode, asOf);
  const keyOf = new Map(rows.map((r) => [r.m.id, r.m.key]));
  const nodes: MilestoneNode[] = rows.map((r, i) => {
    const t = tracked.nodes[i]!;
    return {
      id: r.m.id,
      projectId: r.m.projectId,
      key: r.m.key,
      name: r.m.name,
      durationDays: r.m.durationDays,
      sortOrder: r.m.sortOrder,
      predecessors: deps
        .filter((d) => d.successorId === r.m.id)
        .map((d) => ({ key: keyOf.get(d.predecessorId)!, lagDays: d.lagDays })),
      latestStart: r.latestStart,
      latestFinish: r.latestFinish,
      actualStart: r.m.actualStart,
      actualFinish: r.m.actualFinish,
      status: r.m.status,
      forecastStart: t.forecastStart,
      forecastFinish: t.forecastFinish,
      slipDays: t.slipDays,
      overdue: t.overdue,
      version: r.m.version,
    };
  });
  return {
    projectId: project.id,
    calendarMode: mode,
    today: asOf,
    baseline,
    slipDays: tracked.slipDays,
    nodes,
    permissions: { edit: milestonePolicy.canRecord(actor, project), plan: milestonePolicy.canPlan(actor, project) },
  };
}

export async function getProjectMilestones(ctx: RequestContext, projectId: number) {
  const project = await readableProject(ctx, projectId);
  return buildView(ctx.db, ctx.actor, project, today(ctx.clock));
}

export async function instantiateFromTemplate(ctx: RequestContext, projectId: number) {
  const { db, actor, now } = ctx;
  const project = await readableProject(ctx, projectId);
  if (!milestonePolicy.canPlan(actor, project)) throw new AppError('FORBIDDEN');
  const template = await repo.findTemplate(db, { category: project.category });
  if (!template) throw new AppError('INVALID_STATE', { reason: 'no_template', category: project.category });
  return db.transaction(async (tx) => {
    // Checked inside the transaction; the unique (project, key) index refuses a concurrent second copy.
    if ((await repo.countProjectNodes(tx, projectId)) > 0) throw new AppError('INVALID_STATE', { reason: 'has_milestones' });
    await repo.insertNodesFromTemplate(tx, projectId, template, now);
    const view = await buildView(tx, actor, project, today(ctx.clock));
    await writeAudit(
      tx,
      ctx.audit,
      {
        action: 'create',
        entity: 'milestones',
        entityId: projectId,
        regionCode: project.regionCode,
        after: { templateId: template.id, nodes: view.nodes.map((n) => n.key) },
      },
      now,
    );
    return view;
  });
}

async function computeSchedule(
  db: Executor,
  ctx: RequestContext,
  project: Project,
  targetDate: string,
  asOf: string,
): Promise<ScheduleResult & { milestoneIds: number[] }> {
  const rows = await repo.projectNodes(db, project.id);
  const deps = await repo.projectDependencies(db, project.id);
  if (!rows.length) throw new AppError('INVALID_STATE', { reason: 'no_milestones' });
  const mode = await calendarModeOf(db, project);
  let r: ReturnType<typeof backwardSchedule>;
  try {
    r = backwardSchedule(
      rows.map((x) => ({ key: String(x.m.id), durationDays: x.m.durationDays, actualStart: x.m.actualStart })),
      deps.map((d) => ({ predecessorKey: String(d.predecessorId), successorKey: String(d.successorId), lagDays: d.lagDays })),
      targetDate,
      { mode, asOf },
    );
  } catch (e) {
    scheduleErrorToApp(e, ctx);
  }
  const byId = new Map(rows.map((x) => [String(x.m.id), x.m]));
  const named = (key: string) => ({ key: byId.get(key)!.key, name: byId.get(key)!.name });
  return {
    targetDate,
    finishDate: r.finishDate,
    calendarMode: mode,
    asOf,
    feasible: r.feasible,
    infeasibility: r.infeasibility && {
      ...named(r.infeasibility.key),
      latestStart: r.infeasibility.latestStart,
      shortByDays: r.infeasibility.shortByDays,
      chain: r.infeasibility.chain.map(named),
    },
    nodes: r.nodes.map((n) => ({
      id: Number(n.key),
      ...named(n.key),
      durationDays: n.durationDays,
      latestStart: n.latestStart,
      latestFinish: n.latestFinish,
      infeasible: n.infeasible,
    })),
    milestoneIds: rows.map((x) => x.m.id),
  };
}

/** A preview: nothing is saved. Anyone who may read the project may try target dates. */
export async function previewBackward(ctx: RequestContext, projectId: number, targetDate: string) {
  const project = await readableProject(ctx, projectId);
  const { milestoneIds: _ids, ...result } = await computeSchedule(ctx.db, ctx, project, targetDate, today(ctx.clock));
  return result;
}

export async function saveBaseline(ctx: RequestContext, projectId: number, targetDate: string) {
  const { db, actor, now } = ctx;
  const project = await readableProject(ctx, projectId);
  if (!milestonePolicy.canPlan(actor, project)) throw new AppError('FORBIDDEN');
  return db.transaction(async (tx) => {
    const { milestoneIds: _ids, ...schedule } = await computeSchedule(tx, ctx, project, targetDate, today(ctx.clock));
    const id = await repo.insertBaseline(
      tx,
      { projectId, targetDate, calendarMode: schedule.calendarMode, createdBy: actor.id, now },
      schedule.nodes.map((n) => ({ milestoneId: n.id, latestStart: n.latestStart, latestFinish: n.latestFinish })),
    );
    const baseline = (await repo.findBaseline(tx, id))!;
    await writeAudit(
      tx,
      ctx.audit,
      {
        action: 'create',
        entity: 'schedule_baseline',
        entityId: id,
        regionCode: project.regionCode,
        after: { ...baseline, feasible: schedule.feasible, nodes: schedule.nodes },
      },
      now,
    );
    return { baseline, schedule };
  });
}

export async function listBaselines(ctx: RequestContext, projectId: number) {
  await readableProject(ctx, projectId);
  return repo.listBaselines(ctx.db, projectId);
}

// ---- tracking ----

export async function updateMilestone(ctx: RequestContext, id: number, body: UpdateMilestoneBody): Promise<MilestoneNode> {
  const { db, actor, now } = ctx;
  const m = await repo.findMilestone(db, id);
  if (!m) throw new AppError('NOT_FOUND');
  const project = await readableProject(ctx, m.projectId);
  if (!milestonePolicy.canRecord(actor, project)) throw new AppError('FORBIDDEN');
  if (body.durationDays !== undefined && body.durationDays !== m.durationDays && !milestonePolicy.canPlan(actor, project))
    throw new AppError('FORBIDDEN', { field: 'durationDays' });
  const asOf = today(ctx.clock);
  const next = {
    actualStart: body.actualStart !== undefined ? body.actualStart : m.actualStart,
    actualFinish: body.actualFinish !== undefined ? body.actualFinish : m.actualFinish,
    durationDays: body.durationDays ?? m.durationDays,
  };
  if (next.actualStart && next.actualStart > asOf) throw invalid(ctx, 'actualStart', userMessages.date_in_future);
  if (next.actualFinish && next.actualFinish > asOf) throw invalid(ctx, 'actualFinish', userMessages.date_in_future);
  if (next.actualFinish && !next.actualStart) throw invalid(ctx, 'actualFinish', userMessages.milestone_finish_needs_start);
  if (next.actualFinish && next.actualStart && next.actualFinish < next.actualStart)
    throw invalid(ctx, 'actualFinish', userMessages.milestone_finish_before_start);
  const nodeOf = async (tx: Executor) => (await buildView(tx, actor, project, asOf)).nodes.find((n) => n.id === id)!;
  const before = await nodeOf(db);
  return db.transaction(async (tx) => {
    if (!(await repo.updateMilestone(tx, id, body.version, next, now))) throw versionConflict(await nodeOf(tx));
    const after = await nodeOf(tx);
    await writeAudit(
      tx,
      ctx.audit,
      { action: 'update', entity: 'milestone', entityId: id, regionCode: project.regionCode, before, after },
      now,
    );
    return after;
  });
}

/**
 * The cross-project list. Forecast and slip follow the same rules as a project's view and the Gantt, so
 * every node of the page's projects is tracked: four statements per request whatever the page holds.
 */
export async function listMilestones(ctx: RequestContext, q: ListMilestonesQuery) {
  const { db } = ctx;
  const asOf = today(ctx.clock);
  const { rows, total } = await repo.listMilestones(db, ctx.actor, q, asOf);
  const projectIds = [...new Set(rows.map((r) => r.m.projectId))];
  const { nodeRows, depRows } = await repo.nodesOfProjects(db, projectIds);
  const group = <T>(list: T[], projectOf: (x: T) => number) => {
    const by = new Map<number, T[]>();
    for (const x of list) {
      const same = by.get(projectOf(x));
      if (same) same.push(x);
      else by.set(projectOf(x), [x]);
    }
    return by;
  };
  const nodesOf = group(nodeRows, (r) => r.m.projectId);
  const depsOf = group(depRows, (d) => d.projectId);
  const modeOf = new Map(rows.map((r) => [r.m.projectId, r.calendarMode]));
  const tracked = new Map<number, { forecastFinish: string; slipDays: number | null }>();
  for (const projectId of projectIds) {
    const nodes = nodesOf.get(projectId) ?? [];
    trackRows(nodes, depsOf.get(projectId) ?? [], modeOf.get(projectId)!, asOf).nodes.forEach((t, i) =>
      tracked.set(nodes[i]!.m.id, t),
    );
  }
  return {
    total,
    items: rows.map((r) => {
      const overdue = isOverdue({ actualFinish: r.m.actualFinish, latestFinish: r.latestFinish }, asOf);
      const t = tracked.get(r.m.id)!;
      return {
        id: r.m.id,
        projectId: r.m.projectId,
        projectCode: r.projectCode,
        projectName: r.projectName,
        key: r.m.key,
        name: r.m.name,
        latestStart: r.latestStart,
        latestFinish: r.latestFinish,
        actualStart: r.m.actualStart,
        actualFinish: r.m.actualFinish,
        status: milestoneStatusOf(r.m),
        overdue,
        overdueDays: overdue ? daysBetween(r.latestFinish!, asOf) : 0,
        forecastFinish: t.forecastFinish,
        slipDays: t.slipDays,
        leadUnitName: r.leadUnitName,
        leaderName: r.leaderName,
        version: r.m.version,
      };
    }),
  };
}
