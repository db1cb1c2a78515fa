/**
 * Load run of GET /api/v1/projects (the project list with filters and paging) at N generated
 * projects (bench/dashboard/generate.ts), on a fresh embedded PostgreSQL in a temp dir, or on a scratch PostgreSQL
 * database when DATABASE_URL is set (created here and dropped after). The load is a mix of list
 * queries (filters, name search, unit, sort, deep pages) that each connection cycles through.
 * The baseline, in the same run, is a bare Fastify handler that replays exactly the SQL statements
 * the endpoint sends for each of those queries (recorded at the driver, with the same concurrency:
 * statements the endpoint runs in parallel are replayed in parallel) through the bare driver,
 * returning the raw rows as JSON; the ratio is API / baseline (SPEC §3: ≥ 50 % of its throughput).
 *
 *   npx tsx bench/projects/run.ts [--projects 10000] [--duration 8] [--connections 10] [--deep-page 50]
 *
 * BENCH_SHOW_SQL=1 prints the recorded statements; BENCH_EXPLAIN=1 prints EXPLAIN ANALYZE of each
 * query's list and count statements before the load.
 */
import Fastify from 'fastify';
import type { Database } from '../../server/src/db/client.js';
import { divisionChildren } from '../../server/src/db/seed/regions.js';
import { BENCH_PASSWORD, BENCH_REGION, BENCH_USER, generate } from '../dashboard/generate.js';
import { buildBenchApp, login, numberArgs, seconds, writeResult } from '../lib/app.js';
import { MAX_DURATION, compare, printRuns } from '../lib/load.js';
import { runBenchmark } from '../lib/target.js';

const args = numberArgs({ projects: 10000, duration: 8, connections: 10, year: 2026, 'deep-page': 50 });
const N = args.projects;

interface Statement {
  text: string;
  values: unknown[];
}

/**
 * Records every statement sent to the driver Drizzle uses (the pg pool), grouped by
 * concurrency: a statement sent while another is still running joins that one's group.
 */
function recordStatements(database: Database) {
  const target = database.pool as unknown as { query: (...a: unknown[]) => Promise<unknown> };
  const original = target.query;
  const groups: Statement[][] = [];
  let inFlight = 0;
  target.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text: string; values?: unknown[] };
    const s =
      typeof first === 'string'
        ? { text: first, values: (args[1] as unknown[]) ?? [] }
        : { text: first.text, values: (args[1] as unknown[]) ?? first.values ?? [] };
    if (inFlight === 0 || groups.length === 0) groups.push([s]);
    else groups[groups.length - 1]!.push(s);
    inFlight++;
    return original.apply(this, args).finally(() => inFlight--);
  };
  return {
    take: () => groups.splice(0),
    restore: () => void (target.query = original),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function timeSequential(url: string, headers: Record<string, string>, n: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
    times.push(performance.now() - t0);
  }
  return median(times);
}

