/**
 * Bench data generator: N key projects in one district (spread over its townships), each with an
 * annual plan, 12 approved monthly reports, dated stage transitions and a cooperating unit, plus
 * four "three batches" periods. Bulk-inserted with generate_series: 10,000 projects take seconds.
 */
import type { Database } from '../../server/src/db/client.js';
import { regions, users } from '../../server/src/db/schema/index.js';
import { divisionChildren, divisionWithAncestors } from '../../server/src/db/seed/regions.js';
import { hashPassword } from '../../server/src/lib/password.js';
import { refreshInvestmentTotals } from '../../server/src/modules/investment/investment.totals.js';

export const BENCH_REGION = '411104';
export const BENCH_USER = 'bench_office';
export const BENCH_PASSWORD = 'Bench#2026x';

export interface GenerateOptions {
  projects: number;
  year: number;
  units?: number;
  leaders?: number;
}

export async function generate(database: Database, o: GenerateOptions): Promise<{ projects: number; reports: number }> {
  const nUnits = o.units ?? Math.max(23, Math.ceil(o.projects / 40));
  const nLeaders = o.leaders ?? Math.max(24, Math.ceil(o.projects / 50));
  const townships = divisionChildren(BENCH_REGION);
  await database.db.insert(regions).values([...divisionWithAncestors(BENCH_REGION), ...townships]);
  await database.db.insert(users).values({
    username: BENCH_USER,
    displayName: '基准测试项目办',
    passwordHash: await hashPassword(BENCH_PASSWORD),
    roles: ['office'],
    regionCode: BENCH_REGION,
    mustChangePassword: false,
  });
  const raw = database.raw;
  const y = o.year;
  await raw(`insert into units (name, region_code) select '基准单位' || g, $1 from generate_series(1, $2::int) g`, [
    BENCH_REGION,
    nUnits,
  ]);
  await raw(
    `insert into leaders (name, title, region_code) select '基准领导' || g, '副区长', $1 from generate_series(1, $2::int) g`,
    [BENCH_REGION, nLeaders],
  );
  const [u0] = (await raw(`select min(id)::int as id from units`)).rows;
  const [l0] = (await raw(`select min(id)::int as id from leaders`)).rows;
  await raw(
    `insert into projects (code, name, level, category, region_code, total_investment, stage, leader_id, lead_unit_id)
     select 'B-' || lpad(g::text, 7, '0'), '基准项目' || g,
       (array['provincial','municipal','district','district'])[1 + g % 4],
       'industry',
       ($1::text[])[1 + g % array_length($1::text[], 1)],
       (20 + (g * 7919) % 2000)::bigint * 1000000,
       (array['planned','signed','started','building','completed','producing','at_target'])[1 + g % 7],
       $2::int + g % $3::int,
       $4::int + g % $5::int
     from generate_series(1, $6::int) g`,
    [townships.map((t) => t.code), l0!.id, nLeaders, u0!.id, nUnits, o.projects],
  );
  await raw(
    `insert into project_units (project_id, unit_id)
     select id, $1::int + (lead_unit_id - $1::int + 1) % $2::int from projects`,
    [u0!.id, nUnits],
  );
  // one dated transition per stage reached, the move to 'signed' in the bench year
  await raw(
    `insert into stage_transitions (project_id, from_stage, to_stage, on_date)
     select p.id, s.stages[i], s.stages[i + 1], make_date($1::int, 1, 1) + ((i - 1) * 30 + p.id % 25)::int
     from projects p
     cross join (select array['planned','signed','started','building','completed','producing','at_target'] as stages) s
     cross join lateral generate_series(1, array_position(s.stages, p.stage) - 1) i`,
    [y],
  );
  await raw(
    `insert into annual_plans (project_id, year, planned_amount) select id, $1::int, total_investment / 4 from projects`,
    [y],
  );
  await raw(
    `insert into investment_reports (project_id, year, month, amount, status, progress_note)
     select p.id, $1::int, m, (p.total_investment / 4 / 12) * (70 + (p.id * m) % 50) / 100, 'approved', '按计划推进'
     from projects p cross join generate_series(1, 12) m`,
    [y],
  );
  await refreshInvestmentTotals(database.db);
  // four periods of a quarter each; each list holds 1 % of the projects
  await raw(
    `insert into periods (region_code, seq, name, start_date, end_date)
     select $1, q, '第' || q || '期', make_date($2::int, 3 * q - 2, 1), (make_date($2::int, 3 * q - 2, 1) + interval '3 months - 1 day')::date
     from generate_series(1, 4) q`,
    [BENCH_REGION, y],
  );
  await raw(
    `insert into batch_entries (period_id, list, project_id)
     select pe.id, l.list, p.id
     from periods pe
     cross join (values ('signing', 1), ('starting', 2), ('commissioning', 5)) l(list, k)
     join projects p on p.id % 100 = (pe.seq * 7 + l.k) % 100`,
  );
  await raw('vacuum analyze');
  const [c] = (await raw(`select (select count(*) from projects)::int as p, (select count(*) from investment_reports)::int as r`))
    .rows;
  return { projects: Number(c!.p), reports: Number(c!.r) };
}
