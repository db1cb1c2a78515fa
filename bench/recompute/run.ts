/**
 * The daily colour recomputation 日监测 (issue 11, SPEC §3: ≤ 10 s at 100,000 projects): the daily
 * monitoring job's `monitorDay` over N generated projects (dashboard's `generate.ts`, extended here with
 * milestone nodes on a baseline, ledger items and problems, a share of them late), on consecutive days.
 * The first day opens a spell for every project; the days after write only the projects whose colour
 * changed. Baseline in the same run: the rating alone (`coloursOf` in the same batches of 5,000, no
 * spells, no transaction), so the ratio is what the history (spells, hysteresis, one transaction) adds.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/recompute/run.ts --projects 10000 [--days 5]
 */
import { addDays } from '@kpc/domain';
import type { Database } from '../../server/src/db/client.js';
import { monitorDay, BATCH_SIZE } from '../../server/src/jobs/daily-monitoring.js';
import { coloursOf, dayShared } from '../../server/src/modules/supervision/supervision.service.js';
import { numberArgs, seconds, writeResult } from '../lib/app.js';
import { runBenchmark } from '../lib/target.js';
import { generate } from '../dashboard/generate.js';
import { sql } from 'drizzle-orm';

const args = numberArgs({ projects: 10000, days: 5, year: 2026 });
const N = args.projects;
const FIRST_DAY = `${args.year}-07-01`;

/** Four nodes per project on a current baseline, three ledger items, one problem; some of each late. */
async function extend(database: Database, year: number) {
  const raw = database.raw;
  await raw(
    `insert into schedule_baselines (project_id, number, target_date, calendar_mode, is_current)
     select id, 1, make_date($1::int, 12, 31), 'calendar', true from projects`,
    [year],
  );
  await raw(
    `insert into milestones (project_id, key, name, duration_days, sort_order, actual_start, actual_finish, status)
     select p.id, 'n' || k, '节点' || k, 30, k,
       case when k = 1 then make_date($1::int, 3, 1) end,
       case when k = 1 and p.id % 3 = 0 then make_date($1::int, 4, 1) end,
       case when k = 1 then (case when p.id % 3 = 0 then 'done' else 'in_progress' end) else 'not_started' end
     from projects p cross join generate_series(1, 4) k`,
    [year],
  );
  await raw(
    `insert into milestone_dependencies (project_id, predecessor_id, successor_id)
     select a.project_id, a.id, b.id from milestones a join milestones b on b.project_id = a.project_id and b.sort_order = a.sort_order + 1`,
  );
  // baseline finishes spread over the months around the bench days: each day some nodes fall behind
  await raw(
    `insert into baseline_nodes (baseline_id, milestone_id, latest_start, latest_finish)
     select b.id, m.id, d - 29, d
     from milestones m join schedule_baselines b on b.project_id = m.project_id
     cross join lateral (select make_date($1::int, 4, 1) + ((m.project_id * 37) % 150 + m.sort_order * 30)::int as d) x`,
    [year],
  );
  await raw(
    `insert into ledger_items (project_id, seq, unit_id, content, deadline, recurring, status, focus)
     select p.id, k, p.lead_unit_id, '基准台账事项' || k, make_date($1::int, 5, 1) + ((p.id * 13 + k * 29) % 120)::int, false,
       case when (p.id + k) % 4 = 0 then 'done' else 'in_progress' end, 'progress'
     from projects p cross join generate_series(1, 3) k where p.lead_unit_id is not null`,
    [year],
  );
  await raw(
    `insert into problems (project_id, category, source, description, raised_on, deadline, status)
     select p.id, 'land', 'unit_report', '基准问题', make_date($1::int, 3, 1), make_date($1::int, 5, 15) + ((p.id * 7) % 90)::int,
       case when p.id % 5 = 0 then 'open' else 'in_progress' end
     from projects p`,
    [year],
  );
  await raw('vacuum analyze');
  const [c] = (
    await raw(`select (select count(*) from milestones)::int as m, (select count(*) from ledger_items)::int as l,
                      (select count(*) from problems)::int as p`)
  ).rows;
  return c as { m: number; l: number; p: number };
}

