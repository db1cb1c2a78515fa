/**
 * `npm run restore -- FILE [--force]`: restores a backup into the database of DATABASE_URL, or into
 * the embedded database of DATA_DIR (the server must be stopped). Refuses a non-empty target unless --force.
 */
import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { openDatabase } from '../db/client.js';
import { RestoreError, restoreBackup } from '../backup/restore.js';
import { openTool, runTool } from './tool.js';

runTool(async () => {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  if (!file || !existsSync(file)) {
    console.error('用法 / usage: npm run restore -- FILE [--force]');
    return 1;
  }
  // the target must not be in use: the embedded DATA_DIR is taken (lock), and migrated to this version
  const t = await openTool((c) => openDatabase({ databaseUrl: c.DATABASE_URL, dataDir: c.DATA_DIR }));
  try {
    const r = await restoreBackup({
      pool: t.database.pool,
      file: resolve(file),
      filesDir: t.filesDir,
      dataDir: t.database.kind === 'embedded' ? t.dataDir : undefined,
      force: args.includes('--force'),
    });
    const rows = Object.values(r.tables).reduce((a, b) => a + b, 0);
    console.log(`恢复完成 / restored: ${Object.keys(r.tables).length} tables, ${rows} rows, ${r.files} files`);
  } finally {
    await t.database.close();
  }
}, [RestoreError]);
