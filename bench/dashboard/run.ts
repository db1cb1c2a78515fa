/**
 * Load run of GET /api/v1/dashboard/summary at N projects, against the app built in-process on a
 * fresh PGlite in a temp dir, or on a scratch PostgreSQL database when DATABASE_URL is set
 * (created here and dropped after). The baseline, in the same run, is a bare Fastify handler that
 * runs the summary's main aggregate query through the same driver; the ratio is API / baseline.
 * Two load shapes: 1 connection (latency of one request at a time) and --connections (throughput).
 * Then the colour recompute (issue 11): GET /api/v1/supervision/colours over the same N projects
 * against a bare Fastify handler calling the same recompute (`coloursOf`: its set-based statements and
 * the rules in memory), so the ratio is the API's own overhead on a full recomputation.
 *
 *   npx tsx bench/dashboard/run.ts --projects 10000 [--duration 8] [--connections 10]
 */
import Fastify from 'fastify';
import { aggregates } from '../../server/src/modules/dashboard/dashboard.repository.js';
import { projectsInRegion } from '../../server/src/lib/project-scope.js';
import { coloursOf, countColours } from '../../server/src/modules/supervision/supervision.service.js';
import { buildBenchApp, login, numberArgs, seconds, writeResult } from '../lib/app.js';
import { MAX_DURATION, compare, printRuns } from '../lib/load.js';
import { runBenchmark } from '../lib/target.js';
import { BENCH_PASSWORD, BENCH_REGION, BENCH_USER, generate } from './generate.js';

const args = numberArgs({ projects: 10000, duration: 8, connections: 10, year: 2026 });
const N = args.projects;
const YEAR = args.year;
const AS_OF = `${YEAR}-12-31`; // all 12 months count: the heaviest case

await runBenchmark('dashboard', async ({ database }) => {
  let t0 = performance.now();
  const counts = await generate(database, { projects: N, year: YEAR });
  console.log(`generated ${counts.projects} projects, ${counts.reports} approved reports in ${seconds(t0)} s`);

  const app = await buildBenchApp(database);
  const apiUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  const { cookie } = await login(app, BENCH_USER, BENCH_PASSWORD);
  const summaryUrl = `${apiUrl}/api/v1/dashboard/summary?year=${YEAR}&asOf=${AS_OF}`;
  const check = await fetch(summaryUrl, { headers: { cookie } });
  const body = (await check.json()) as { keyProjects: number; investment: { completedInvestment: number } };
  if (check.status !== 200 || body.keyProjects !== N)
    throw new Error(`unexpected summary: ${check.status} ${JSON.stringify(body).slice(0, 200)}`);
  t0 = performance.now();
  for (let i = 0; i < 20; i++) await fetch(summaryUrl, { headers: { cookie } }).then((r) => r.arrayBuffer());
  console.log(`warm-up: 20 sequential requests, ${((performance.now() - t0) / 20).toFixed(1)} ms each`);

  const bare = Fastify({ logger: false });
  // the office's scope: every project of the region, the same SQL the API runs for the office
  bare.get('/baseline', async () => aggregates(database.db, BENCH_REGION, projectsInRegion(BENCH_REGION), YEAR, 12));
  // the same recompute the colour map runs, without HTTP auth, validation and serialization of the items
  bare.get('/colours', async () =>
    countColours(await coloursOf(database.db, projectsInRegion(BENCH_REGION), AS_OF, BENCH_REGION)),
  );
  const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });

  const runs = await compare({ url: summaryUrl, headers: { cookie } }, `${bareUrl}/baseline`, args.connections, args.duration);
  printRuns(runs, { api: 'summary endpoint', baseline: 'baseline (bare Fastify + main SQL)' });

  // the colour recompute: every project of the region rated from its records
  const coloursUrl = `${apiUrl}/api/v1/supervision/colours?asOf=${AS_OF}`;
  const colours = await fetch(coloursUrl, { headers: { cookie } });
  const map = (await colours.json()) as { items: unknown[]; counts: Record<string, number> };
  if (colours.status !== 200 || map.items.length !== N) throw new Error(`unexpected colour map: ${colours.status}`);
  console.log(`colour map: ${JSON.stringify(map.counts)}`);
  const recompute = await compare({ url: coloursUrl, headers: { cookie } }, `${bareUrl}/colours`, 1, args.duration);
  printRuns(recompute, { api: 'colour map endpoint', baseline: 'baseline (bare Fastify + coloursOf)' });
  await app.close();
  await bare.close();

  const file = writeResult(`dashboard-${database.kind}-${N}`, {
    at: new Date().toISOString(),
    database: database.kind,
    projects: N,
    duration: Math.min(MAX_DURATION, args.duration),
    runs,
    recompute,
  });
  console.log(`written ${file}`);
});