/** The rating alone, in the job's batches: the bare baseline. */
async function rateOnly(database: Database, day: string): Promise<number> {
  const t0 = performance.now();
  // as the job: what the batches share (the quota, the rule sets) is read once for the day
  const shared = await dayShared(database.db, day, '');
  let after = 0;
  for (;;) {
    const { rows } = await database.raw(`select id::int as id from projects where id > $1 order by id limit $2`, [
      after,
      BATCH_SIZE,
    ]);
    if (rows.length === 0) break;
    const last = Number(rows[rows.length - 1]!.id);
    await coloursOf(database.db, sql`projects.id > ${after} and projects.id <= ${last}`, day, '', undefined, shared);
    after = last;
  }
  return performance.now() - t0;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

await runBenchmark('recompute', async ({ database }) => {
  let t0 = performance.now();
  const g = await generate(database, { projects: N, year: args.year });
  const e = await extend(database, args.year);
  console.log(`generated ${g.projects} projects, ${e.m} milestones, ${e.l} ledger items, ${e.p} problems in ${seconds(t0)} s`);

  const runs: {
    day: string;
    ms: number;
    baselineMs: number;
    written: number;
    changed: number;
    red: number;
    yellow: number;
    green: number;
  }[] = [];
  for (let i = 0; i <= args.days; i++) {
    const day = addDays(FIRST_DAY, i);
    const baselineMs = await rateOnly(database, day);
    t0 = performance.now();
    const r = await monitorDay(database.db, day, { recoveryDays: 7 });
    const ms = performance.now() - t0;
    const { rows } = await database.raw(
      `select (select count(*) from rag_spells where from_date = $1)::int + (select count(*) from rag_spells where to_date = $2)::int as n`,
      [day, addDays(day, -1)],
    );
    runs.push({
      day,
      ms,
      baselineMs,
      written: Number(rows[0]!.n),
      changed: r.changed,
      red: r.red,
      yellow: r.yellow,
      green: r.green,
    });
    console.log(
      `${day}: ${(ms / 1000).toFixed(2)} s (rating alone ${(baselineMs / 1000).toFixed(2)} s), ${r.changed} changed, ${rows[0]!.n} rows written; red ${r.red} / yellow ${r.yellow} / green ${r.green}`,
    );
  }
  const later = runs.slice(1);
  const summary = {
    projects: N,
    firstDay: { ms: Math.round(runs[0]!.ms), rows: runs[0]!.written },
    laterDays: {
      p50: Math.round(
        pct(
          later.map((r) => r.ms),
          50,
        ),
      ),
      p95: Math.round(
        pct(
          later.map((r) => r.ms),
          95,
        ),
      ),
      baselineP50: Math.round(
        pct(
          later.map((r) => r.baselineMs),
          50,
        ),
      ),
      rowsP50: pct(
        later.map((r) => r.written),
        50,
      ),
    },
    spellRows: Number((await database.raw('select count(*)::int as n from rag_spells')).rows[0]!.n),
    runs,
  };
  console.log(
    `\n| projects | first day s (rows) | later days p50 / p95 s | rating alone p50 s | ratio | rows written p50 | spell rows after ${args.days + 1} days |`,
  );
  console.log(
    `| ${N} | ${(summary.firstDay.ms / 1000).toFixed(2)} (${summary.firstDay.rows}) | ${(summary.laterDays.p50 / 1000).toFixed(2)} / ${(summary.laterDays.p95 / 1000).toFixed(2)} | ${(summary.laterDays.baselineP50 / 1000).toFixed(2)} | ${(summary.laterDays.p50 / summary.laterDays.baselineP50).toFixed(2)} | ${summary.laterDays.rowsP50} | ${summary.spellRows} |`,
  );
  console.log(`results: ${writeResult(`recompute-${N}`, summary)}`);
});
