/** Reads rule settings: defaults, overridden by the global row set, overridden by a region's. */
import { inArray } from 'drizzle-orm';
import { defaultSettings, settingsSchema, type Settings } from '@kpc/contracts';
import { settings } from '../../db/schema/index.js';
import type { Executor } from '../../db/client.js';

export async function loadSettings(db: Executor, regionCode = ''): Promise<Settings> {
  // '' is the global row; then each ancestor prefix of the region, most specific last.
  const scopes = [''];
  for (const len of [2, 4, 6, 9]) if (regionCode.length >= len) scopes.push(regionCode.slice(0, len));
  const rows = await db.select().from(settings).where(inArray(settings.regionCode, scopes));
  rows.sort((a, b) => a.regionCode.length - b.regionCode.length);
  const merged: Record<string, unknown> = { ...defaultSettings };
  for (const r of rows) merged[r.key] = r.value;
  const parsed = settingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : defaultSettings;
}
