/**
 * Opens the database: an embedded PostgreSQL server in DATA_DIR/pg by default (embedded.ts),
 * the PostgreSQL server of DATABASE_URL when it is set; both through the same `pg` pool, the same
 * Drizzle schema and the same checked-in migrations (ADR 0007). An already opened PGlite is still
 * accepted (benchmarks comparing against it); nothing opens one by default any more.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import pg from 'pg';
import * as schema from './schema/index.js';
import { acquireDataDirLock } from './data-dir-lock.js';
import { startEmbedded, type EmbeddedCluster } from './embedded.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that can run a query: the database or an open transaction. */
export type Executor = Db | Tx;

export const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** PGlite starts PostgreSQL with fsync off (-F); we keep fsync on so an acknowledged write survives a crash (ADR 0003). */
export const pgliteStartParams = PGlite.defaultStartParams.filter((p) => p !== '-F');

export interface Database {
  db: Db;
  kind: 'embedded' | 'postgres' | 'pglite';
  /** A connection string for tools (backup, the test harness): the server's, or the embedded cluster's socket. */
  url?: string;
  /** Run raw SQL (used for CHECKPOINT, advisory locks, benchmarks). */
  raw: (sql: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;
  close: () => Promise<void>;
  pglite?: PGlite;
  pool?: pg.Pool;
}

export interface OpenOptions {
  databaseUrl?: string;
  dataDir?: string;
  /** An already opened PGlite (tests clone a migrated template into memory). */
  pglite?: PGlite;
  migrate?: boolean;
  poolSize?: number;
}

// Money columns are bigint; return them as JS numbers (safe up to 9e15 yuan).
pg.types.setTypeParser(20, (v) => Number(v));
// Calendar dates stay 'YYYY-MM-DD' strings: no time zone shifts.
pg.types.setTypeParser(1082, (v) => v);

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (!opts.databaseUrl && !opts.pglite) {
    const dir = resolve(opts.dataDir ?? './data');
    mkdirSync(dir, { recursive: true });
    const lock = acquireDataDirLock(dir);
    let cluster: EmbeddedCluster | undefined;
    try {
      cluster = await startEmbedded(dir);
      const database = await openDatabase({ ...opts, databaseUrl: cluster.url });
      const closePool = database.close;
      const c = cluster;
      database.kind = 'embedded';
      database.close = async () => {
        try {
          await closePool();
          await c.stop();
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
  let database: Database;
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    pool.on('error', () => undefined);
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    database = {
      db,
      kind: 'postgres',
      url: opts.databaseUrl,
      pool,
      raw: async (sql, params) => {
        const r = await pool.query(sql, params as unknown[]);
        return { rows: r.rows as Record<string, unknown>[] };
      },
      close: () => pool.end(),
    };
    if (opts.migrate !== false) await migratePg(drizzlePg(pool), { migrationsFolder });
  } else {
    const pgl = opts.pglite!;
    const db = drizzlePglite(pgl, { schema }) as unknown as Db;
    database = {
      db,
      kind: 'pglite',
      pglite: pgl,
      raw: async (sql, params) => {
        const r = await pgl.query(sql, params as unknown[]);
        return { rows: r.rows as Record<string, unknown>[] };
      },
      close: async () => {
        if (!pgl.closed) {
          await pgl.exec('CHECKPOINT');
          await pgl.close();
        }
      },
    };
    if (opts.migrate !== false) await migratePglite(drizzlePglite(pgl), { migrationsFolder });
  }
  return database;
}
