/**
 * Restores a backup into an empty database (migrated to this code's schema) and files folder, in
 * one transaction: tables in foreign-key order, sequences moved past the restored ids, files checked
 * against their SHA-256 before the commit. A non-empty target is refused unless `force`, which
 * empties it first.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type pg from 'pg';
import { storedFilePath } from '../modules/attachments/attachments.storage.js';
import { columnsOf, publicTables, quoteIdent } from './backup.js';
import { BACKUP_FORMAT, codeMigrations, SKIPPED_TABLES, type BackupLine, type BackupManifest } from './format.js';

export class RestoreError extends Error {}

export interface RestoreOptions {
  pool: pg.Pool;
  file: string;
  filesDir: string;
  /** The embedded target's DATA_DIR: the backup's audit key is written there. */
  dataDir?: string;
  force?: boolean;
}

export interface RestoreResult {
  tables: Record<string, number>;
  files: number;
}

/** Rows a freshly migrated database holds by itself (the audit chain's head). */
async function isEmpty(client: pg.PoolClient, tables: string[]): Promise<boolean> {
  for (const t of tables) {
    if (t === 'audit_chain') continue;
    const r = await client.query(`select 1 from ${quoteIdent(t)} limit 1`);
    if (r.rows.length > 0) return false;
  }
  return true;
}

export async function restoreBackup(o: RestoreOptions): Promise<RestoreResult> {
  // pass 1: read the header and manifest, and check the file whole before anything is written
  let header: Extract<BackupLine, { type: 'header' }> | undefined;
  let manifest: BackupManifest | undefined;
  for await (const l of readLines(o.file)) {
    if (l.type === 'header') header = l;
    if (l.type === 'manifest') manifest = l;
  }
  if (!header || header.format !== BACKUP_FORMAT) throw new RestoreError(`不是本系统的备份文件 / not a backup file: ${o.file}`);
  if (!manifest) throw new RestoreError(`备份文件不完整（缺少清单）/ the backup is incomplete (no manifest): ${o.file}`);
  const known = codeMigrations();
  const unknown = header.migrations.filter((m) => !known.includes(m));
  if (unknown.length > 0)
    throw new RestoreError(
      `备份来自更新的版本（迁移 ${unknown.join(', ')}），请用该版本恢复 / the backup comes from a newer version (migrations ${unknown.join(', ')}): restore it with that version`,
    );

  const client = await o.pool.connect();
  const written: string[] = [];
  const counts: Record<string, number> = {};
  let files = 0;
  try {
    await client.query('begin');
    const tables = (await publicTables(client)).filter((t) => !SKIPPED_TABLES.has(t));
    if (!(await isEmpty(client, tables))) {
      if (!o.force)
        throw new RestoreError(
          '目标数据库不是空的；确认要覆盖请加 --force / the target database is not empty: add --force to replace its contents',
        );
    }
    await client.query(`truncate ${[...tables, ...SKIPPED_TABLES].map(quoteIdent).join(', ')} restart identity cascade`);
    const targetColumns = new Map<string, string[]>();
    for (const t of tables) targetColumns.set(t, await columnsOf(client, t));

    // pass 2, streaming: the backup lists tables in foreign-key order, so rows go in as they come
    let table: { name: string; cols: string[]; n: number } | undefined;
    const endTable = () => {
      if (!table) return;
      const expected = manifest!.tables[table.name]?.rows ?? table.n;
      if (table.n !== expected)
        throw new RestoreError(
          `表 ${table.name} 行数不符 / table ${table.name}: ${table.n} rows restored, manifest says ${expected}`,
        );
      counts[table.name] = table.n;
      table = undefined;
    };
    let current:
      | { key: string; fh: Awaited<ReturnType<typeof open>>; hash: ReturnType<typeof createHash>; tmp: string; sha256: string }
      | undefined;
    const finishFile = async () => {
      if (!current) return;
      await current.fh.sync();
      await current.fh.close();
      if (current.hash.digest('hex') !== current.sha256)
        throw new RestoreError(`文件校验失败 / file checksum mismatch: ${current.key}`);
      const path = storedFilePath(o.filesDir, current.key);
      await mkdir(dirname(path), { recursive: true });
      await rename(current.tmp, path);
      written.push(path);
      files++;
      current = undefined;
    };
    await mkdir(join(o.filesDir, 'tmp'), { recursive: true });
    for await (const l of readLines(o.file)) {
      if (l.type === 'table') {
        endTable();
        const have = targetColumns.get(l.name);
        if (!have)
          throw new RestoreError(`备份中的表 ${l.name} 在本版本中不存在 / table ${l.name} does not exist in this version`);
        // columns the backup has and this schema has; newer columns take their defaults
        table = { name: l.name, cols: l.columns.filter((c) => have.includes(c)).map(quoteIdent), n: 0 };
      } else if (l.type === 'rows' && table) {
        await client.query(
          `insert into ${quoteIdent(table.name)} (${table.cols.join(', ')}) select ${table.cols.join(', ')} from json_populate_recordset(null::${quoteIdent(table.name)}, $1::json)`,
          [JSON.stringify(l.rows)],
        );
        table.n += l.rows.length;
      } else if (l.type === 'file') {
        endTable();
        await finishFile();
        const tmp = join(o.filesDir, 'tmp', `restore-${l.key}`);
        current = { key: l.key, fh: await open(tmp, 'w', 0o600), hash: createHash('sha256'), tmp, sha256: l.sha256 };
      } else if (l.type === 'chunk' && current) {
        const buf = Buffer.from(l.data, 'base64');
        current.hash.update(buf);
        await current.fh.write(buf);
      } else if (l.type === 'secret' && l.name === 'audit.key' && o.dataDir) {
        await writeFile(join(o.dataDir, 'audit.key'), l.data, { mode: 0o600 });
      }
    }
    endTable();
    await finishFile();
    // sequences past the restored ids
    const seqs = await client.query<{ tbl: string; col: string; seq: string }>(
      `select c.table_name as tbl, c.column_name as col, pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) as seq
         from information_schema.columns c
        where c.table_schema = 'public' and c.column_default like 'nextval(%'`,
    );
    for (const s of seqs.rows)
      if (s.seq)
        await client.query(
          `select setval($1, coalesce((select max(${quoteIdent(s.col)}) from ${quoteIdent(s.tbl)}), 0) + 1, false)`,
          [s.seq],
        );
    await client.query('commit');
  } catch (e) {
    await client.query('rollback').catch(() => undefined);
    await Promise.all(written.map((p) => rm(p, { force: true })));
    throw e;
  } finally {
    client.release();
  }
  return { tables: counts, files };
}

async function* readLines(file: string): AsyncGenerator<BackupLine> {
  const rl = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  try {
    for await (const line of rl) if (line) yield JSON.parse(line) as BackupLine;
  } catch (e) {
    if (
      e instanceof SyntaxError ||
      (e as NodeJS.ErrnoException).code === 'Z_DATA_ERROR' ||
      (e as NodeJS.ErrnoException).code === 'Z_BUF_ERROR'
    )
      throw new RestoreError(`备份文件已损坏 / the backup file is damaged: ${file}`);
    throw e;
  }
}
