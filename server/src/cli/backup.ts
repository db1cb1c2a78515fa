/**
 * `npm run backup [-- DIR]`: an online backup of the database and uploaded files into
 * DIR (default BACKUP_DIR, else DATA_DIR/backups), e.g. kpc-backup-20261202-021500.jsonl.gz + .manifest.json.
 */
import { resolve } from 'node:path';
import { BackupError, createBackup } from '../backup/backup.js';
import { openTool, runTool } from './tool.js';

runTool(async () => {
  const t = await openTool();
  try {
    const outDir = resolve(process.argv[2] ?? t.config.BACKUP_DIR ?? `${t.dataDir}/backups`);
    const r = await createBackup({
      pool: t.database.pool,
      database: t.database.kind,
      filesDir: t.filesDir,
      outDir,
      dataDir: t.database.kind === 'embedded' ? t.dataDir : undefined,
    });
    const rows = Object.values(r.manifest.tables).reduce((a, b) => a + b.rows, 0);
    console.log(`备份完成 / backup written: ${r.file}`);
    console.log(
      `  ${Object.keys(r.manifest.tables).length} tables, ${rows} rows, ${r.manifest.files.count} files, ${r.bytes} bytes, sha256 ${r.sha256}`,
    );
  } finally {
    await t.database.close();
  }
}, [BackupError]);
