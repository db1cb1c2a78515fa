/**
 * Crash script (issue 8, SPEC §3 Reliability): SIGKILL the real server under a mixed write load, restart it on the
 * same data, and check that every write it acknowledged is still there, whole.
 *
 *   npx tsx bench/crash/run.ts [--kills 20] [--database embedded|postgres] [--loops 3] [--keep]
 *
 * The server is `node --import tsx server/src/server.ts` in its own process group (detached), SEED_DEMO=true, on a
 * fresh temp DATA_DIR: the embedded PostgreSQL by default, or with `--database postgres` a scratch database
 * `kpc_crash_…` of DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), created here and dropped after.
 *
 * Each round: log in as the demo `office` user (one session per loop: the write rate limit is per session),
 * run `--loops` ledger loops (create an item on a random demo project, update it or an older item with its
 * version) and one project loop (create a project, a draft investment report on it, revise the report), remember
 * every write answered 2xx, and after a random 1–3 s kill the whole process group (the node process and the
 * embedded postgres it started) with SIGKILL. Restart on the same DATA_DIR, time until /api/v1/health answers, then
 * check with `pg` (after the server is up: the server owns the cluster):
 *  - every acknowledged create is present with its content; every acknowledged update is present: the row's
 *    version ≥ the acknowledged one, and at that version its content is the acknowledged one (a later update that
 *    was sent but not answered may have committed: its content must then be the one that was sent);
 *  - nothing half-written: no ledger item, report or project unit whose project is missing; every row the script
 *    made has exactly `version` audit rows (its create and each update, written in the same transaction);
 *    audit rows ≥ acknowledged writes; every table reads to the end;
 *  - `server/src/cli/audit-verify.ts` (online, beside the server) exits 0.
 * Prints a table per round and a summary; exit code 1 when anything was lost or broken.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os, { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { DEMO_PASSWORD } from '../lib/app.js';

const repoRoot = resolve(import.meta.dirname, '..', '..');

const { values: args } = parseArgs({
  options: {
    kills: { type: 'string', default: '20' },
    database: { type: 'string', default: 'embedded' },
    loops: { type: 'string', default: '3' },
    keep: { type: 'boolean', default: false },
  },
});
const KILLS = Number(args.kills);
const LEDGER_LOOPS = Number(args.loops);
const MODE = args.database;
if (MODE !== 'embedded' && MODE !== 'postgres') throw new Error('--database is embedded or postgres');
if (!Number.isInteger(KILLS) || KILLS < 1) throw new Error('--kills must be a positive integer');

// ---------------------------------------------------------------------------------------------------------------
// What the script wrote: every record it made, the content it sent for each version, what the server acknowledged

type Entity = 'ledger_item' | 'project' | 'investment_report';

interface Tracked {
  entity: Entity;
  id: number;
  /** Content sent for each version the record would have (acknowledged or not). */
  sent: Map<number, Set<string>>;
  /** The highest version the server acknowledged, and its content. */
  ackedVersion: number;
  ackedContent: string;
  /** Acknowledged writes (create + updates) on this record. */
  ackedWrites: number;
  /** The highest version a check after a restart found (it may be an unanswered update that committed). */
  seenVersion: number;
  /** What the script believes the current version is (for the next PATCH). */
  version: number;
  projectId?: number;
}

const tracked = new Map<string, Tracked>();
const key = (entity: Entity, id: number) => `${entity}:${id}`;
/** Records created by a request the kill cut off before its answer, found after a restart. */
const unanswered = new Set<string>();

interface RoundStats {
  ackCreates: number;
  ackUpdates: number;
  rejected: Record<string, number>;
}

// ---------------------------------------------------------------------------------------------------------------
// The server process

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => ok(port));
    });
  });
}

interface Server {
  child: ChildProcess;
  output: () => string;
  exited: Promise<void>;
}

function serverEnv(dataDir: string, databaseUrl: string | undefined, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    NODE_ENV: 'development',
    SEED_DEMO: 'true',
    LOG_LEVEL: 'warn',
    WEB_DIST: '/nonexistent',
  };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
  return env;
}

function startServer(env: NodeJS.ProcessEnv): Server {
  // node itself (no npx/npm wrapper) as the leader of its own process group: killing -pid kills it and the
  // embedded postgres it spawned, as a power cut of the application would
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/server.ts'], {
    cwd: repoRoot,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  return { child, output: () => out, exited };
}

