/**
 * Scheduled jobs: one run per (job, period) however many instances tick at once, a failed period
 * tried again; the nightly backup with its retention; the clean-up of orphan and temp files and dead
 * sessions; audit retention archiving old rows while the chain still verifies; the job list for the
 * admin only.
 */
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { auditRetention } from '../src/jobs/audit-retention.js';
import { cleanup } from '../src/jobs/cleanup.js';
import type { Job } from '../src/jobs/job.js';
import { nightlyBackup } from '../src/jobs/nightly-backup.js';
import { runJob } from '../src/jobs/scheduler.js';
import { verifyAuditChain } from '../src/lib/audit-chain.js';
import { createTestApp, countRows, login, type Client, type TestApp } from './helpers.js';
import { FACTORY_PASSWORD, createUser, ensureRegion } from './factories.js';

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'admin');
});
afterAll(async () => t?.close());

describe('job runs', () => {
  it('runs a period once when two instances tick together, and tries a failed period again', async () => {
    let calls = 0;
    let fail = true;
    const job: Job = {
      name: `test-once-${Date.now()}`,
      pattern: '0 0 * * *',
      period: () => '2026-06-01',
      run: async () => {
        calls++;
        await new Promise((r) => setTimeout(r, 50));
        if (fail) throw new Error('boom');
        return { ok: true };
      },
    };
    // a second app instance on the same database
    const other = await buildApp({ database: t.database, clock: t.clock, webDist: '/nonexistent' });
    try {
      const first = await Promise.all([runJob(t.app, job), runJob(other, job)]);
      expect(first.sort()).toEqual(['busy', 'failed']);
      expect(calls).toBe(1);
      fail = false;
      expect(await runJob(other, job)).toBe('succeeded');
      expect(await runJob(t.app, job)).toBe('done_already');
      expect(calls).toBe(2);
      const { rows } = await t.database.raw('select status, attempts from job_runs where job = $1', [job.name]);
      expect(rows).toEqual([{ status: 'succeeded', attempts: 2 }]);
    } finally {
      await other.close();
    }
  });

  it('the nightly backup writes a dated archive and keeps only the newest ones', async () => {
    await t.database.raw(`insert into settings (region_code, key, value) values ('', 'backupRetentionCount', '2')`);
    for (let day = 1; day <= 3; day++) {
      t.clock.set(new Date(`2026-06-0${day}T18:30:00Z`));
      expect(await runJob(t.app, nightlyBackup)).toBe('succeeded');
    }
    const kept = readdirSync(t.app.backupDir).filter((f) => f.endsWith('.jsonl.gz'));
    expect(kept).toEqual(['kpc-backup-20260603-023000.jsonl.gz', 'kpc-backup-20260604-023000.jsonl.gz']);
    expect(await runJob(t.app, nightlyBackup)).toBe('done_already');
  });

  it('clean-up removes orphan and stale temp files and dead sessions, not a file in use', async () => {
    const fresh = join(t.app.filesDir, 'ab', 'ab'.padEnd(32, '0'));
    const orphan = join(t.app.filesDir, 'cd', 'cd'.padEnd(32, '1'));
    const temp = join(t.app.filesDir, 'tmp', 'upload-in-a-crash');
    for (const f of [fresh, orphan, temp]) {
      mkdirSync(join(f, '..'), { recursive: true });
      writeFileSync(f, 'x');
    }
    // file ages against the (test) clock the job runs by
    const now = t.clock.now();
    const old = new Date(now.getTime() - 2 * 3600_000);
    utimesSync(orphan, old, old);
    utimesSync(temp, old, old);
    utimesSync(fresh, now, now);
    // a session that ended two days ago
    await login(t.app, 'office');
    await t.database.raw(
      `update sessions set expires_at = $1 where id = (select id from sessions order by created_at desc limit 1)`,
      [new Date(t.clock.now().getTime() - 2 * 86_400_000)],
    );
    const sessionsBefore = await countRows(t.database, 'sessions');
    expect(await runJob(t.app, cleanup)).toBe('succeeded');
    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(temp)).toBe(false);
    expect(existsSync(fresh)).toBe(true); // too young: an upload may be committing it right now
    expect(await countRows(t.database, 'sessions')).toBe(sessionsBefore - 1);
  });

  it('audit retention archives rows past the retention, keeps the rest, and the chain still verifies', async () => {
    const before = await countRows(t.database, 'audit_log');
    expect(before).toBeGreaterThan(0);
    // 200 days later, everything so far is past the 180 days
    t.clock.set(new Date(Date.now() + 200 * 86_400_000));
    await login(t.app, 'office'); // a fresh row that stays
    expect(await runJob(t.app, auditRetention)).toBe('succeeded');
    const archives = readdirSync(t.app.auditArchiveDir);
    expect(archives.length).toBeGreaterThan(0);
    // the login row and the archiving's own row remain
    expect(await countRows(t.database, 'audit_log')).toBe(2);
    const r = await verifyAuditChain(t.database.db);
    expect(r.firstBreak).toBeNull();
    expect(r.archived).toBe(before);
  });
});

describe('GET /jobs', () => {
  // the clock moved on 200 days above: sign in again
  beforeAll(async () => {
    admin = await login(t.app, 'admin');
  });

  it('lists every job with its runs for the admin', async () => {
    const res = await admin.get('/api/v1/jobs');
    expect(res.statusCode).toBe(200);
    const names = res.json().items.map((j: { name: string }) => j.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'nightly-backup',
        'cleanup',
        'audit-retention',
        'daily-monitoring',
        'daily-digest',
        'weekly-dispatch',
        'monthly-supervision',
      ]),
    );
    const backup = res.json().items[0];
    expect(backup.label).toBe('每日备份');
    expect(backup.runs[0].status).toBe('succeeded');
    expect(backup.runs[0].result.file).toMatch(/^kpc-backup-/);
  });

  it('runs a job now for the admin', async () => {
    const res = await admin.post('/api/v1/jobs/cleanup/run');
    expect(res.statusCode).toBe(200);
    expect(res.json().outcome).toBe('succeeded');
    expect(res.json().run.period).toContain('#manual-');
  });

  it('refuses other roles, and an admin of one district of a larger deployment', async () => {
    const office = await login(t.app, 'office');
    expect((await office.get('/api/v1/jobs')).statusCode).toBe(403);
    expect((await office.post('/api/v1/jobs/cleanup/run')).statusCode).toBe(403);
    await ensureRegion(t.database, '411102');
    const u = await createUser(t.database, { roles: ['admin'], regionCode: '411102' });
    const districtAdmin = await login(t.app, u.username, FACTORY_PASSWORD);
    expect((await districtAdmin.get('/api/v1/jobs')).statusCode).toBe(403);
    // now the demo district's admin no longer covers every account either
    expect((await admin.get('/api/v1/jobs')).statusCode).toBe(403);
  });
});
