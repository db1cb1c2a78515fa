/**
 * The dashboard's aggregate SQL. One grouping-sets query yields the totals and the breakdowns by
 * level, stage, lead unit, leader and region in a single pass over the projects in scope; the
 * plan and approved sums come from investment_totals (one row per project and year, kept in step
 * with every plan write and approval), never from the report rows themselves. Small queries add distinct units, the ≥ 1 亿
 * signings, the meetings held and the problems (solved, by category and status).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { ProblemCategory, ProblemStatus, ProjectLevel, Stage } from '@kpc/contracts';
import type { Executor } from '../../db/client.js';
import { inSubtree } from '../../lib/query.js';

async function rows<T>(db: Executor, q: SQL): Promise<T[]> {
  const r = (await db.execute(q)) as unknown as { rows: T[] };
  return r.rows;
}

/** Region-subtree predicates on the raw statements' columns (lib/query.ts escapes the code). */
const regionOf = (column: string, regionCode: string) => inSubtree(sql.raw(column), regionCode);

export interface AggregateRow {
  /** Which grouping set the row belongs to. */
  set: 'all' | 'level' | 'stage' | 'unit' | 'leader' | 'region';
  key: string | null;
  name: string | null;
  projects: number;
  annualPlan: number;
  completedInvestment: number;
}

/**
 * `scope` is a predicate on the projects table (lib/project-scope.ts `dashboardProjects`): the
 * statements below name the table `projects` wherever it applies, so its qualified columns bind.
 */
export async function aggregates(db: Executor, regionCode: string, scope: SQL, year: number, throughMonth: number) {
  const raw = await rows<{
    g_level: number;
    g_stage: number;
    g_unit: number;
    g_leader: number;
    g_region: number;
    level: ProjectLevel | null;
    stage: Stage | null;
    lead_unit_id: number | null;
    unit_name: string | null;
    leader_id: number | null;
    leader_name: string | null;
    region_code: string | null;
    region_name: string | null;
    projects: number;
    plan: string | number;
    done: string | number;
  }>(
    db,
    sql`
    with p as (
      select id, level, stage, lead_unit_id, leader_id, region_code
      from projects where ${regionOf('region_code', regionCode)} and ${scope}
    ),
    -- investment_totals holds one row per project and year (plan, cumulative approved by month)
    t as (
      select project_id, planned_amount, coalesce(approved_cum[${throughMonth}::int], 0) as done
      from investment_totals where year = ${year}
    )
    select
      grouping(p.level)::int as g_level,
      grouping(p.stage)::int as g_stage,
      grouping(p.lead_unit_id)::int as g_unit,
      grouping(p.leader_id)::int as g_leader,
      grouping(p.region_code)::int as g_region,
      p.level, p.stage, p.lead_unit_id, u.name as unit_name, p.leader_id, l.name as leader_name,
      p.region_code, r.name as region_name,
      count(*)::int as projects,
      coalesce(sum(t.planned_amount), 0)::bigint as plan,
      coalesce(sum(t.done), 0)::bigint as done
    from p
      left join t on t.project_id = p.id
      left join units u on u.id = p.lead_unit_id
      left join leaders l on l.id = p.leader_id
      left join regions r on r.code = p.region_code
    group by grouping sets (
      (), (p.level), (p.stage), (p.lead_unit_id, u.name), (p.leader_id, l.name), (p.region_code, r.name)
    )`,
  );
  return raw.map((r): AggregateRow => {
    const figures = { projects: Number(r.projects), annualPlan: Number(r.plan), completedInvestment: Number(r.done) };
    if (!r.g_level) return { set: 'level', key: r.level, name: null, ...figures };
    if (!r.g_stage) return { set: 'stage', key: r.stage, name: null, ...figures };
    if (!r.g_unit)
      return { set: 'unit', key: r.lead_unit_id == null ? null : String(r.lead_unit_id), name: r.unit_name, ...figures };
    if (!r.g_leader)
      return { set: 'leader', key: r.leader_id == null ? null : String(r.leader_id), name: r.leader_name, ...figures };
    if (!r.g_region) return { set: 'region', key: r.region_code, name: r.region_name, ...figures };
    return { set: 'all', key: null, name: null, ...figures };
  });
}

