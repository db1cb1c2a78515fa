/**
 * Online backup: one REPEATABLE READ, READ ONLY transaction sees every table at the same instant
 * while the app keeps writing; rows stream through server-side cursors (any size in bounded memory),
 * then the files the snapshot's attachments name. See format.ts for the layout.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type pg from 'pg';
import { fsyncPath } from '../lib/files.js';
import { storedFilePath } from '../modules/attachments/attachments.storage.js';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  backupFileName,
  codeMigrations,
  SKIPPED_TABLES,
  type BackupLine,
  type BackupManifest,
} from './format.js';

/** A backup that cannot be made whole (a file missing or changed): nothing is left behind. */
export class BackupError extends Error {}

export interface BackupOptions {
  pool: pg.Pool;
  database: 'embedded' | 'postgres';
  filesDir: string;
  /** Folder the archive goes into (made if missing). */
  outDir: string;
  /** The embedded DATA_DIR, whose audit.key travels with the backup. */
  dataDir?: string;
  now?: Date;
}

export interface BackupResult {
  file: string;
  manifestFile: string;
  sha256: string;
  bytes: number;
  manifest: BackupManifest;
}

const ROWS_PER_LINE = 500;
const FILE_CHUNK = 256 * 1024;

export async function publicTables(client: pg.PoolClient | pg.Pool): Promise<string[]> {
  const r = await client.query<{ name: string }>(
    `select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  return r.rows.map((x) => x.name);
}

export async function columnsOf(client: pg.PoolClient | pg.Pool, table: string): Promise<string[]> {
  const r = await client.query<{ name: string }>(
    `select column_name as name from information_schema.columns
      where table_schema = 'public' and table_name = $1 order by ordinal_position`,
    [table],
  );
  return r.rows.map((x) => x.name);
}

/** Tables ordered so that every table comes after the tables its foreign keys point to. */
export async function foreignKeyOrder(client: pg.PoolClient | pg.Pool, tables: string[]): Promise<string[]> {
  const r = await client.query<{ child: string; parent: string }>(
    `select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
       from pg_constraint c join pg_namespace n on n.oid = c.connamespace
      where c.contype = 'f' and n.nspname = 'public'`,
  );
  const strip = (s: string) => s.replace(/^public\./, '').replace(/^"|"$/g, '');
  const deps = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const { child, parent } of r.rows) if (strip(child) !== strip(parent)) deps.get(strip(child))?.add(strip(parent));
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (t: string) => {
    if (seen.has(t)) return;
    seen.add(t);
    for (const p of deps.get(t) ?? []) if (deps.has(p)) visit(p);
    out.push(t);
  };
  tables.forEach(visit);
  return out;
}

export const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

export async function createBackup(o: BackupOptions): Promise<BackupResult> {
  const now = o.now ?? new Date();
  await mkdir(o.outDir, { recursive: true });
  const file = join(o.outDir, backupFileName(now));
  const partial = `${file}.partial`;
  const client = await o.pool.connect();
  const manifest: BackupManifest = { type: 'manifest', tables: {}, files: { count: 0, bytes: 0 } };
  const files: { key: string; sha256: string; size: number }[] = [];

  async function* lines(): AsyncGenerator<string> {
    const line = (l: BackupLine) => `${JSON.stringify(l)}\n`;
    await client.query('begin isolation level repeatable read read only');
    try {
      yield line({
        type: 'header',
        format: BACKUP_FORMAT,
        formatVersion: BACKUP_FORMAT_VERSION,
        createdAt: now.toISOString(),
        database: o.database,
        migrations: codeMigrations(),
      });
      for (const table of await foreignKeyOrder(client, await publicTables(client))) {
        if (SKIPPED_TABLES.has(table)) continue;
        yield line({ type: 'table', name: table, columns: await columnsOf(client, table) });
        const hash = createHash('sha256');
        let rows = 0;
        await client.query(
          `declare backup_cursor no scroll cursor for select row_to_json(t)::text as j from ${quoteIdent(table)} t`,
        );
        for (;;) {
          const page = await client.query<{ j: string }>(`fetch ${ROWS_PER_LINE} from backup_cursor`);
          if (page.rows.length === 0) break;
          const parsed = page.rows.map((r) => {
            hash.update(r.j).update('\n');
            return JSON.parse(r.j) as Record<string, unknown>;
          });
          rows += parsed.length;
          if (table === 'attachments')
            for (const a of parsed) files.push({ key: String(a.storage_key), sha256: String(a.sha256), size: Number(a.size) });
          yield line({ type: 'rows', table, rows: parsed });
        }
        await client.query('close backup_cursor');
        manifest.tables[table] = { rows, sha256: hash.digest('hex') };
      }
    } finally {
      await client.query('rollback').catch(() => undefined);
      client.release();
    }
    // stored files never change once kept, so reading them after the snapshot is consistent
    for (const f of files) {
      const path = storedFilePath(o.filesDir, f.key);
      if (!existsSync(path)) throw new BackupError(`附件文件缺失 / attachment file missing: ${path}`);
      yield line({ type: 'file', key: f.key, size: f.size, sha256: f.sha256 });
      const hash = createHash('sha256');
      for await (const chunk of createReadStream(path, { highWaterMark: FILE_CHUNK })) {
        hash.update(chunk as Buffer);
        yield line({ type: 'chunk', key: f.key, data: (chunk as Buffer).toString('base64') });
      }
      if (hash.digest('hex') !== f.sha256)
        throw new BackupError(`附件文件与校验值不符 / attachment file does not match its checksum: ${path}`);
      manifest.files.count++;
      manifest.files.bytes += f.size;
    }
    const keyFile = o.dataDir ? join(o.dataDir, 'audit.key') : undefined;
    if (keyFile && existsSync(keyFile)) yield line({ type: 'secret', name: 'audit.key', data: readFileSync(keyFile, 'utf8') });
    yield line(manifest);
  }

  try {
    await pipeline(Readable.from(lines()), createGzip(), createWriteStream(partial, { mode: 0o600 }));
    await fsyncPath(partial);
    await rename(partial, file);
    await fsyncPath(dirname(file));
  } catch (e) {
    await rm(partial, { force: true });
    throw e;
  }
  const sha256 = await sha256File(file);
  const bytes = (await stat(file)).size;
  const manifestFile = `${file}.manifest.json`;
  await writeFile(manifestFile, JSON.stringify({ file: file.split('/').pop(), sha256, bytes, ...manifest }, null, 2));
  return { file, manifestFile, sha256, bytes, manifest };
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
