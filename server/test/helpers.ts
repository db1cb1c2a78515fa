/**
 * Test helpers: build the app on a private copy of a migrated database (a PostgreSQL database
 * copied from global-setup's template, embedded or DATABASE_URL), log in, send requests with the CSRF token.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type App } from '../src/app.js';
import { openDatabase, type Database } from '../src/db/client.js';
import type { Clock } from '../src/lib/clock.js';
import { TEST_NOW, templateDbName, withDatabase } from './db-names.js';

export { TEST_NOW };
export const DEMO_PASSWORD = 'Demo@2026';

/** A clock tests can move. */
export class TestClock implements Clock {
  constructor(private t: Date = TEST_NOW) {}
  now() {
    return new Date(this.t);
  }
  set(d: Date) {
    this.t = new Date(d);
  }
  advanceMinutes(m: number) {
    this.t = new Date(this.t.getTime() + m * 60_000);
  }
}

export async function cloneDatabase(kind: 'empty' | 'demo'): Promise<Database> {
  // global-setup sets DATABASE_URL (the embedded cluster's socket when none was given)
  const url = process.env.DATABASE_URL!;
  const name = `kpc_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${templateDbName(kind)}`);
  await admin.end();
  const database = await openDatabase({ databaseUrl: withDatabase(url, name), migrate: false, poolSize: 5 });
  const close = database.close;
  database.close = async () => {
    await close();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  };
  return database;
}

export interface TestApp {
  app: App;
  database: Database;
  clock: TestClock;
  close: () => Promise<void>;
}

export async function createTestApp(
  opts: {
    data?: 'empty' | 'demo';
    loginRateLimit?: number;
    writeRateLimit?: number;
    webDist?: string;
    trustedProxies?: string[];
  } = {},
): Promise<TestApp> {
  const database = await cloneDatabase(opts.data ?? 'demo');
  const clock = new TestClock();
  const app = await buildApp({
    database,
    clock,
    loginRateLimit: opts.loginRateLimit ?? 10_000,
    writeRateLimit: opts.writeRateLimit ?? 100_000,
    webDist: opts.webDist ?? '/nonexistent',
    trustedProxies: opts.trustedProxies,
  });
  await app.ready();
  return {
    app,
    database,
    clock,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** A logged-in client: keeps the cookie and sends the CSRF token on writes. */
export interface Client {
  cookie: string;
  csrfToken: string;
  user: { id: number; username: string; roles: string[]; unitId: number | null; regionCode: string };
  request: (opts: InjectOptions) => Promise<LightMyRequestResponse>;
  get: (url: string) => Promise<LightMyRequestResponse>;
  post: (url: string, payload?: unknown) => Promise<LightMyRequestResponse>;
  patch: (url: string, payload?: unknown) => Promise<LightMyRequestResponse>;
  put: (url: string, payload?: unknown) => Promise<LightMyRequestResponse>;
  delete: (url: string) => Promise<LightMyRequestResponse>;
}

export async function login(app: App, username: string, password = DEMO_PASSWORD): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'kpc_session');
  const body = res.json() as { csrfToken: string; user: Client['user'] };
  const cookieHeader = `kpc_session=${cookie!.value}`;
  const request = (o: InjectOptions) =>
    app.inject({ ...o, headers: { cookie: cookieHeader, 'x-csrf-token': body.csrfToken, ...(o.headers ?? {}) } });
  return {
    cookie: cookieHeader,
    csrfToken: body.csrfToken,
    user: body.user,
    request,
    get: (url) => request({ method: 'GET', url }),
    post: (url, payload) => request({ method: 'POST', url, payload: payload as InjectOptions['payload'] }),
    patch: (url, payload) => request({ method: 'PATCH', url, payload: payload as InjectOptions['payload'] }),
    put: (url, payload) => request({ method: 'PUT', url, payload: payload as InjectOptions['payload'] }),
    delete: (url) => request({ method: 'DELETE', url }),
  };
}

/** Counts rows of a table (to prove a refused write changed nothing). */
export async function countRows(database: Database, table: string): Promise<number> {
  const { rows } = await database.raw(`select count(*)::int as n from ${table}`);
  return Number(rows[0]!.n);
}
