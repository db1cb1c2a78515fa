/**
 * The portable backup format, the same for the embedded default and any PostgreSQL server (the
 * embedded package has no pg_dump): one gzipped JSON-lines file, `kpc-backup-<YYYYMMDD-HHmmss>.jsonl.gz`.
 *
 *   {"type":"header", format, formatVersion, createdAt, database, migrations}
 *   {"type":"table", name, columns}           then {"type":"rows", table, rows: [row_to_json …]} in chunks
 *   {"type":"file", key, size, sha256}        then {"type":"chunk", key, data: base64} in chunks
 *   {"type":"secret", name, data}             the audit key file of an embedded DATA_DIR, if any
 *   {"type":"manifest", tables: {name: {rows, sha256}}, files: {count, bytes}}
 *
 * Beside it, `<file>.manifest.json` repeats the manifest with the SHA-256 of the archive itself.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrationsFolder } from '../db/client.js';

export const BACKUP_FORMAT = 'kpc-backup';
export const BACKUP_FORMAT_VERSION = 1;

/** Tables a backup leaves out: logins and replay keys are worth nothing on another server. */
export const SKIPPED_TABLES = new Set(['sessions', 'idempotency_keys']);

export interface BackupHeader {
  type: 'header';
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  database: 'embedded' | 'postgres';
  migrations: string[];
}

export interface BackupManifest {
  type: 'manifest';
  tables: Record<string, { rows: number; sha256: string }>;
  files: { count: number; bytes: number };
}

export type BackupLine =
  | BackupHeader
  | { type: 'table'; name: string; columns: string[] }
  | { type: 'rows'; table: string; rows: Record<string, unknown>[] }
  | { type: 'file'; key: string; size: number; sha256: string }
  | { type: 'chunk'; key: string; data: string }
  | { type: 'secret'; name: string; data: string }
  | BackupManifest;

/** The migrations this code applies, in order (the journal drizzle-kit writes). */
export function codeMigrations(): string[] {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  return journal.entries.map((e) => e.tag);
}

/** `kpc-backup-20261202-021500.jsonl.gz` for an instant, in Asia/Shanghai. */
export function backupFileName(at: Date): string {
  const s = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  })
    .format(at)
    .replace(/[-:]/g, '')
    .replace(' ', '-');
  return `kpc-backup-${s}.jsonl.gz`;
}
