/**
 * Opens the database: an embedded PostgreSQL server in DATA_DIR/pg by default (embedded.ts),
 * the PostgreSQL server of DATABASE_URL when it is set; both through the same `pg` pool, the same
 * Drizzle schema and the same checked-in migrations (ADR 0007).
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import pg from 'pg';
import * as schema from './schema/index.js';
import { acquireDataDirLock, DataDirLockedError } from './data-dir-lock.js';
import { startEmbedded, type EmbeddedCluster } from './embedded.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that can run a query: the database or an open transaction. */
export type Executor = Db | Tx;

export const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Database {
  db: Db;
  kind: 'embedded' | 'postgres';
  /** A connection string for tools (backup, the test harness): the server's, or the embedded cluster's socket. */
  url: string;
  /** Run raw SQL (used for advisory locks, benchmarks, tests). */
  raw: (sql: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;
  close: () => Promise<void>;
  pool: pg.Pool;
}

export interface OpenOptions {
  databaseUrl?: string;
  dataDir?: string;
  migrate?: boolean;
  poolSize?: number;
}

// Money columns are bigint; return them as JS numbers (safe up to 9e15 yuan).
pg.types.setTypeParser(20, (v) => Number(v));
// Calendar dates stay 'YYYY-MM-DD' strings: no time zone shifts.
pg.types.setTypeParser(1082, (v) => v);

async function openPool(url: string, opts: OpenOptions): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10 });
  pool.on('error', () => undefined);
  const database: Database = {
    db: drizzle(pool, { schema }) as unknown as Db,
    kind: 'postgres',
    url,
    pool,
    raw: async (sql, params) => {
      const r = await pool.query(sql, params as unknown[]);
      return { rows: r.rows as Record<string, unknown>[] };
    },
    close: () => pool.end(),
  };
  if (opts.migrate !== false) await migrate(drizzle(pool), { migrationsFolder });
  return database;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPool(opts.databaseUrl, opts);
  // the embedded default: one app per DATA_DIR (lock), the cluster started here and stopped on close
  const dir = resolve(opts.dataDir ?? './data');
  mkdirSync(dir, { recursive: true });
  const lock = acquireDataDirLock(dir);
  let cluster: EmbeddedCluster | undefined;
  try {
    cluster = await startEmbedded(dir);
    const database = await openPool(cluster.url, opts);
    const { stop } = cluster;
    const closePool = database.close;
    database.kind = 'embedded';
    database.close = async () => {
      try {
        await closePool();
        await stop();
      } finally {
        lock.release();
      }
    };
    return database;
  } catch (e) {
    await cluster?.stop().catch(() => undefined);
    lock.release();
    throw e;
  }
}

/**
 * Opens the database for a command-line tool (backup, audit:verify): like `openDatabase`, but when a
 * running server holds the embedded DATA_DIR, connects to that server's cluster through its socket
 * instead of refusing, so the tool works online.
 */
export async function openDatabaseForTool(opts: OpenOptions): Promise<Database> {
  try {
    return await openDatabase(opts);
  } catch (e) {
    if (!(e instanceof DataDirLockedError)) throw e;
    const pgDir = join(resolve(opts.dataDir ?? './data'), 'pg');
    const database = await openPool(`postgresql://postgres@localhost/postgres?host=${encodeURIComponent(pgDir)}`, {
      ...opts,
      migrate: false,
    });
    database.kind = 'embedded';
    return database;
  }
}