await runBenchmark('projects', async ({ database }) => {
  const t0 = performance.now();
  const counts = await generate(database, { projects: N, year: args.year });
  console.log(`generated ${counts.projects} projects in ${seconds(t0)} s`);

  const [ids] = (await database.raw(`select (select min(id) from units)::int as u, (select min(id) from leaders)::int as l`))
    .rows as { u: number; l: number }[];
  const township = divisionChildren(BENCH_REGION)[2]!.code;
  const frag = String(Math.floor(N / 80)); // '基准项目125…' at 10,000: a handful of matches
  // A realistic mix of what the project library screen asks for.
  const queries = [
    'page=1&pageSize=20',
    'level=municipal&stage=building&page=3&pageSize=20',
    `q=${encodeURIComponent(`项目${frag}`)}`,
    `unitId=${ids!.u + 5}`,
    'sort=totalInvestment&order=desc&page=1&pageSize=20',
    `leaderId=${ids!.l + 3}&sort=updatedAt&order=desc`,
    `regionCode=${township}&stage=started&page=2&pageSize=50`,
    `q=${encodeURIComponent('B-00012')}&sort=name`, // a code fragment: B-00012xx
    'level=district&sort=contractDate&order=desc&page=5&pageSize=20',
    `page=${args['deep-page']}&pageSize=20`, // paging on through the whole portfolio: an offset of ~1,000 rows
  ].map((q) => `/api/v1/projects?${q}`);

  const app = await buildBenchApp(database);
  const apiUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  const { cookie } = await login(app, BENCH_USER, BENCH_PASSWORD);
  const headers = { cookie };

  // One request per query with the driver recorded: the statements the baseline replays.
  const rec = recordStatements(database);
  const recorded: Statement[][][] = [];
  const shapes: string[] = [];
  try {
    for (const path of queries) {
      const res = await fetch(apiUrl + path, { headers });
      const body = (await res.json()) as { items: unknown[]; total: number };
      if (res.status !== 200 || !Array.isArray(body.items))
        throw new Error(`unexpected list: ${path} ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
      recorded.push(rec.take());
      shapes.push(`${body.items.length}/${body.total}`);
    }
  } finally {
    rec.restore();
  }
  if (process.env.BENCH_SHOW_SQL)
    for (const groups of recorded)
      for (const g of groups) for (const s of g) console.log(`[${g.length}]`, s.text, JSON.stringify(s.values));
  if (process.env.BENCH_EXPLAIN)
    for (const [i, groups] of recorded.entries())
      for (const s of groups.flat().filter((x) => x.text.includes('from "projects"'))) {
        const plan = await database.raw(`explain (analyze, costs off) ${s.text}`, s.values);
        console.log(`\n--- ${queries[i]} ${s.text.startsWith('select count') ? '(count)' : '(page)'}`);
        for (const r of plan.rows) console.log(Object.values(r)[0]);
      }
  const perRequest = recorded.map((g) => `${g.flat().length} (${g.map((x) => x.length).join('+')})`);

  // Baseline: query i's statements through the bare driver, in the same order and concurrency.
  const bare = Fastify({ logger: false });
  bare.get<{ Params: { i: string } }>('/baseline/:i', async (req) => {
    const out = [];
    for (const group of recorded[Number(req.params.i)]!)
      out.push(...(await Promise.all(group.map((s) => database.raw(s.text, s.values).then((r) => r.rows)))));
    return out;
  });
  const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });
  const barePaths = queries.map((_, i) => `/baseline/${i}`);

  // Warm-up and per-query medians (sequential, 1 at a time): which query costs what.
  console.log(
    `\n${'query'.padEnd(66)} ${'items/total'.padStart(12)} ${'SQL'.padStart(10)} ${'API ms'.padStart(7)} ${'bare ms'.padStart(7)}`,
  );
  const perQuery = [];
  for (const [i, path] of queries.entries()) {
    const api = await timeSequential(apiUrl + path, headers, 10);
    const base = await timeSequential(bareUrl + barePaths[i]!, {}, 10);
    perQuery.push({ path, shape: shapes[i], statements: perRequest[i], apiMedianMs: api, baselineMedianMs: base });
    console.log(
      `${decodeURIComponent(path.slice('/api/v1/projects'.length)).padEnd(66)} ${shapes[i]!.padStart(12)} ${perRequest[i]!.padStart(10)} ${api.toFixed(1).padStart(7)} ${base.toFixed(1).padStart(7)}`,
    );
  }
  console.log('');

  const runs = await compare(
    { url: apiUrl, headers, paths: queries },
    { url: bareUrl, paths: barePaths },
    args.connections,
    args.duration,
  );
  await app.close();
  await bare.close();
  printRuns(runs, { api: `GET /projects (mix of ${queries.length})`, baseline: 'baseline (bare driver, same SQL)' });

  const file = writeResult(`projects-${database.kind}-${N}`, {
    at: new Date().toISOString(),
    database: database.kind,
    projects: N,
    duration: Math.min(MAX_DURATION, args.duration),
    perQuery,
    runs,
  });
  console.log(`written ${file}`);
});
