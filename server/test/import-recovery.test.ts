/**
 * An import left running by a dead process: on the embedded default (one server per data directory)
 * the restart fails it at once; with a shared PostgreSQL only once its heartbeat is older than the
 * window, since another instance may still be running it.
 */
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { cloneDatabase, TestClock } from './helpers.js';

describe('import recovery at start', () => {
  for (const [kind, expected] of [
    ['embedded', 'failed'],
    ['postgres', 'validating'],
  ] as const) {
    it(`${kind}: a 10-second-old running import reads ${expected} after the restart`, async () => {
      const database = await cloneDatabase('demo');
      const clock = new TestClock();
      try {
        const at = new Date(clock.now().getTime() - 10_000);
        const { rows } = await database.raw(
          `insert into imports (kind, status, filename, region_code, created_at, updated_at)
           values ('ledger_items', 'validating', '台账.xlsx', '411104', $1, $1) returning id`,
          [at],
        );
        // a restarted server on this database (the kind decides whether it is the only one)
        const app = await buildApp({ database: { ...database, kind }, clock, webDist: '/nonexistent' });
        await app.ready();
        await app.close();
        const after = await database.raw('select status from imports where id = $1', [rows[0]!.id]);
        expect(after.rows[0]!.status).toBe(expected);
      } finally {
        await database.close();
      }
    });
  }
});
