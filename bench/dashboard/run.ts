/**
 * Load run of GET /api/v1/dashboard/summary at N projects, against the app built in-process on a
 * fresh PGlite in a temp dir, or on a scratch PostgreSQL database when DATABASE_URL is set
 * (created here and dropped after). The baseline, in the same run, is a bare Fastify handler that
 * runs the summary's main aggregate query through the same driver; the ratio is API / baseline.
 * Two load shapes: 1 connection (latency of one request at a time) and --connections (throughput).
 *
 *   npx tsx bench/dashboard/run.ts --projects 10000 [--duration 8] [--connections 10]
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
import { aggregates } from '../../server/src/modules/dashboard/dashboard.repository.js';
import { BENCH_PASSWORD, BENCH_REGION, BENCH_USER, generate } from './generate.js';

const { values } = parseArgs({
  options: {
    projects: { type: 'string', default: '10000' },
    duration: { type: 'string', default: '8' },
    connections: { type: 'string', default: '10' },
    year: { type: 'string', default: '2026' },
  },
});
const N = Number(values.projects);
const DURATION = Math.min(20, Number(values.duration)); // each load run is bounded to ≤ 20 s
const CONNECTIONS = Number(values.connections);
const YEAR = Number(values.year);
const AS_OF = `${YEAR}-12-31`; // all 12 months count: the heaviest case

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
    const name = `kpc_bench_${randomBytes(4).toString('hex')}`;
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
  const dir = mkdtempSync(join(tmpdir(), 'kpc-bench-'));
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

async function main() {
  const target = await openTarget();
  const { database } = target;
  try {
    console.log(`database: ${target.label}`);
    let t0 = performance.now();
    const counts = await generate(database, { projects: N, year: YEAR });
    console.log(
      `generated ${counts.projects} projects, ${counts.reports} approved reports in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    const app = await buildApp({ database, loginRateLimit: 1e6, writeRateLimit: 1e6, webDist: '/nonexistent' });
    const apiUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    const login = await fetch(`${apiUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: BENCH_USER, password: BENCH_PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const summaryUrl = `${apiUrl}/api/v1/dashboard/summary?year=${YEAR}&asOf=${AS_OF}`;
    const check = await fetch(summaryUrl, { headers: { cookie } });
    const body = (await check.json()) as { keyProjects: number; investment: { completedInvestment: number } };
    if (check.status !== 200 || body.keyProjects !== N)
      throw new Error(`unexpected summary: ${check.status} ${JSON.stringify(body).slice(0, 200)}`);
    t0 = performance.now();
    for (let i = 0; i < 20; i++) await fetch(summaryUrl, { headers: { cookie } }).then((r) => r.arrayBuffer());
    console.log(`warm-up: 20 sequential requests, ${((performance.now() - t0) / 20).toFixed(1)} ms each`);

    const bare = Fastify({ logger: false });
    bare.get('/baseline', async () => aggregates(database.db, BENCH_REGION, YEAR, 12));
    const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });

    const row = (name: string, s: Stats) =>
      `${name.padEnd(44)} ${s.p50.toFixed(1).padStart(8)} ${s.p95.toFixed(1).padStart(8)} ${s.p99.toFixed(1).padStart(8)} ${s.rps.toFixed(1).padStart(9)} ${String(s.requests).padStart(8)} ${String(s.errors + s.non2xx).padStart(6)}`;
    const runs: { connections: number; api: Stats; baseline: Stats }[] = [];
    for (const connections of [...new Set([1, CONNECTIONS])]) {
      console.log(`load: ${connections} connection(s), ${DURATION} s per target`);
      const apiStats = await load(summaryUrl, { cookie }, connections);
      const baseStats = await load(`${bareUrl}/baseline`, {}, connections);
      runs.push({ connections, api: apiStats, baseline: baseStats });
    }
    await app.close();
    await bare.close();

    console.log(
      `\n${'target'.padEnd(44)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'req/s'.padStart(9)} ${'requests'.padStart(8)} ${'errors'.padStart(6)}`,
    );
    for (const r of runs) {
      console.log(row(`summary endpoint, ${r.connections} conn.`, r.api));
      console.log(row(`baseline (bare Fastify + main SQL), ${r.connections} conn.`, r.baseline));
      console.log(
        `ratio API/baseline at ${r.connections} conn.: throughput ${(r.api.rps / r.baseline.rps).toFixed(2)}, p95 ${(r.api.p95 / r.baseline.p95).toFixed(2)}\n`,
      );
    }

    const resultsDir = join(import.meta.dirname, '..', 'results');
    mkdirSync(resultsDir, { recursive: true });
    const file = join(resultsDir, `dashboard-${database.kind}-${N}.json`);
    writeFileSync(
      file,
      JSON.stringify({ at: new Date().toISOString(), database: database.kind, projects: N, duration: DURATION, runs }, null, 2),
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
