/**
 * The upward report's SQL: the provincial and municipal key projects of a region in scope with what
 * the templates may show, in one statement. Plan and approved figures come from investment_totals,
 * as the dashboard reads them, so the two agree to the yuan.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { ProjectLevel, Stage } from '@kpc/contracts';
import type { UpwardProjectFacts } from '@kpc/domain';
import type { Executor } from '../../db/client.js';
import { inSubtree } from '../../lib/query.js';

/** The county-level code of a region code: its first six digits (ADR 0005). */
const DISTRICT_DIGITS = 6;

export async function regionName(db: Executor, code: string): Promise<string | null> {
  const r = (await db.execute(sql`select name from regions where code = ${code}`)) as unknown as {
    rows: { name: string }[];
  };
  return r.rows[0]?.name ?? null;
}

/**
 * `scope` is a predicate on `projects` (lib/project-scope.ts). The month's figure is the cumulative
 * approved amount through the month less the one through the month before; the image progress is the
 * latest progress note of an approved report up to the month; open problems those raised by `asOf`
 * and not solved.
 */
export async function upwardFacts(
  db: Executor,
  regionCode: string,
  scope: SQL,
  year: number,
  month: number,
  asOf: string,
): Promise<Omit<UpwardProjectFacts, 'colour'>[]> {
  const r = (await db.execute(sql`
    select p.id, p.code, p.name, d.name as district_name, p.location, p.level, p.category, p.stage,
      p.actual_start_date::text as actual_start_date, p.planned_completion_date::text as planned_completion_date,
      p.total_investment, t.planned_amount,
      coalesce(t.approved_cum[${month}::int], 0) as ytd,
      coalesce(t.approved_cum[${month}::int], 0) - coalesce(t.approved_cum[${month - 1}::int], 0) as month_done,
      -- 形象进度: the latest note typed once, in an approved monthly report or a weekly update 周报, up to asOf
      (select n.note from (
          select ir.progress_note as note, ir.reviewed_at as at from investment_reports ir
            where ir.project_id = p.id and ir.status = 'approved' and ir.progress_note is not null
              and (ir.year < ${year} or (ir.year = ${year} and ir.month <= ${month}))
          union all
          select w.note, w.sent_at from weekly_updates w
            where w.project_id = p.id and w.note is not null and (w.sent_at at time zone 'Asia/Shanghai')::date <= ${asOf}
        ) n order by n.at desc nulls last limit 1) as image_progress,
      coalesce((select array_agg(pr.description order by pr.raised_on, pr.id) from problems pr
        where pr.project_id = p.id and pr.status not in ('resolved', 'verified') and pr.raised_on <= ${asOf}),
        '{}') as open_problems,
      u.name as unit_name, l.name as leader_name, e.name as enterprise_name
    from projects p
      left join investment_totals t on t.project_id = p.id and t.year = ${year}
      left join regions d on d.code = left(p.region_code, ${DISTRICT_DIGITS})
      left join units u on u.id = p.lead_unit_id
      left join leaders l on l.id = p.leader_id
      left join enterprises e on e.id = p.enterprise_id
    where ${inSubtree(sql.raw('p.region_code'), regionCode)} and p.level in ('provincial', 'municipal')
      and p.id in (select projects.id from projects where ${scope})
    order by left(p.region_code, ${DISTRICT_DIGITS}), case p.level when 'provincial' then 0 else 1 end, p.code
  `)) as unknown as {
    rows: {
      id: string | number;
      code: string;
      name: string;
      district_name: string | null;
      location: string | null;
      level: ProjectLevel;
      category: string;
      stage: Stage;
      actual_start_date: string | null;
      planned_completion_date: string | null;
      total_investment: string | number;
      planned_amount: string | number | null;
      ytd: string | number;
      month_done: string | number;
      image_progress: string | null;
      open_problems: string[];
      unit_name: string | null;
      leader_name: string | null;
      enterprise_name: string | null;
    }[];
  };
  return r.rows.map((x) => ({
    projectId: Number(x.id),
    code: x.code,
    name: x.name,
    districtName: x.district_name,
    location: x.location,
    level: x.level,
    category: x.category,
    stage: x.stage,
    actualStartDate: x.actual_start_date,
    plannedCompletionDate: x.planned_completion_date,
    totalInvestment: Number(x.total_investment),
    annualPlan: x.planned_amount == null ? null : Number(x.planned_amount),
    yearToDate: Number(x.ytd),
    monthCompleted: Number(x.month_done),
    imageProgress: x.image_progress,
    openProblems: x.open_problems,
    leadUnitName: x.unit_name,
    leaderName: x.leader_name,
    enterpriseName: x.enterprise_name,
  }));
}
