/**
 * The server process itself: the data-directory lock, graceful shutdown on SIGTERM, and the
 * production guard against demo passwords. Each test spawns real servers on the embedded database in a temp
 * DATA_DIR (DATABASE_URL is removed from the child's environment, so this runs on every tier).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = resolve(import.meta.dirname, '..', '..');

interface Proc {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<ChildProcess>();
const dirs: string[] = [];

function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kpc-startup-'));
  dirs.push(dir);
  return dir;
}

function startServer(
  env: Record<string, string>,
  command: string[] = [process.execPath, '--import', 'tsx', 'server/src/server.ts'],
): Proc {
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    NODE_ENV: 'test',
    ...env,
  };
  delete childEnv.DATABASE_URL;
  // `node --import tsx` is what `npx tsx` runs, minus the wrapper processes: signals reach the server itself.
  const child = spawn(command[0]!, command.slice(1), {
    cwd: repoRoot,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((ok) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      ok({ code, signal });
    }),
  );
  return { child, output: () => out, exited };
}

/** Waits until the server logs its listening address, then checks /api/v1/health there. */
async function ready(p: Proc, timeoutMs = 45_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (p.child.exitCode !== null) throw new Error(`server exited (${p.child.exitCode}) before it was ready:\n${p.output()}`);
    const m = /"msg":"ready on[^"]*"/.test(p.output()) && /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(p.output());
    if (m) {
      const res = await fetch(`${m[1]}/api/v1/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok', database: 'embedded' });
      return m[1]!;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server not ready within ${timeoutMs} ms:\n${p.output()}`);
}

afterAll(async () => {
  for (const child of running) child.kill('SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('server process', () => {
  const dataDir = tempDataDir();
  let first: Proc;

  it('refuses a second server on the same data directory with a clear message', { timeout: 60_000 }, async () => {
    first = startServer({ DATA_DIR: dataDir, SEED_DEMO: 'false' });
    await ready(first);
    expect(existsSync(join(dataDir, 'kpc.lock'))).toBe(true);

    const second = startServer({ DATA_DIR: dataDir, SEED_DEMO: 'false' });
    const { code } = await second.exited;
    expect(code).not.toBe(0);
    expect(second.output()).toContain('is in use by another process');
    expect(second.output()).toContain(`pid ${first.child.pid}`);
    // the first one is untouched
    expect(first.child.exitCode).toBeNull();
  });

  it('exits 0 on SIGTERM and releases the lock, so a third server starts on the directory', { timeout: 60_000 }, async () => {
    first.child.kill('SIGTERM');
    const { code, signal } = await first.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(first.output()).toContain('shutting down');
    expect(existsSync(join(dataDir, 'kpc.lock'))).toBe(false);

    const third = startServer({ DATA_DIR: dataDir, SEED_DEMO: 'false' });
    await ready(third);
    third.child.kill('SIGTERM');
    expect((await third.exited).code).toBe(0);
  });

  it('refuses to start in production while an account has the demo password', { timeout: 60_000 }, async () => {
    const dir = tempDataDir();
    const p = startServer({ DATA_DIR: dir, NODE_ENV: 'production', SEED_DEMO: 'true', COOKIE_SECURE: 'true' });
    const { code } = await p.exited;
    expect(code).toBe(1);
    expect(p.output()).toContain('Refusing to start in production');
    expect(p.output()).toMatch(/demo password: .*\badmin\b/);
    expect(p.output()).not.toContain('Server listening');
    // it closed the database properly on the way out
    expect(existsSync(join(dir, 'kpc.lock'))).toBe(false);
  });

  it('refuses to start in production without secure cookies', { timeout: 60_000 }, async () => {
    const dir = tempDataDir();
    const p = startServer({ DATA_DIR: dir, NODE_ENV: 'production', SEED_DEMO: 'false' });
    const { code } = await p.exited;
    expect(code).toBe(1);
    expect(p.output()).toContain('set COOKIE_SECURE=true');
    expect(existsSync(join(dir, 'kpc.lock'))).toBe(false);
  });

  it('stops server and database when only the npm wrapper is sent SIGTERM', { timeout: 60_000 }, async () => {
    const dir = tempDataDir();
    const p = startServer({ DATA_DIR: dir, SEED_DEMO: 'false' }, ['npm', 'run', 'start', '-w', 'server']);
    await ready(p);
    expect(existsSync(join(dir, 'kpc.lock'))).toBe(true);
    p.child.kill('SIGTERM'); // npm itself, not its process group
    await p.exited;
    // the server behind npm (exec'd, not under a shell) got the signal and shut down cleanly
    const deadline = Date.now() + 15_000;
    while (existsSync(join(dir, 'kpc.lock')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(existsSync(join(dir, 'kpc.lock'))).toBe(false);
    expect(p.output()).toContain('"signal":"SIGTERM"');
  });
});
