/**
 * Keeps investment_totals in step with annual plans and approved reports (see the schema's note).
 * Callers run it inside the transaction of the write that changed the figures.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';

/**
 * Rebuilds the totals of the given (project, year) keys from the records, or of every key when
 * none are given (demo seed, benchmark generator, repair). One statement either way.
 */
export async function refreshInvestmentTotals(db: Executor, keys?: { projectId: number; year: number }[]): Promise<void> {
  if (keys && keys.length === 0) return;
  const keyFilter = keys
    ? sql`where (project_id, year) in (select * from unnest(${`{${keys.map((k) => k.projectId).join(',')}}`}::int[], ${`{${keys.map((k) => k.year).join(',')}}`}::int[]))`
    : sql``;
  await db.execute(sql`
    with keys as (
      select project_id, year from annual_plans ${keyFilter}
      union
      select project_id, year from investment_reports ${keyFilter}
    ),
    monthly as (
      select r.project_id, r.year, r.month, sum(r.amount) as amount
      from investment_reports r join keys k on k.project_id = r.project_id and k.year = r.year
      where r.status = 'approved'
      group by r.project_id, r.year, r.month
    ),
    cum as (
      select k.project_id, k.year, g.m,
        sum(coalesce(mo.amount, 0)) over (partition by k.project_id, k.year order by g.m) as c
      from keys k cross join generate_series(1, 12) g(m)
      left join monthly mo on mo.project_id = k.project_id and mo.year = k.year and mo.month = g.m
    )
    insert into investment_totals (project_id, year, planned_amount, approved_cum)
    select c.project_id, c.year, coalesce(max(pl.planned_amount), 0), array_agg(c.c::bigint order by c.m)
    from cum c left join annual_plans pl on pl.project_id = c.project_id and pl.year = c.year
    group by c.project_id, c.year
    on conflict (project_id, year) do update
      set planned_amount = excluded.planned_amount, approved_cum = excluded.approved_cum
  `);
}
