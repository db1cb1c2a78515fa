/**
 * Demo data: 召陵区 (漯河市, 河南省) as the source article describes it. Loaded by the start
 * command into an empty database; the dashboard computes the article's figures from these records.
 */
import { sql } from 'drizzle-orm';
import { users } from '../schema/index.js';
import type { Database } from '../client.js';
import type { Clock } from '../../lib/clock.js';
import { verifyPassword } from '../../lib/password.js';
import { seedDemo } from './demo.js';

export const DEMO_PASSWORD = 'Demo@2026';
export const DEMO_REGION = '411104';

export async function isEmpty(database: Database): Promise<boolean> {
  const [row] = await database.db.select({ n: sql<number>`count(*)::int` }).from(users);
  return (row?.n ?? 0) === 0;
}

/** Loads the demo data when the database has no users yet. Returns whether it did. */
export async function seedDemoIfEmpty(database: Database, clock: Clock): Promise<boolean> {
  if (!(await isEmpty(database))) return false;
  await database.db.transaction(async (tx) => seedDemo(tx, clock));
  return true;
}

/** Usernames of enabled accounts whose password is still the demo password. */
export async function accountsWithDemoPassword(database: Database): Promise<string[]> {
  const rows = await database.db
    .select({ username: users.username, hash: users.passwordHash, disabled: users.disabled })
    .from(users);
  const out: string[] = [];
  for (const r of rows) if (!r.disabled && (await verifyPassword(r.hash, DEMO_PASSWORD))) out.push(r.username);
  return out;
}
