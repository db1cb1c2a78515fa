/**
 * Opens the database: embedded PGlite in DATA_DIR by default, PostgreSQL through `pg` when
 * DATABASE_URL is set. Both run the same Drizzle schema and the same checked-in migrations.
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
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';

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
  kind: 'pglite' | 'postgres';
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
  let database: Database;
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    pool.on('error', () => undefined);
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    database = {
      db,
      kind: 'postgres',
      pool,
      raw: async (sql, params) => {
        const r = await pool.query(sql, params as unknown[]);
        return { rows: r.rows as Record<string, unknown>[] };
      },
      close: () => pool.end(),
    };
    if (opts.migrate !== false) await migratePg(drizzlePg(pool), { migrationsFolder });
  } else {
    let lock: DataDirLock | undefined;
    let pglite = opts.pglite;
    if (!pglite) {
      const dir = resolve(opts.dataDir ?? './data');
      mkdirSync(dir, { recursive: true });
      lock = acquireDataDirLock(dir);
      try {
        pglite = await PGlite.create({ dataDir: join(dir, 'pgdata'), startParams: pgliteStartParams });
      } catch (e) {
        lock.release();
        throw e;
      }
    }
    const pgl = pglite;
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
        try {
          if (!pgl.closed) {
            await pgl.exec('CHECKPOINT');
            await pgl.close();
          }
        } finally {
          lock?.release();
        }
      },
    };
    if (opts.migrate !== false) await migratePglite(drizzlePglite(pgl), { migrationsFolder });
  }
  return database;
}
