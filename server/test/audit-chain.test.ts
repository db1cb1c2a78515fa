/**
 * The audit log's HMAC chain: intact after ordinary API writes (also concurrent ones), and broken —
 * at the row touched — by a deleted row, an edited row, rows cut off the end, or an emptied table.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/lib/audit-chain.js';
import { createTestApp, login, type Client, type TestApp } from './helpers.js';

let t: TestApp;
let office: Client;

beforeEach(async () => {
  t = await createTestApp();
  office = await login(t.app, 'office');
  const project = (await office.get('/api/v1/projects?pageSize=1')).json().items[0];
  const unitId = project.leadUnit?.id ?? project.leadUnitId;
  // ten writes at once: the chain head serialises them, none is lost or forked
  const res = await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      office.post(`/api/v1/projects/${project.id}/ledger-items`, { unitId, content: `链 ${i}`, deadline: '2026-12-31' }),
    ),
  );
  expect(res.map((r) => r.statusCode)).toEqual(Array(10).fill(201));
});
afterEach(async () => t?.close());

const ids = async () => (await t.database.raw('select id from audit_log order by id')).rows.map((r) => Number(r.id));

describe('audit chain', () => {
  it('verifies after ordinary and concurrent writes', async () => {
    const r = await verifyAuditChain(t.database.db);
    expect(r.firstBreak).toBeNull();
    expect(r.ok).toBe(true);
    expect(r.checked).toBe((await ids()).length);
  });

  it('names the row after a deleted one', async () => {
    const all = await ids();
    const victim = all[Math.floor(all.length / 2)]!;
    await t.database.raw('delete from audit_log where id = $1', [victim]);
    const r = await verifyAuditChain(t.database.db);
    expect(r.ok).toBe(false);
    expect(r.firstBreak).toMatchObject({ kind: 'deleted_before', id: all[all.indexOf(victim) + 1] });
  });

  it('names an edited row', async () => {
    const all = await ids();
    const victim = all[3]!;
    await t.database.raw(`update audit_log set after = '{"content":"改过"}'::jsonb where id = $1`, [victim]);
    const r = await verifyAuditChain(t.database.db);
    expect(r.firstBreak).toMatchObject({ kind: 'edited', id: victim });
  });

  it('notices rows cut off the end and an emptied table', async () => {
    const all = await ids();
    await t.database.raw('delete from audit_log where id = $1', [all[all.length - 1]]);
    expect((await verifyAuditChain(t.database.db)).firstBreak?.kind).toBe('head_mismatch');
    await t.database.raw('delete from audit_log');
    const r = await verifyAuditChain(t.database.db);
    expect(r.ok).toBe(false);
    expect(r.firstBreak?.kind).toBe('head_mismatch');
  });

  it('npm run audit:verify exits 0 on an intact chain and 3 on a broken one', async () => {
    const run = () =>
      spawnSync('npx', ['tsx', 'src/cli/audit-verify.ts'], {
        cwd: resolve(import.meta.dirname, '..'),
        env: { ...process.env, DATABASE_URL: t.database.url, LOG_LEVEL: 'silent' },
        encoding: 'utf8',
      });
    const ok = run();
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('audit chain intact');
    const all = await ids();
    await t.database.raw('delete from audit_log where id = $1', [all[2]]);
    const broken = run();
    expect(broken.status).toBe(3);
    expect(broken.stderr).toContain(`row ${all[3]}`);
  });

  it('GET /audit/chain shows the audit administrator the same verdict, and nobody else', async () => {
    const auditor = await login(t.app, 'auditor');
    const ok = await auditor.get('/api/v1/audit/chain');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ ok: true, firstBreak: null });
    const all = await ids();
    await t.database.raw('delete from audit_log where id = $1', [all[1]]);
    const broken = (await auditor.get('/api/v1/audit/chain')).json();
    expect(broken).toMatchObject({ ok: false, firstBreak: { kind: 'deleted_before', id: all[2] } });
    for (const who of ['admin', 'security', 'office'])
      expect((await (await login(t.app, who)).get('/api/v1/audit/chain')).statusCode).toBe(403);
  });
});
