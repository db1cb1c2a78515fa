/**
 * The default database really reaches the disk (issue 8): on the embedded PostgreSQL, fsync and
 * synchronous commit are on, and committing N writes makes the server call fsync/fdatasync on the
 * WAL (PostgreSQL 18 counts them in pg_stat_io, object 'wal', context 'normal').
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/client.js';

let dir: string;
let database: Database;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kpc-durable-'));
  database = await openDatabase({ dataDir: dir });
});
afterAll(async () => {
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function walFsyncs(): Promise<number> {
  const { rows } = await database.raw(`select coalesce(sum(fsyncs), 0)::bigint as n from pg_stat_io where object = 'wal'`);
  return Number(rows[0]!.n);
}

describe('the embedded default database', () => {
  it('is a real PostgreSQL server with fsync and synchronous commit on', async () => {
    expect(database.kind).toBe('embedded');
    const { rows } = await database.raw(
      `select current_setting('fsync') as fsync, current_setting('synchronous_commit') as sc,
              current_setting('server_version_num')::int as v`,
    );
    expect(rows[0]).toMatchObject({ fsync: 'on', sc: 'on' });
    expect(Number(rows[0]!.v)).toBeGreaterThanOrEqual(180000);
  });

  it('syncs the WAL to disk on every commit', async () => {
    await database.raw(`create table durability_probe (id serial primary key, note text)`);
    const before = await walFsyncs();
    const commits = 20;
    for (let i = 0; i < commits; i++) await database.raw(`insert into durability_probe (note) values ($1)`, [`w${i}`]);
    // backends flush their I/O statistics about once a second when idle: wait for them
    let after = before;
    for (let i = 0; i < 50 && after - before < commits; i++) {
      await new Promise((r) => setTimeout(r, 200));
      after = await walFsyncs();
    }
    expect(after - before).toBeGreaterThanOrEqual(commits);
  });
});