async function waitForHealth(baseUrl: string, server: Server, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`server exited (${server.child.exitCode}):\n${server.output()}`);
    try {
      const res = await fetch(`${baseUrl}/api/v1/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(25);
  }
  throw new Error(`no /api/v1/health within ${timeoutMs} ms:\n${server.output()}`);
}

function killGroup(server: Server): void {
  try {
    process.kill(-server.child.pid!, 'SIGKILL');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
  }
}

/** After the group kill: the leader has exited and no process of the group is left (postgres children included). */
async function groupGone(server: Server): Promise<void> {
  await server.exited;
  for (let i = 0; i < 400; i++) {
    try {
      process.kill(-server.child.pid!, 0);
    } catch {
      return;
    }
    await sleep(10);
  }
  throw new Error(`process group ${server.child.pid} still alive 4 s after SIGKILL`);
}

async function stopGracefully(server: Server): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const force = setTimeout(() => killGroup(server), 20_000);
  server.child.kill('SIGTERM');
  await server.exited;
  clearTimeout(force);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------------------------
// The write load

interface Session {
  headers: Record<string, string>;
}

async function login(baseUrl: string): Promise<Session> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'office', password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .join('; ');
  if (!cookie.includes('kpc_session=')) throw new Error('login set no kpc_session cookie');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' } };
}

interface Answer {
  status: number;
  body: Record<string, unknown> | null;
}

/** One write; a network error (the server died mid-request) is status 0: not acknowledged. */
async function write(baseUrl: string, s: Session, method: string, path: string, body: unknown): Promise<Answer> {
  try {
    const res = await fetch(`${baseUrl}/api/v1${path}`, { method, headers: s.headers, body: JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
  } catch {
    return { status: 0, body: null };
  }
}

function reject(stats: RoundStats, what: string, a: Answer): void {
  const k = `${what} ${a.status === 0 ? 'network' : a.status}`;
  stats.rejected[k] = (stats.rejected[k] ?? 0) + 1;
}

interface LoadContext {
  baseUrl: string;
  round: number;
  projectIds: number[];
  unitIds: number[];
  stop: () => boolean;
  stats: RoundStats;
}

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;

function ackCreate(stats: RoundStats, entity: Entity, a: Answer, content: string, projectId?: number): Tracked | undefined {
  const id = Number(a.body!.id);
  const version = Number(a.body!.version);
  const t: Tracked = {
    entity,
    id,
    sent: new Map([[version, new Set([content])]]),
    ackedVersion: version,
    ackedContent: content,
    ackedWrites: 1,
    seenVersion: version,
    version,
    projectId,
  };
  tracked.set(key(entity, id), t);
  stats.ackCreates++;
  return t;
}

/** PATCH with the version the script believes; a 409 carries the current record: adopt its version. */
async function update(
  ctx: LoadContext,
  s: Session,
  t: Tracked,
  path: string,
  field: 'content' | 'amount',
  content: string,
): Promise<void> {
  const sentVersion = t.version;
  const sent = t.sent.get(sentVersion + 1) ?? new Set<string>();
  t.sent.set(sentVersion + 1, sent.add(content));
  const value = field === 'amount' ? Number(content) : content;
  const a = await write(ctx.baseUrl, s, 'PATCH', path, { version: sentVersion, [field]: value });
  if (a.status === 200) {
    const v = Number(a.body!.version);
    if (v !== sentVersion + 1) throw new Error(`PATCH ${path} answered version ${v}, expected ${sentVersion + 1}`);
    if (String(a.body![field]) !== content) throw new Error(`PATCH ${path} answered ${field} ${String(a.body![field])}`);
    t.version = v;
    if (v > t.ackedVersion) {
      t.ackedVersion = v;
      t.ackedContent = content;
    }
    t.ackedWrites++;
    ctx.stats.ackUpdates++;
    return;
  }
  reject(ctx.stats, field === 'amount' ? 'PATCH report' : 'PATCH item', a);
  const current = (a.body as { current?: { version?: number } } | null)?.current;
  if (a.status === 409 && current?.version) t.version = current.version;
}

async function ledgerLoop(ctx: LoadContext, loop: number): Promise<void> {
  const s = await login(ctx.baseUrl);
  const mine: Tracked[] = [...tracked.values()].filter((t) => t.entity === 'ledger_item');
  for (let i = 0; !ctx.stop(); i++) {
    if (mine.length > 0 && Math.random() < 0.5) {
      const t = pick(mine);
      await update(ctx, s, t, `/ledger-items/${t.id}`, 'content', `crash-r${ctx.round}-L${loop}-${i} update of ${t.id}`);
      continue;
    }
    const projectId = pick(ctx.projectIds);
    const content = `crash-r${ctx.round}-L${loop}-${i} 新增事项`;
    const a = await write(ctx.baseUrl, s, 'POST', `/projects/${projectId}/ledger-items`, {
      unitId: pick(ctx.unitIds),
      content,
      deadline: '2027-06-30',
    });
    if (a.status !== 201) {
      reject(ctx.stats, 'POST item', a);
      continue;
    }
    if (a.body!.content !== content) throw new Error(`create answered content ${String(a.body!.content)}`);
    const t = ackCreate(ctx.stats, 'ledger_item', a, content, projectId);
    if (t) mine.push(t);
  }
}

async function projectLoop(ctx: LoadContext): Promise<void> {
  const s = await login(ctx.baseUrl);
  for (let i = 0; !ctx.stop(); i++) {
    const code = `CR-${ctx.round}-${i}-${randomBytes(2).toString('hex')}`;
    const name = `crash-r${ctx.round}-P-${i} 项目`;
    const p = await write(ctx.baseUrl, s, 'POST', '/projects', {
      code,
      name,
      level: 'district',
      category: pick(['industry', 'services', 'social']),
      regionCode: '411104003',
      totalInvestment: 1_000_000 + i,
      leadUnitId: pick(ctx.unitIds),
    });
    if (p.status !== 201) {
      reject(ctx.stats, 'POST project', p);
      continue;
    }
    if (p.body!.name !== name) throw new Error(`project create answered name ${String(p.body!.name)}`);
    const projectId = Number(p.body!.id);
    ackCreate(ctx.stats, 'project', p, name);
    if (ctx.stop()) break;
    const amount = String(10_000 + ctx.round * 100 + i);
    const r = await write(ctx.baseUrl, s, 'POST', '/investment-reports', {
      projectId,
      year: 2026,
      month: 1 + (i % 11),
      amount: Number(amount),
      progressNote: `crash-r${ctx.round}-P-${i}`,
    });
    if (r.status !== 201) {
      reject(ctx.stats, 'POST report', r);
      continue;
    }
    const t = ackCreate(ctx.stats, 'investment_report', r, amount, projectId);
    if (ctx.stop() || !t) break;
    await update(ctx, s, t, `/investment-reports/${t.id}`, 'amount', String(Number(amount) + 1));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Verification

const tables: Record<Entity, { table: string; content: string }> = {
  ledger_item: { table: 'ledger_items', content: 'content' },
  project: { table: 'projects', content: 'name' },
  investment_report: { table: 'investment_reports', content: 'amount::text' },
};

interface Verdict {
  ackedRecords: number;
  /** Writes sent but never answered (the kill came first) that committed: creates found, updates beyond the acknowledged version. */
  committedUnanswered: number;
  ackedWrites: number;
  present: number;
  lost: string[];
  broken: string[];
  auditVerify: string;
}

async function verify(url: string, env: NodeJS.ProcessEnv): Promise<Verdict> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  const lost: string[] = [];
  const broken: string[] = [];
  let present = 0;
  let ackedWrites = 0;
  let committedUnanswered = 0;
  try {
    for (const entity of Object.keys(tables) as Entity[]) {
      const { table, content } = tables[entity];
      const mine = [...tracked.values()].filter((t) => t.entity === entity);
      const rows = await client.query<{ id: number; version: number; content: string; audits: number }>(
        `select t.id::int as id, t.version, ${content.replace(/^/, 't.')} as content,
                (select count(*)::int from audit_log a where a.entity = $2 and a.entity_id = t.id::text) as audits
           from ${table} t where t.id = any($1::bigint[])`,
        [mine.map((t) => t.id), entity],
      );
      const byId = new Map(rows.rows.map((r) => [r.id, r]));
      for (const t of mine) {
        ackedWrites += t.ackedWrites;
        const row = byId.get(t.id);
        if (!row) {
          lost.push(`${entity} ${t.id} missing`);
          continue;
        }
        if (row.version < t.ackedVersion) {
          lost.push(`${entity} ${t.id}: version ${row.version} < acknowledged ${t.ackedVersion}`);
          continue;
        }
        if (row.version < t.seenVersion) {
          lost.push(`${entity} ${t.id}: version ${row.version} < ${t.seenVersion} found after an earlier restart`);
          continue;
        }
        const expected = row.version === t.ackedVersion ? new Set([t.ackedContent]) : (t.sent.get(row.version) ?? new Set());
        if (!expected.has(row.content)) {
          (row.version === t.ackedVersion ? lost : broken).push(
            `${entity} ${t.id} v${row.version}: content ${JSON.stringify(row.content)}, expected ${JSON.stringify([...expected])}`,
          );
          continue;
        }
        if (row.audits !== row.version)
          broken.push(`${entity} ${t.id} v${row.version} has ${row.audits} audit rows (create + each update expected)`);
        present++;
        if (row.version > Math.max(t.ackedVersion, t.seenVersion)) committedUnanswered++;
        t.seenVersion = Math.max(t.seenVersion, row.version);
        // the next round continues from what is there
        t.version = row.version;
      }
      // records the script made but never heard back about: whole too (a create and its audit row, or neither)
      const pattern = entity === 'investment_report' ? 'progress_note' : content;
      const unheard = await client.query<{ id: number; version: number; audits: number }>(
        `select t.id::int as id, t.version,
                (select count(*)::int from audit_log a where a.entity = $2 and a.entity_id = t.id::text) as audits
           from ${table} t where t.${pattern} like 'crash-%' and not (t.id = any($1::bigint[]))`,
        [mine.map((t) => t.id), entity],
      );
      for (const r of unheard.rows) {
        if (!unanswered.has(key(entity, r.id))) committedUnanswered++;
        unanswered.add(key(entity, r.id));
      }
      for (const r of unheard.rows)
        if (r.audits !== r.version) broken.push(`unacknowledged ${entity} ${r.id} v${r.version} has ${r.audits} audit rows`);
    }
    const orphans = await client.query<{ what: string; n: number }>(`
      select 'ledger items without project' as what, count(*)::int as n from ledger_items l left join projects p on p.id = l.project_id where p.id is null
      union all select 'reports without project', count(*)::int from investment_reports r left join projects p on p.id = r.project_id where p.id is null
      union all select 'project units without project', count(*)::int from project_units u left join projects p on p.id = u.project_id where p.id is null
      union all select 'ledger items with duplicate seq', count(*)::int from (select project_id, seq from ledger_items group by 1, 2 having count(*) > 1) d`);
    for (const o of orphans.rows) if (o.n > 0) broken.push(`${o.n} ${o.what}`);
    const audits = await client.query<{ n: number }>(
      `select count(*)::int as n from audit_log where entity in ('ledger_item', 'project', 'investment_report') and action <> 'login'`,
    );
    if (audits.rows[0]!.n < ackedWrites) broken.push(`audit rows ${audits.rows[0]!.n} < acknowledged writes ${ackedWrites}`);
    // every table reads to the end (a torn page would fail here)
    const names = await client.query<{ t: string }>(`select tablename as t from pg_tables where schemaname = 'public'`);
    for (const { t } of names.rows) await client.query(`select count(*) from "${t}"`);
  } finally {
    await client.end();
  }
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli/audit-verify.ts'], {
    cwd: repoRoot,
    env,
    encoding: 'utf8',
  });
  const auditVerify = r.status === 0 ? 'ok' : `exit ${r.status}`;
  if (r.status !== 0) broken.push(`audit-verify exit ${r.status}: ${(r.stderr + r.stdout).trim().slice(-400)}`);
  return { ackedRecords: tracked.size, committedUnanswered, ackedWrites, present, lost, broken, auditVerify };
}

// ---------------------------------------------------------------------------------------------------------------

async function adminQuery(url: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

async function main(): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kpc-crash-'));
  const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  let databaseUrl: string | undefined;
  let dbName: string | undefined;
  if (MODE === 'postgres') {
    dbName = `kpc_crash_${randomBytes(4).toString('hex')}`;
    await adminQuery(adminUrl, `CREATE DATABASE ${dbName}`);
    const u = new URL(adminUrl);
    u.pathname = `/${dbName}`;
    databaseUrl = u.toString();
  }
  const checkUrl = databaseUrl ?? `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(join(dataDir, 'pg'))}`;
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = serverEnv(dataDir, databaseUrl, port);
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).stdout.trim();
  console.log(
    `${new Date().toISOString()}, commit ${commit}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
  );
  console.log(
    `crash: ${KILLS} × SIGKILL, ${LEDGER_LOOPS} ledger loops + 1 project/report loop, database ${
      MODE === 'postgres' ? `PostgreSQL ${dbName} (dropped after)` : `embedded in ${dataDir}`
    }`,
  );

  let server = startServer(env);
  const t0 = performance.now();
  await waitForHealth(baseUrl, server);
  console.log(`first start (initdb/migrations/demo data): ${Math.round(performance.now() - t0)} ms`);

  const client = new pg.Client({ connectionString: checkUrl });
  await client.connect();
  const projectIds = (await client.query<{ id: number }>(`select id::int as id from projects order by id`)).rows.map((r) => r.id);
  const unitIds = (await client.query<{ id: number }>(`select id::int as id from units where active order by id`)).rows.map(
    (r) => r.id,
  );
  await client.end();

  const restarts: number[] = [];
  const lostEver = new Set<string>();
  let committedUnanswered = 0;
  const brokenEver = new Set<string>();
  let failed = false;
  const header = `| round | load ms | acked creates | acked updates | not acked (status × n) | acked records | present | lost | unanswered but committed | broken | audit-verify | restart ms |`;
  console.log(header);
  console.log(header.replace(/[^|]/g, '-'));
  try {
    for (let round = 1; round <= KILLS; round++) {
      const stats: RoundStats = { ackCreates: 0, ackUpdates: 0, rejected: {} };
      let stopped = false;
      const ctx: LoadContext = { baseUrl, round, projectIds, unitIds, stop: () => stopped, stats };
      const loadMs = 1000 + Math.floor(Math.random() * 2000);
      const loops = [...Array.from({ length: LEDGER_LOOPS }, (_, i) => ledgerLoop(ctx, i + 1)), projectLoop(ctx)].map((p) =>
        p.catch((e: unknown) => {
          // a loop may die only from the kill (login refused by a dead server); anything else is a finding
          if (!stopped) throw e;
        }),
      );
      await sleep(loadMs);
      killGroup(server);
      stopped = true;
      await Promise.all(loops);
      await groupGone(server);

      const t1 = performance.now();
      server = startServer(env);
      await waitForHealth(baseUrl, server);
      const restartMs = Math.round(performance.now() - t1);
      restarts.push(restartMs);

      const v = await verify(checkUrl, env);
      const lost = v.lost.length;
      for (const l of v.lost) lostEver.add(l.split(':')[0]!.replace(' missing', ''));
      for (const b of v.broken) brokenEver.add(b);
      committedUnanswered += v.committedUnanswered;
      const rejected =
        Object.entries(stats.rejected)
          .map(([k, n]) => `${k}×${n}`)
          .join(' ') || '–';
      console.log(
        `| ${round} | ${loadMs} | ${stats.ackCreates} | ${stats.ackUpdates} | ${rejected} | ${v.ackedRecords} | ${v.present} | ${lost} | ${v.committedUnanswered} | ${v.broken.length} | ${v.auditVerify} | ${restartMs} |`,
      );
      for (const l of [...v.lost, ...v.broken].slice(0, 10)) console.log(`    ${l}`);
    }
  } catch (e) {
    failed = true;
    console.error(e);
    console.error(`--- server output ---\n${server.output()}`);
  } finally {
    await stopGracefully(server);
    if (dbName) await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    if (args.keep) console.log(`data kept in ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
  const writes = [...tracked.values()].reduce((n, t) => n + t.ackedWrites, 0);
  if (restarts.length > 0)
    console.log(
      `\nsummary: ${restarts.length} kills, ${tracked.size} acknowledged records (${writes} acknowledged writes), ` +
        `lost ${lostEver.size}, half-written/broken ${brokenEver.size}, unanswered but committed ${committedUnanswered}; restart to /health p50 ${percentile(restarts, 50)} ms, ` +
        `p95 ${percentile(restarts, 95)} ms, max ${Math.max(...restarts)} ms`,
    );
  return failed || lostEver.size > 0 || brokenEver.size > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
