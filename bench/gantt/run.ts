/**
 * Load run of GET /api/v1/gantt for a portfolio of 3,000 milestone nodes (default 300 projects × 10
 * nodes, chains with a baseline and some actual dates), on a fresh PGlite in a temp dir, or on a scratch
 * PostgreSQL database when DATABASE_URL is set (created here and dropped after). It prints the SQL
 * statements one request sends (counted at the driver), then p50/p95 under load. The baseline, in the
 * same run, is a bare Fastify handler sending exactly those statements through the bare driver and
 * returning the rows as JSON; the ratio is API / baseline.
 *
 *   npx tsx bench/gantt/run.ts [--projects 300] [--nodes 10] [--duration 10] [--connections 4]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import pg from 'pg';
import { buildApp } from '../../server/src/app.js';
import { openDatabase, type Database } from '../../server/src/db/client.js';
import { seedDemoIfEmpty } from '../../server/src/db/seed/index.js';

const { values } = parseArgs({
  options: {
    projects: { type: 'string', default: '300' },
    nodes: { type: 'string', default: '10' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '4' },
  },
});
const PROJECTS = Number(values.projects);
const NODES = Number(values.nodes);
const DURATION = Math.min(20, Number(values.duration)); // each load run is bounded to ≤ 20 s
const CONNECTIONS = Number(values.connections);
const NOW = new Date('2026-07-16T06:00:00Z');
const clock = { now: () => NOW };

interface Stats {
  requests: number;
  errors: number;
  non2xx: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function load(url: string, headers: Record<string, string>, connections: number): Promise<Stats> {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const inst = autocannon({ url, connections, duration: DURATION, headers }, (err, res) => (err ? reject(err) : resolve(res)));
    inst.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      if (status === 200) times.push(ms);
    });
  });
  times.sort((a, b) => a - b);
  return {
    requests: result.requests.total,
    errors: result.errors,
    non2xx: result.non2xx,
    rps: result.requests.average,
    p50: pct(times, 50),
    p95: pct(times, 95),
    p99: pct(times, 99),
  };
}

async function openTarget(): Promise<{ database: Database; cleanup: () => Promise<void>; label: string }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `kpc_bench_gantt_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: u.toString(), poolSize: 10 });
    return {
      database,
      label: `PostgreSQL (${name}, dropped after)`,
      cleanup: async () => {
        await database.close();
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'kpc-bench-gantt-'));
  const database = await openDatabase({ dataDir: dir });
  return {
    database,
    label: `PGlite (${dir}, removed after)`,
    cleanup: async () => {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

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

/** Records every statement sent to the driver Drizzle uses (PGlite instance or pg pool). */
function recordStatements(database: Database) {
  const target = (database.pglite ?? database.pool) as unknown as { query: (...a: unknown[]) => Promise<unknown> };
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

async function main() {
  const target = await openTarget();
  const { database } = target;
  try {
    console.log(`database: ${target.label}`);
    let t0 = performance.now();
    await seedDemoIfEmpty(database, clock);
    const leaderId = await generate(database);
    const { rows } = await database.raw(
      `select count(*)::int as n from milestones m join projects p on p.id = m.project_id where p.leader_id = $1`,
      [leaderId],
    );
    const nodeCount = Number(rows[0]!.n);
    console.log(`seeded demo + ${PROJECTS} projects, ${nodeCount} nodes in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const app = await buildApp({ database, clock, loginRateLimit: 1e6, writeRateLimit: 1e6, webDist: '/nonexistent' });
    const apiUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    const login = await fetch(`${apiUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'office', password: 'Demo@2026' }),
    });
    if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
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
    console.log(
      `one GET /gantt (${body.nodeCount} nodes, ${body.projects.length} projects): ${statements.length} SQL statements`,
    );
    const bytes = JSON.stringify(body).length;

    t0 = performance.now();
    for (let i = 0; i < 10; i++) await fetch(ganttUrl, { headers: { cookie } }).then((r) => r.arrayBuffer());
    console.log(
      `warm-up: 10 sequential requests, ${((performance.now() - t0) / 10).toFixed(1)} ms each, ${(bytes / 1024).toFixed(0)} KiB`,
    );

    // Baseline: the same statements through the bare driver, rows straight to JSON.
    const bare = Fastify({ logger: false });
    bare.get('/baseline', async () => {
      const out = [];
      for (const s of statements) out.push((await database.raw(s.text, s.values)).rows);
      return out;
    });
    const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });

    const row = (name: string, s: Stats) =>
      `${name.padEnd(40)} ${s.p50.toFixed(1).padStart(8)} ${s.p95.toFixed(1).padStart(8)} ${s.p99.toFixed(1).padStart(8)} ${s.rps.toFixed(1).padStart(8)} ${String(s.requests).padStart(8)} ${String(s.errors + s.non2xx).padStart(6)}`;
    const runs: { connections: number; api: Stats; baseline: Stats }[] = [];
    for (const connections of [...new Set([1, CONNECTIONS])]) {
      console.log(`load: ${connections} connection(s), ${DURATION} s per target`);
      const api = await load(ganttUrl, { cookie }, connections);
      const baseline = await load(`${bareUrl}/baseline`, {}, connections);
      runs.push({ connections, api, baseline });
    }
    await app.close();
    await bare.close();

    console.log(
      `\n${'target'.padEnd(40)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'req/s'.padStart(8)} ${'requests'.padStart(8)} ${'errors'.padStart(6)}`,
    );
    for (const r of runs) {
      console.log(row(`GET /gantt, ${r.connections} conn.`, r.api));
      console.log(row(`baseline (bare driver, same SQL), ${r.connections} conn.`, r.baseline));
      console.log(
        `ratio API/baseline at ${r.connections} conn.: throughput ${(r.api.rps / r.baseline.rps).toFixed(2)}, p50 ${(r.api.p50 / r.baseline.p50).toFixed(2)}, p95 ${(r.api.p95 / r.baseline.p95).toFixed(2)}\n`,
      );
    }

    const resultsDir = join(import.meta.dirname, '..', 'results');
    mkdirSync(resultsDir, { recursive: true });
    const file = join(resultsDir, `gantt-${database.kind}-${nodeCount}.json`);
    writeFileSync(
      file,
      JSON.stringify(
        {
          at: new Date().toISOString(),
          database: database.kind,
          nodes: nodeCount,
          statements: statements.length,
          duration: DURATION,
          runs,
        },
        null,
        2,
      ),
    );
    console.log(`written ${file}`);
  } finally {
    await target.cleanup();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
