/**
 * Load run of GET /api/v1/gantt for a portfolio of 3,000 milestone nodes (default 300 projects × 10
 * nodes, chains with a baseline and some actual dates), on a fresh embedded PostgreSQL in a temp dir, or on a scratch
 * PostgreSQL database when DATABASE_URL is set (created here and dropped after). It prints the SQL
 * statements one request sends (counted at the driver), then p50/p95 under load. The baseline, in the
 * same run, is a bare Fastify handler sending exactly those statements through the bare driver and
 * returning the rows as JSON; the ratio is API / baseline.
 *
 *   npx tsx bench/gantt/run.ts [--projects 300] [--nodes 10] [--duration 10] [--connections 4]
 */
import Fastify from 'fastify';
import type { Database } from '../../server/src/db/client.js';
import { seedDemoIfEmpty } from '../../server/src/db/seed/index.js';
import { buildBenchApp, login, numberArgs, seconds, writeResult } from '../lib/app.js';
import { MAX_DURATION, compare, printRuns } from '../lib/load.js';
import { runBenchmark } from '../lib/target.js';

const args = numberArgs({ projects: 300, nodes: 10, duration: 10, connections: 4 });
const PROJECTS = args.projects;
const NODES = args.nodes;
const NOW = new Date('2026-07-16T06:00:00Z');
const clock = { now: () => NOW };

/** A leader's portfolio: chains of 30-day nodes with a baseline from 2026-01-01; the first 3 nodes done. */
async function generate(database: Database): Promise<number> {
  const { rows } = await database.raw(
    `insert into leaders (name, title, region_code) values ('甘特基准领导', '副区长', '411104') returning id`,
  );
  const leaderId = Number(rows[0]!.id);
  const sqls = [
    `insert into projects (code, name, level, category, region_code, total_investment, leader_id, stage)
     select 'GB-' || g, '甘特基准项目' || g, 'district', 'industry', '411104', 100000000, $1::int, 'building'
     from generate_series(1, ${PROJECTS}) g`,
    `insert into milestones (project_id, key, name, duration_days, sort_order, actual_start, actual_finish, status)
     select p.id, 'n' || k, '节点' || k, 30, k,
            case when k <= 3 then date '2026-01-01' + (k - 1) * 30 end,
            case when k <= 3 then date '2026-01-01' + (k - 1) * 30 + 29 + (p.id % 3)::int end,
            case when k <= 3 then 'done' else 'not_started' end
     from projects p cross join generate_series(1, ${NODES}) k where p.leader_id = $1::int`,
    `insert into milestone_dependencies (project_id, predecessor_id, successor_id, lag_days)
     select a.project_id, a.id, b.id, 0 from milestones a
     join milestones b on b.project_id = a.project_id and b.sort_order = a.sort_order + 1
     join projects p on p.id = a.project_id where p.leader_id = $1::int`,
    `insert into schedule_baselines (project_id, number, target_date, calendar_mode, is_current)
     select id, 1, date '2026-01-01' + ${NODES * 30 - 1}, 'calendar', true from projects where leader_id = $1::int`,
    `insert into baseline_nodes (baseline_id, milestone_id, latest_start, latest_finish)
     select b.id, m.id, date '2026-01-01' + (m.sort_order - 1) * 30, date '2026-01-01' + (m.sort_order - 1) * 30 + 29
     from milestones m join schedule_baselines b on b.project_id = m.project_id and b.is_current
     join projects p on p.id = m.project_id where p.leader_id = $1::int`,
    'analyze',
  ];
  for (const s of sqls) await database.raw(s, s === 'analyze' ? [] : [leaderId]);
  return leaderId;
}

/** Records every statement sent to the driver Drizzle uses (the pg pool). */
function recordStatements(database: Database) {
  const target = database.pool as unknown as { query: (...a: unknown[]) => Promise<unknown> };
  const original = target.query;
  const seen: { text: string; values: unknown[] }[] = [];
  target.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text: string; values?: unknown[] };
    seen.push(
      typeof first === 'string'
        ? { text: first, values: (args[1] as unknown[]) ?? [] }
        : { text: first.text, values: (args[1] as unknown[]) ?? first.values ?? [] },
    );
    return original.apply(this, args);
  };
  return { seen, restore: () => void (target.query = original) };
}

await runBenchmark('gantt', async ({ database }) => {
  const t0 = performance.now();
  await seedDemoIfEmpty(database, clock);
  const leaderId = await generate(database);
  const { rows } = await database.raw(
    `select count(*)::int as n from milestones m join projects p on p.id = m.project_id where p.leader_id = $1`,
    [leaderId],
  );
  const nodeCount = Number(rows[0]!.n);
  console.log(`seeded demo + ${PROJECTS} projects, ${nodeCount} nodes in ${seconds(t0)} s`);

  const app = await buildBenchApp(database, clock);
  const apiUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  const { cookie } = await login(app, 'office');
  const ganttUrl = `${apiUrl}/api/v1/gantt?leaderId=${leaderId}`;

  // One request with the driver recorded: how many statements, and which (for the baseline).
  const rec = recordStatements(database);
  const check = await fetch(ganttUrl, { headers: { cookie } });
  const body = (await check.json()) as { nodeCount: number; projects: unknown[] };
  rec.restore();
  if (check.status !== 200 || body.nodeCount !== nodeCount)
    throw new Error(`unexpected gantt: ${check.status} ${JSON.stringify(body).slice(0, 200)}`);
  const statements = rec.seen;
  if (process.env.BENCH_SHOW_SQL) for (const s of statements) console.log(s.text, JSON.stringify(s.values));
  console.log(`one GET /gantt (${body.nodeCount} nodes, ${body.projects.length} projects): ${statements.length} SQL statements`);
  const bytes = JSON.stringify(body).length;

  const t1 = performance.now();
  for (let i = 0; i < 10; i++) await fetch(ganttUrl, { headers: { cookie } }).then((r) => r.arrayBuffer());
  console.log(
    `warm-up: 10 sequential requests, ${((performance.now() - t1) / 10).toFixed(1)} ms each, ${(bytes / 1024).toFixed(0)} KiB`,
  );

  // Baseline: the same statements through the bare driver, rows straight to JSON.
  const bare = Fastify({ logger: false });
  bare.get('/baseline', async () => {
    const out = [];
    for (const s of statements) out.push((await database.raw(s.text, s.values)).rows);
    return out;
  });
  const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });

  const runs = await compare({ url: ganttUrl, headers: { cookie } }, `${bareUrl}/baseline`, args.connections, args.duration);
  await app.close();
  await bare.close();
  printRuns(runs, { api: 'GET /gantt', baseline: 'baseline (bare driver, same SQL)' });

  const file = writeResult(`gantt-${database.kind}-${nodeCount}`, {
    at: new Date().toISOString(),
    database: database.kind,
    nodes: nodeCount,
    statements: statements.length,
    duration: Math.min(MAX_DURATION, args.duration),
    runs,
  });
  console.log(`written ${file}`);
});
