/**
 * The database a benchmark runs against: a fresh embedded PostgreSQL in a temp dir (the default), or — when DATABASE_URL is set —
 * a scratch PostgreSQL database created here, so a run never touches the database it was pointed at.
 * `cleanup` closes it and removes the dir / drops the database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../server/src/db/client.js';

export interface Target {
  database: Database;
  /** Which database, for the log: kind, name and what happens to it after. */
  label: string;
  cleanup: () => Promise<void>;
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** `name` tells the scratch databases and temp dirs of the benchmarks apart (kpc_bench_<name>_…). */
export async function openTarget(name: string): Promise<Target> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const dbName = `kpc_bench_${name}_${randomBytes(4).toString('hex')}`;
    await adminQuery(url, `CREATE DATABASE ${dbName}`);
    const u = new URL(url);
    u.pathname = `/${dbName}`;
    const database = await openDatabase({ databaseUrl: u.toString(), poolSize: 10 });
    return {
      database,
      label: `PostgreSQL (${dbName}, dropped after)`,
      cleanup: async () => {
        await database.close();
        await adminQuery(url, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), `kpc-bench-${name}-`));
  const database = await openDatabase({ dataDir: dir });
  return {
    database,
    label: `embedded PostgreSQL (${dir}, removed after)`,
    cleanup: async () => {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Opens the target, runs the benchmark, always cleans up; a failure sets the exit code. */
export async function runBenchmark(name: string, body: (target: Target) => Promise<void>): Promise<void> {
  try {
    const target = await openTarget(name);
    try {
      console.log(`database: ${target.label}`);
      await body(target);
    } finally {
      await target.cleanup();
    }
  } catch (e) {
    console.error(e);
    process.exitCode = 1;
  }
}
