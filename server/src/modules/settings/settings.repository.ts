/** SQL for rule settings: one row per region and key. */
import { eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { settings } from '../../db/schema/index.js';

/** The rows of the given scopes ('' global, then region prefixes), least specific first. */
export async function rowsOfScopes(db: Executor, scopes: string[]) {
  const rows = await db.select().from(settings).where(inArray(settings.regionCode, scopes));
  return rows.sort((a, b) => a.regionCode.length - b.regionCode.length);
}

export async function overridesOf(db: Executor, regionCode: string): Promise<Record<string, unknown>> {
  const rows = await db.select().from(settings).where(eq(settings.regionCode, regionCode));
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

/** Inserts the key for the region or, when present, replaces its value and bumps its version. */
export async function upsertSetting(db: Executor, regionCode: string, key: string, value: unknown, now: Date) {
  await db
    .insert(settings)
    .values({ regionCode, key, value, updatedAt: now })
    .onConflictDoUpdate({
      target: [settings.regionCode, settings.key],
      set: { value, updatedAt: now, version: sql`${settings.version} + 1` },
    });
}
