/**
 * The facts the colour rules read (domain rag.ts), for many projects at once: one set-based statement
 * per kind of record over the projects in `scope` (a predicate on the `projects` table, lib/project-scope.ts),
 * whatever their number — projects, milestone nodes, dependencies, investment totals, overdue ledger
 * items, overdue decisions, overdue problems. Only what can make a project late is loaded: open records
 * past their deadline, never the whole ledger.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { CalendarMode } from '@kpc/domain';
import type { DecisionStatus, LedgerStatus, ProblemStatus, Stage } from '@kpc/contracts';
import type { Executor } from '../../db/client.js';

async function rows<T>(db: Executor, q: SQL): Promise<T[]> {
  const r = (await db.execute(q)) as unknown as { rows: T[] };
  return r.rows;
}

export interface ProjectRow {
  id: number;
  code: string;
  name: string;
  regionCode: string;
  stage: Stage;
  contractDate: string | null;
  plannedStartDate: string | null;
  actualStartDate: string | null;
  plannedCompletionDate: string | null;
  actualCompletionDate: string | null;
  leaderId: number | null;
  /** The site's coordinates (WGS-84), where known: the colour map's map view. */
  lat: number | null;
  lng: number | null;
}

const inScope = (scope: SQL) => sql`(select projects.id from projects where ${scope})`;

export async function projectsIn(db: Executor, scope: SQL): Promise<ProjectRow[]> {
  const r = await rows<ProjectRow>(
    db,
    sql`select projects.id, projects.code, projects.name, projects.region_code as "regionCode", projects.stage,
        projects.contract_date::text as "contractDate", projects.planned_start_date::text as "plannedStartDate",
        projects.actual_start_date::text as "actualStartDate", projects.planned_completion_date::text as "plannedCompletionDate",
        projects.actual_completion_date::text as "actualCompletionDate", projects.leader_id as "leaderId",
        projects.lat, projects.lng
      from projects where ${scope} order by projects.id`,
  );
  return r.map((p) => ({
    ...p,
    id: Number(p.id),
    leaderId: p.leaderId === null ? null : Number(p.leaderId),
    lat: p.lat === null ? null : Number(p.lat),
    lng: p.lng === null ? null : Number(p.lng),
  }));
}

export interface NodeRow {
  id: number;
  projectId: number;
  name: string;
  durationDays: number;
  actualStart: string | null;
  actualFinish: string | null;
  latestStart: string | null;
  latestFinish: string | null;
  calendarMode: CalendarMode | null;
}

/** Every node of the projects with its current baseline's dates, and every dependency. */
export async function nodesIn(db: Executor, scope: SQL) {
  const [nodes, deps] = await Promise.all([
    rows<NodeRow>(
      db,
      sql`select m.id, m.project_id as "projectId", m.name, m.duration_days as "durationDays",
          m.actual_start::text as "actualStart", m.actual_finish::text as "actualFinish",
          bn.latest_start::text as "latestStart", bn.latest_finish::text as "latestFinish", b.calendar_mode as "calendarMode"
        from milestones m
          left join schedule_baselines b on b.project_id = m.project_id and b.is_current
          left join baseline_nodes bn on bn.baseline_id = b.id and bn.milestone_id = m.id
        where m.project_id in ${inScope(scope)}
        order by m.project_id, m.sort_order, m.id`,
    ),
    rows<{ projectId: number; predecessorId: number; successorId: number; lagDays: number }>(
      db,
      sql`select project_id as "projectId", predecessor_id as "predecessorId", successor_id as "successorId", lag_days as "lagDays"
        from milestone_dependencies where project_id in ${inScope(scope)}`,
    ),
  ]);
  return {
    nodes: nodes.map((n) => ({ ...n, id: Number(n.id), projectId: Number(n.projectId), durationDays: Number(n.durationDays) })),
    deps: deps.map((d) => ({
      projectId: Number(d.projectId),
      predecessorId: Number(d.predecessorId),
      successorId: Number(d.successorId),
      lagDays: Number(d.lagDays),
    })),
  };
}

/** The year's plan and the approved investment through `month` (investment_totals, one row per project). */
export async function investmentIn(db: Executor, scope: SQL, year: number, month: number) {
  const r = await rows<{ projectId: number; plan: string | number; done: string | number }>(
    db,
    sql`select project_id as "projectId", planned_amount as plan, coalesce(approved_cum[${month}::int], 0) as done
      from investment_totals where year = ${year} and project_id in ${inScope(scope)}`,
  );
  return r.map((x) => ({ projectId: Number(x.projectId), annualPlan: Number(x.plan), completed: Number(x.done) }));
}

export interface OpenRecordRow<S> {
  id: number;
  projectId: number;
  label: string;
  status: S;
  deadline: string;
}

const cut = (column: string) => sql.raw(`left(${column}, 40)`);

/** Ledger items not done with a deadline before asOf (a recurring item has none and is never overdue). */
export async function overdueLedgerItems(db: Executor, scope: SQL, asOf: string) {
  const r = await rows<OpenRecordRow<LedgerStatus>>(
    db,
    sql`select id, project_id as "projectId", ${cut('content')} as label, status, deadline::text as deadline
      from ledger_items where status <> 'done' and deadline < ${asOf} and project_id in ${inScope(scope)}`,
  );
  return r.map((x) => ({ ...x, id: Number(x.id), projectId: Number(x.projectId) }));
}

/** Open meeting decisions linked to a project, past their deadline. */
export async function overdueDecisions(db: Executor, scope: SQL, asOf: string) {
  const r = await rows<OpenRecordRow<DecisionStatus>>(
    db,
    sql`select id, project_id as "projectId", ${cut('content')} as label, status, deadline::text as deadline
      from decisions where status = 'open' and deadline < ${asOf} and project_id in ${inScope(scope)}`,
  );
  return r.map((x) => ({ ...x, id: Number(x.id), projectId: Number(x.projectId) }));
}

/** Open problems (open, in progress, escalated) past their deadline. */
export async function overdueProblems(db: Executor, scope: SQL, asOf: string) {
  const r = await rows<OpenRecordRow<ProblemStatus>>(
    db,
    sql`select id, project_id as "projectId", ${cut('description')} as label, status, deadline::text as deadline
      from problems where status in ('open', 'in_progress', 'escalated') and deadline < ${asOf}
        and project_id in ${inScope(scope)}`,
  );
  return r.map((x) => ({ ...x, id: Number(x.id), projectId: Number(x.projectId) }));
}

/**
 * Supervision items 督办事项 of the projects, not accepted and past their deadline — except those made from
 * a meeting decision, whose lateness `overdueDecisions` already brings in (counted once, not twice).
 */
export async function overdueSupervisionItems(db: Executor, scope: SQL, asOf: string) {
  const r = await rows<{ id: number; projectId: number; label: string; deadline: string }>(
    db,
    sql`select id, project_id as "projectId", ${cut('title')} as label, deadline::text as deadline
      from supervision_items
      where accepted_at is null and link <> 'bulletined' and source <> 'decision' and deadline < ${asOf}
        and project_id in ${inScope(scope)}`,
  );
  return r.map((x) => ({ ...x, id: Number(x.id), projectId: Number(x.projectId) }));
}
/** A scope predicate: the projects among `ids`. */
export const idIn = (ids: readonly number[]): SQL =>
  ids.length ? sql`projects.id = any(${sql.raw(`'{${ids.map((i) => Math.trunc(i)).join(',')}}'`)}::int[])` : sql`false`;
