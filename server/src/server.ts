/**
 * Entry point: validate config, open the database (migrations run at start), load the demo data
 * into an empty database, start the scheduler (which catches up the jobs' due periods), listen. SIGTERM/SIGINT: stop accepting, finish
 * requests, close the pool, stop the embedded database (fast shutdown, checkpoint), release the lock.
 */
import { join, resolve } from 'node:path';
import { loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { DataDirLockedError } from './db/data-dir-lock.js';
import { EmbeddedDbError } from './db/embedded.js';
import { buildApp } from './app.js';
import { seedDemoIfEmpty, accountsWithDemoPassword } from './db/seed/index.js';
import { backfillDemoColours } from './db/seed/demo-history.js';
import { configureAuditKey, resolveAuditKey } from './lib/audit-chain.js';
import { systemClock } from './lib/clock.js';
import { cleanUp } from './jobs/cleanup.js';
import { startScheduler } from './jobs/scheduler.js';
import { startOutboxSender } from './modules/notifications/outbox-sender.js';

async function main() {
  const config = loadConfig();
  const started = Date.now();
  let database;
  try {
    database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      console.error(e.message);
      process.exit(1);
    }
    // the embedded database could not start (no binaries, damaged or foreign data directory): one line, no stack
    if (e instanceof EmbeddedDbError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const auditKey = resolveAuditKey({
    configured: config.AUDIT_HMAC_KEY,
    dataDir: resolve(config.DATA_DIR),
    embedded: database.kind === 'embedded',
  });
  configureAuditKey(auditKey.key);
  if (config.NODE_ENV === 'production') {
    const refusal =
      auditKey.source === 'development'
        ? '拒绝启动：生产环境使用 DATABASE_URL 时必须设置 AUDIT_HMAC_KEY / Refusing to start in production: set AUDIT_HMAC_KEY (every instance the same) when DATABASE_URL is used'
        : !config.COOKIE_SECURE && config.TRUSTED_PROXIES.length === 0
          ? '拒绝启动：生产环境须设置 COOKIE_SECURE=true（或在 TRUSTED_PROXIES 中配置终止 HTTPS 的代理）/ Refusing to start in production: set COOKIE_SECURE=true (or TRUSTED_PROXIES for the proxy that terminates HTTPS)'
          : undefined;
    if (refusal) {
      console.error(refusal);
      await database.close();
      process.exit(1);
    }
  }
  // a fresh demo: its records, then a colour history back-filled from them (demo-history.ts)
  if (config.SEED_DEMO && (await seedDemoIfEmpty(database, systemClock))) await backfillDemoColours(database.db, systemClock);
  if (config.NODE_ENV === 'production') {
    const demo = await accountsWithDemoPassword(database);
    if (demo.length > 0) {
      console.error(
        `拒绝启动：以下账号仍使用演示密码 / Refusing to start in production: these accounts still have the demo password: ${demo.join(', ')}`,
      );
      await database.close();
      process.exit(1);
    }
  }
  const app = await buildApp({
    database,
    logger: { level: config.LOG_LEVEL },
    cookieSecure: config.COOKIE_SECURE,
    trustedProxies: config.TRUSTED_PROXIES,
    secretsKey: config.SECRETS_KEY,
    webDist: config.WEB_DIST ? resolve(config.WEB_DIST) : undefined,
    filesDir: resolve(config.FILES_DIR ?? join(config.DATA_DIR, 'files')),
    backupDir: resolve(config.BACKUP_DIR ?? join(config.DATA_DIR, 'backups')),
    auditArchiveDir: resolve(join(config.DATA_DIR, 'audit-archive')),
    dataDir: database.kind === 'embedded' ? resolve(config.DATA_DIR) : undefined,
  });
  // what a crash left behind (files no row names, temp files, dead sessions), before the first request
  app.log.info(await cleanUp(app.db, app.filesDir, app.clock.now()), 'start-up clean-up');
  const scheduler = startScheduler(app);
  const outbox = startOutboxSender(app);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      scheduler.stop();
      outbox.stop();
      await app.close();
      await database.close();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.PORT, host: config.HOST });
  app.log.info({ database: database.kind, ms: Date.now() - started }, `ready on http://localhost:${config.PORT}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
