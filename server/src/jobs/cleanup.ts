/**
 * Daily clean-up (03:15 Shanghai), also run once at start: stored files no attachment row names
 * (left by a crash between writing the file and committing its row) and upload temp files, both
 * only when older than an hour so that an upload in flight is never touched; sessions expired or
 * ended more than a day ago; Idempotency-Key responses older than 24 h.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { shanghaiDate } from '@kpc/domain';
import type { Db } from '../db/client.js';
import type { Job } from './job.js';
import { purgeIdempotencyKeys, purgeSessions, storedFileKeys } from './maintenance.repository.js';

const GRACE_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface CleanupResult {
  orphanFiles: number;
  tempFiles: number;
  sessions: number;
  idempotencyKeys: number;
}

async function entries(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

const olderThan = async (path: string, before: number) => (await stat(path)).mtimeMs < before;

export async function cleanUp(db: Db, filesDir: string, now: Date): Promise<CleanupResult> {
  const before = now.getTime() - GRACE_MS;
  let tempFiles = 0;
  for (const f of await entries(join(filesDir, 'tmp'))) {
    const p = join(filesDir, 'tmp', f);
    if (await olderThan(p, before)) {
      await rm(p, { force: true, recursive: true });
      tempFiles++;
    }
  }
  let orphanFiles = 0;
  const keys = await storedFileKeys(db);
  for (const d of await entries(filesDir)) {
    if (!/^[0-9a-f]{2}$/.test(d)) continue;
    for (const f of await entries(join(filesDir, d))) {
      const p = join(filesDir, d, f);
      if (!keys.has(f) && (await olderThan(p, before))) {
        await rm(p, { force: true });
        orphanFiles++;
      }
    }
  }
  const dayAgo = new Date(now.getTime() - DAY_MS);
  return {
    orphanFiles,
    tempFiles,
    sessions: await purgeSessions(db, dayAgo),
    idempotencyKeys: await purgeIdempotencyKeys(db, dayAgo),
  };
}

export const cleanup: Job = {
  name: 'cleanup',
  pattern: '15 3 * * *',
  period: shanghaiDate,
  run: async (ctx, app) => ({ ...(await cleanUp(ctx.db, app.filesDir, ctx.now)) }),
};
