/**
 * Nightly backup (02:30 Shanghai): the same online backup as `npm run backup`, into BACKUP_DIR
 * (default DATA_DIR/backups); then only the newest `backupRetentionCount` backups are kept.
 */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { shanghaiDate } from '@kpc/domain';
import { createBackup } from '../backup/backup.js';
import { loadSettings } from '../modules/settings/settings.service.js';
import type { Job } from './job.js';

export const nightlyBackup: Job = {
  name: 'nightly-backup',
  pattern: '30 2 * * *',
  period: shanghaiDate,
  async run(ctx, app) {
    const r = await createBackup({
      pool: app.database.pool,
      database: app.database.kind,
      filesDir: app.filesDir,
      outDir: app.backupDir,
      dataDir: app.dataDir,
      now: ctx.now,
    });
    const keep = (await loadSettings(ctx.db)).backupRetentionCount;
    // names sort by time: kpc-backup-YYYYMMDD-HHmmss.jsonl.gz
    const all = (await readdir(app.backupDir)).filter((f) => /^kpc-backup-\d{8}-\d{6}\.jsonl\.gz$/.test(f)).sort();
    const removed = all.slice(0, Math.max(0, all.length - keep));
    for (const f of removed) {
      await rm(join(app.backupDir, f), { force: true });
      await rm(join(app.backupDir, `${f}.manifest.json`), { force: true });
    }
    return {
      file: r.file.split('/').pop(),
      bytes: r.bytes,
      sha256: r.sha256,
      files: r.manifest.files.count,
      removed: removed.length,
    };
  },
};
