/**
 * Backup and restore round trip (SPEC §3 Reliability): records and files made through the API are
 * backed up online, restored into an empty database and files folder elsewhere, and come back the
 * same — every table's row count, the audit rows with their chain, every file byte for byte.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackup, publicTables } from '../src/backup/backup.js';
import { RestoreError, restoreBackup } from '../src/backup/restore.js';
import type { Database } from '../src/db/client.js';
import { storedFilePath } from '../src/modules/attachments/attachments.storage.js';
import { verifyAuditChain } from '../src/lib/audit-chain.js';
import { cloneDatabase, createTestApp, login, type Client, type TestApp } from './helpers.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

function multipart(filename: string, content: Buffer, contentType = 'image/png') {
  const boundary = `----kpc${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

let t: TestApp;
let office: Client;
let target: Database;
const workDir = mkdtempSync(join(tmpdir(), 'kpc-backup-test-'));

async function counts(database: Database): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of await publicTables(database.pool)) {
    const { rows } = await database.raw(`select count(*)::int as n from "${table}"`);
    out[table] = Number(rows[0]!.n);
  }
  return out;
}

const auditRows = async (d: Database) =>
  (await d.raw('select id, action, entity, entity_id, hash, prev_hash from audit_log order by id')).rows;

beforeAll(async () => {
  t = await createTestApp();
  office = await login(t.app, 'office');
  // new records and two files, through the API
  const project = (await office.get('/api/v1/projects?pageSize=1')).json().items[0];
  const unitId = project.leadUnit?.id ?? project.leadUnitId;
  for (const content of ['备份演练一', '备份演练二']) {
    const item = await office.post(`/api/v1/projects/${project.id}/ledger-items`, { unitId, content, deadline: '2026-12-31' });
    expect(item.statusCode).toBe(201);
    const up = await office.request({
      method: 'POST',
      url: `/api/v1/ledger-items/${item.json().id}/attachments`,
      ...multipart(`${content}.png`, Buffer.concat([PNG, Buffer.from(content)])),
    });
    expect(up.statusCode).toBe(201);
  }
  target = await cloneDatabase('empty');
});
afterAll(async () => {
  await target?.close();
  await t?.close();
});

describe('backup and restore', () => {
  it('round-trips every table, the audit chain and every file into an empty database', async () => {
    const before = await counts(t.database);
    expect(before.attachments).toBeGreaterThanOrEqual(2);
    const backup = await createBackup({
      pool: t.database.pool,
      database: t.database.kind,
      filesDir: t.app.filesDir,
      outDir: join(workDir, 'out'),
    });
    expect(backup.file).toMatch(/kpc-backup-\d{8}-\d{6}\.jsonl\.gz$/);
    const side = JSON.parse(readFileSync(backup.manifestFile, 'utf8'));
    expect(side.sha256).toBe(createHash('sha256').update(readFileSync(backup.file)).digest('hex'));
    expect(side.tables.projects.rows).toBe(before.projects);

    const filesDir = join(workDir, 'restored-files');
    const r = await restoreBackup({ pool: target.pool, file: backup.file, filesDir });
    expect(r.files).toBe(before.attachments);

    const after = await counts(target);
    for (const [table, n] of Object.entries(before)) {
      // logins and replay keys are not carried over
      if (table === 'sessions' || table === 'idempotency_keys') expect(after[table]).toBe(0);
      else expect(after[table], table).toBe(n);
    }
    expect(await auditRows(target)).toEqual(await auditRows(t.database));
    expect((await verifyAuditChain(target.db)).ok).toBe(true);

    const files = (await t.database.raw('select storage_key, sha256 from attachments')).rows;
    for (const f of files) {
      const bytes = readFileSync(storedFilePath(filesDir, String(f.storage_key)));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(f.sha256);
    }
    // ids go on after the restored ones
    const next = await target.raw("select nextval(pg_get_serial_sequence('projects', 'id'))::int as id");
    const max = await t.database.raw('select max(id)::int as id from projects');
    expect(Number(next.rows[0]!.id)).toBeGreaterThan(Number(max.rows[0]!.id));
  });

  it('refuses a non-empty target unless forced, and then replaces its contents', async () => {
    const backup = await createBackup({
      pool: t.database.pool,
      database: t.database.kind,
      filesDir: t.app.filesDir,
      outDir: join(workDir, 'again'),
    });
    const before = await counts(target);
    await expect(restoreBackup({ pool: target.pool, file: backup.file, filesDir: join(workDir, 'f2') })).rejects.toThrow(
      RestoreError,
    );
    expect(await counts(target)).toEqual(before);
    await restoreBackup({ pool: target.pool, file: backup.file, filesDir: join(workDir, 'f2'), force: true });
    expect((await counts(target)).projects).toBe((await counts(t.database)).projects);
  });

  it('refuses a damaged archive or a file whose bytes do not match, and writes nothing', async () => {
    const empty = await cloneDatabase('empty');
    try {
      const backup = await createBackup({
        pool: t.database.pool,
        database: t.database.kind,
        filesDir: t.app.filesDir,
        outDir: join(workDir, 'bad'),
      });
      const cut = join(workDir, 'cut.jsonl.gz');
      const raw = readFileSync(backup.file);
      writeFileSync(cut, raw.subarray(0, Math.floor(raw.length / 2)));
      await expect(restoreBackup({ pool: empty.pool, file: cut, filesDir: join(workDir, 'f3') })).rejects.toThrow(RestoreError);

      // one byte of one file changed: the checksum check refuses it and the transaction rolls back
      const lines = gunzipSync(raw).toString('utf8').split('\n');
      const i = lines.findIndex((l) => l.startsWith('{"type":"chunk"'));
      const chunk = JSON.parse(lines[i]!);
      const bytes = Buffer.from(chunk.data, 'base64');
      bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1);
      lines[i] = JSON.stringify({ ...chunk, data: bytes.toString('base64') });
      const tampered = join(workDir, 'tampered.jsonl.gz');
      writeFileSync(tampered, gzipSync(lines.join('\n')));
      await expect(restoreBackup({ pool: empty.pool, file: tampered, filesDir: join(workDir, 'f4') })).rejects.toThrow(
        /checksum/,
      );
      expect(Number((await empty.raw('select count(*)::int as n from projects')).rows[0]!.n)).toBe(0);
    } finally {
      await empty.close();
    }
  });

  it('works as the npm run backup / restore commands', async () => {
    const serverDir = resolve(import.meta.dirname, '..');
    const out = join(workDir, 'cli');
    const env = {
      ...process.env,
      DATABASE_URL: t.database.url,
      DATA_DIR: join(workDir, 'cli-data'),
      FILES_DIR: t.app.filesDir,
      LOG_LEVEL: 'silent',
    };
    const b = spawnSync('npx', ['tsx', 'src/cli/backup.ts', out], { cwd: serverDir, env, encoding: 'utf8' });
    expect(b.stderr).toBe('');
    expect(b.status).toBe(0);
    const file = readdirSync(out).find((f) => f.endsWith('.jsonl.gz'))!;
    const empty = await cloneDatabase('empty');
    try {
      const restore = (extra: string[]) =>
        spawnSync('npx', ['tsx', 'src/cli/restore.ts', join(out, file), ...extra], {
          cwd: serverDir,
          env: { ...env, DATABASE_URL: empty.url, FILES_DIR: join(workDir, 'cli-files') },
          encoding: 'utf8',
        });
      const r = restore([]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain('恢复完成');
      const again = restore([]);
      expect(again.status).toBe(1);
      expect(again.stderr).toContain('--force');
      expect(again.stderr).not.toContain('    at '); // one line, no stack trace
    } finally {
      await empty.close();
    }
  });
});
