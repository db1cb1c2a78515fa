/** The app under test, built in-process on the benchmark's database, and a logged-in session on it. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp, type App } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/client.js';
import type { Clock } from '../../server/src/lib/clock.js';

/** The demo accounts' password (server/src/db/seed). */
export const DEMO_PASSWORD = 'Demo@2026';

/** Numeric command-line options (`--name value`), each with its default. */
export function numberArgs<K extends string>(defaults: Record<K, number>): Record<K, number> {
  const options = Object.fromEntries(
    Object.entries(defaults).map(([k, v]) => [k, { type: 'string' as const, default: String(v) }]),
  );
  const { values } = parseArgs({ options });
  return Object.fromEntries(Object.keys(defaults).map((k) => [k, Number(values[k])])) as Record<K, number>;
}

/** Rate limits out of the way: the load comes from one address and one user. */
export function buildBenchApp(database: Database, clock?: Clock): Promise<App> {
  return buildApp({ database, clock, loginRateLimit: 1e6, writeRateLimit: 1e6, webDist: '/nonexistent' });
}

export interface Session {
  /** The session cookies as a `cookie` header value. */
  cookie: string;
  /** cookie + CSRF token: enough for writes too. */
  headers: Record<string, string>;
}

export async function login(app: App, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  return { cookie, headers: { cookie, 'x-csrf-token': csrf } };
}

export const seconds = (t0: number) => ((performance.now() - t0) / 1000).toFixed(1);

/** Writes bench/results/<name>.json (git-ignored) and returns its path. */
export function writeResult(name: string, result: unknown): string {
  const dir = join(import.meta.dirname, '..', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(result, null, 2));
  return file;
}
