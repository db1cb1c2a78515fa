/**
 * Audit retention (03:45 Shanghai): rows older than `auditRetentionDays` (at least 180) leave the
 * live table for a gzipped JSON-lines archive in DATA_DIR/audit-archive — written and fsynced first,
 * with the rows' hashes, so the archive verifies on its own — never silently deleted. The archiving
 * itself is audited.
 */
import { open, mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { shanghaiDate } from '@kpc/domain';
import { writeAudit } from '../lib/audit.js';
import { fsyncPath } from '../lib/files.js';
import { loadSettings } from '../modules/settings/settings.service.js';
import type { Job } from './job.js';
import { dropArchivedAuditRows, oldestAuditRows } from './maintenance.repository.js';

const BATCH = 10_000;

export const auditRetention: Job = {
  name: 'audit-retention',
  pattern: '45 3 * * *',
  period: shanghaiDate,
  async run(ctx, app) {
    const days = (await loadSettings(ctx.db)).auditRetentionDays;
    const before = new Date(ctx.now.getTime() - days * 86_400_000);
    await mkdir(app.auditArchiveDir, { recursive: true });
    let archived = 0;
    const files: string[] = [];
    for (;;) {
      const moved = await ctx.db.transaction(async (tx) => {
        const rows = await oldestAuditRows(tx, before, BATCH);
        if (rows.length === 0) return 0;
        const first = rows[0]!.id;
        const last = rows[rows.length - 1]!;
        const name = `audit-${String(first).padStart(12, '0')}-${String(last.id).padStart(12, '0')}.jsonl.gz`;
        const path = join(app.auditArchiveDir, name);
        const fh = await open(`${path}.partial`, 'w', 0o600);
        try {
          await fh.writeFile(gzipSync(rows.map((r) => JSON.stringify(r)).join('\n') + '\n'));
          await fh.sync();
        } finally {
          await fh.close();
        }
        await rename(`${path}.partial`, path);
        await fsyncPath(app.auditArchiveDir);
        await dropArchivedAuditRows(tx, last.id, String(last.hash), rows.length);
        await writeAudit(
          tx,
          ctx.audit,
          {
            action: 'archive',
            entity: 'audit_log',
            entityId: `${first}-${last.id}`,
            after: { rows: rows.length, file: name, before: before.toISOString() },
          },
          ctx.now,
        );
        files.push(name);
        return rows.length;
      });
      archived += moved;
      if (moved < BATCH) break;
    }
    return { archived, files, olderThan: before.toISOString() };
  },
};
