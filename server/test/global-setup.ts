/**
 * Builds the migrated test databases once per run: template databases ('empty', and 'demo' with the
 * demo data) that each test file copies with CREATE DATABASE … TEMPLATE (helpers.ts). The server is
 * the one of DATABASE_URL when it is set; otherwise one embedded PostgreSQL cluster (the product's
 * default database) in a temporary directory for the whole run, whose socket URL the workers inherit
 * as DATABASE_URL. Either way `npm test` needs nothing but Node.js.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase } from '../src/db/client.js';
import { startEmbedded } from '../src/db/embedded.js';
import { seedDemoIfEmpty } from '../src/db/seed/index.js';
import { TEST_NOW, templateDbName, withDatabase } from './db-names.js';

export default async function setup() {
  process.env.KPC_TEST_RUN = `${process.pid}_${randomBytes(3).toString('hex')}`;
  let embedded: { stop: () => Promise<void>; dir: string } | undefined;
  if (!process.env.DATABASE_URL) {
    const dir = mkdtempSync(join(tmpdir(), 'kpc-test-'));
    const cluster = await startEmbedded(dir);
    embedded = { stop: cluster.stop, dir };
    process.env.DATABASE_URL = cluster.url;
  }
  const url = process.env.DATABASE_URL;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  for (const kind of ['empty', 'demo'] as const) {
    const name = templateDbName(kind);
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    const database = await openDatabase({ databaseUrl: withDatabase(url, name), poolSize: 2 });
    if (kind === 'demo') await seedDemoIfEmpty(database, { now: () => TEST_NOW });
    await database.close();
  }
  await admin.end();
  return async () => {
    if (embedded) {
      await embedded.stop();
      rmSync(embedded.dir, { recursive: true, force: true });
      return;
    }
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    for (const kind of ['empty', 'demo'] as const) await c.query(`DROP DATABASE IF EXISTS ${templateDbName(kind)} WITH (FORCE)`);
    await c.end();
  };
}
