/** What the command-line tools share: config, the database, one-line errors and exit codes. */
import { join, resolve } from 'node:path';
import { loadConfig, type Config } from '../config.js';
import { openDatabaseForTool, type Database } from '../db/client.js';
import { DataDirLockedError } from '../db/data-dir-lock.js';
import { EmbeddedDbError } from '../db/embedded.js';
import { configureAuditKey, resolveAuditKey } from '../lib/audit-chain.js';

export interface Tool {
  config: Config;
  database: Database;
  dataDir: string;
  filesDir: string;
}

/** Opens what a tool needs; `open` chooses how the database is opened (default: online, beside a running server). */
export async function openTool(open: (c: Config) => Promise<Database> = defaultOpen): Promise<Tool> {
  const config = loadConfig();
  const database = await open(config);
  const dataDir = resolve(config.DATA_DIR);
  configureAuditKey(resolveAuditKey({ configured: config.AUDIT_HMAC_KEY, dataDir, embedded: database.kind === 'embedded' }).key);
  return { config, database, dataDir, filesDir: resolve(config.FILES_DIR ?? join(dataDir, 'files')) };
}

const defaultOpen = (c: Config) => openDatabaseForTool({ databaseUrl: c.DATABASE_URL, dataDir: c.DATA_DIR, migrate: false });

/** Runs a tool's main: known failures print one line and exit 1 (2 for a database that will not open). */
export function runTool(main: () => Promise<number | void>, known: (new (...a: never[]) => Error)[] = []): void {
  main()
    .then((code) => process.exit(code ?? 0))
    .catch((e: unknown) => {
      if (e instanceof EmbeddedDbError) {
        console.error(e.message);
        process.exit(2);
      }
      if (e instanceof DataDirLockedError || known.some((k) => e instanceof k)) {
        console.error((e as Error).message);
        process.exit(1);
      }
      console.error(e);
      process.exit(1);
    });
}