/** Distinct responsible units (lead or cooperating) of the projects in scope. */
export async function responsibleUnits(db: Executor, regionCode: string, scope: SQL): Promise<number> {
  const [r] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from (
      select lead_unit_id as unit_id from projects
        where ${regionOf('region_code', regionCode)} and ${scope} and lead_unit_id is not null
      union
      select pu.unit_id from project_units pu join projects on projects.id = pu.project_id
        where ${regionOf('projects.region_code', regionCode)} and ${scope}
    ) x`,
  );
  return Number(r?.n ?? 0);
}

/** Projects of total investment ≥ `minInvestment` with a (forward) move to 'signed' dated in [from, to]. */
export async function signedBetween(
  db: Executor,
  regionCode: string,
  scope: SQL,
  from: string,
  to: string,
  minInvestment: number,
): Promise<number[]> {
  const r = await rows<{ id: number }>(
    db,
    sql`select distinct projects.id from stage_transitions st join projects on projects.id = st.project_id
      where st.to_stage = 'signed' and not st.is_rollback and st.on_date >= ${from} and st.on_date <= ${to}
        and projects.total_investment >= ${minInvestment} and ${regionOf('projects.region_code', regionCode)} and ${scope}
      order by projects.id`,
  );
  return r.map((x) => Number(x.id));
}

/** The instants that begin `from` and end `to` (Asia/Shanghai calendar dates): an index range on a timestamptz. */
const shanghaiDays = (column: SQL, from: string, to: string) =>
  sql`${column} >= (${from}::date)::timestamp at time zone 'Asia/Shanghai'
    and ${column} < (${to}::date + 1)::timestamp at time zone 'Asia/Shanghai'`;

/**
 * Meetings held with their start (Asia/Shanghai) in [from, to]. `scope` null: every meeting of the
 * region; else only those with an agenda item or their site on a project in scope.
 */
export async function meetingsHeldBetween(
  db: Executor,
  regionCode: string,
  scope: SQL | null,
  from: string,
  to: string,
): Promise<number[]> {
  const r = await rows<{ id: number }>(
    db,
    sql`select m.id from meetings m
      where m.status = 'held' and ${shanghaiDays(sql.raw('m.starts_at'), from, to)} and ${regionOf('m.region_code', regionCode)}
        and ${
          scope === null
            ? sql`true`
            : sql`exists (select 1 from projects where ${scope} and (projects.id = m.site_project_id
                or projects.id in (select ai.project_id from meeting_agenda_items ai where ai.meeting_id = m.id)))`
        }
      order by m.id`,
  );
  return r.map((x) => Number(x.id));
}

/** Problems on projects in scope resolved or verified with resolvedOn in [from, to]. */
export async function problemsSolvedBetween(
  db: Executor,
  regionCode: string,
  scope: SQL,
  from: string,
  to: string,
): Promise<number[]> {
  const r = await rows<{ id: number }>(
    db,
    sql`select problems.id from problems join projects on projects.id = problems.project_id
      where problems.status in ('resolved', 'verified') and problems.resolved_on >= ${from} and problems.resolved_on <= ${to}
        and ${regionOf('projects.region_code', regionCode)} and ${scope}
      order by problems.id`,
  );
  return r.map((x) => Number(x.id));
}

export interface ProblemGroupRow {
  category: ProblemCategory;
  status: ProblemStatus;
  problems: number;
  /** Solved with resolvedOn in [from, to]. */
  solved: number;
  /** Not solved and past its deadline on asOf. */
  overdue: number;
}

/** Problems on projects in scope by category and current status, one pass. */
export async function problemGroups(
  db: Executor,
  regionCode: string,
  scope: SQL,
  from: string,
  to: string,
  asOf: string,
): Promise<ProblemGroupRow[]> {
  const r = await rows<{ category: ProblemCategory; status: ProblemStatus; n: number; solved: number; overdue: number }>(
    db,
    sql`select problems.category, problems.status, count(*)::int as n,
        count(*) filter (where problems.status in ('resolved', 'verified')
          and problems.resolved_on >= ${from} and problems.resolved_on <= ${to})::int as solved,
        count(*) filter (where problems.status not in ('resolved', 'verified') and problems.deadline < ${asOf})::int as overdue
      from problems join projects on projects.id = problems.project_id
      where ${regionOf('projects.region_code', regionCode)} and ${scope}
      group by problems.category, problems.status`,
  );
  return r.map((x) => ({
    category: x.category,
    status: x.status,
    problems: Number(x.n),
    solved: Number(x.solved),
    overdue: Number(x.overdue),
  }));
}

export async function regionName(db: Executor, code: string): Promise<string | null> {
  const [r] = await rows<{ name: string }>(db, sql`select name from regions where code = ${code}`);
  return r?.name ?? null;
}
