/**
 * Rule settings: defaults, overridden by the global row set, overridden by each ancestor region's
 * and finally the region's own rows. Admins change their own region's rows; every change is audited.
 */
import { canChangeSetting, canReadSettings } from '@kpc/domain';
import { defaultSettings, settingsSchema, userMessages, type Settings, type SettingsView } from '@kpc/contracts';
import type { Executor } from '../../db/client.js';
import { writeAudit } from '../../lib/audit.js';
import { AppError } from '../../lib/errors.js';
import type { RequestContext } from '../../lib/request-context.js';
import * as repo from './settings.repository.js';

/**
 * The settings in force for a region. Takes the executor, not a context: sign-in (auth) and the
 * session plugin read them before there is an actor.
 */
export async function loadSettings(db: Executor, regionCode = ''): Promise<Settings> {
  // '' is the global row; then each ancestor prefix of the region, most specific last.
  const scopes = [''];
  for (const len of [2, 4, 6, 9]) if (regionCode.length >= len) scopes.push(regionCode.slice(0, len));
  const rows = await repo.rowsOfScopes(db, scopes);
  const merged: Record<string, unknown> = { ...defaultSettings };
  for (const r of rows) merged[r.key] = r.value;
  const parsed = settingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : defaultSettings;
}

/** Only the keys the schema knows, each valid on its own (a stray or stale row is ignored, not shown). */
function validOverrides(raw: Record<string, unknown>): Partial<Settings> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const field = settingsSchema.shape[key as keyof Settings];
    if (field?.safeParse(value).success) out[key] = value;
  }
  return out as Partial<Settings>;
}

async function viewOf(db: Executor, regionCode: string): Promise<SettingsView> {
  return {
    regionCode,
    effective: await loadSettings(db, regionCode),
    overrides: validOverrides(await repo.overridesOf(db, regionCode)),
  };
}

/** The settings in force for the actor's region, and which of them the region sets itself. */
export async function getSettings(ctx: RequestContext): Promise<SettingsView> {
  const { db } = ctx;
  if (!canReadSettings(ctx.actor)) throw new AppError('FORBIDDEN');
  return viewOf(db, ctx.actor.regionCode);
}

/** Stores the given keys as the admin's region's own values; unchanged keys write nothing. */
export async function updateSettings(ctx: RequestContext, change: Partial<Settings>): Promise<SettingsView> {
  const { db } = ctx;
  // each key is one administrator's duty (三员); a body reaching into another's is refused whole
  const foreign = (Object.keys(change) as (keyof Settings)[]).filter((k) => !canChangeSetting(ctx.actor, k));
  if (foreign.length > 0)
    throw new AppError(
      'FORBIDDEN',
      foreign.map((field) => ({ field, message: userMessages.setting_of_other_duty[ctx.locale] })),
    );
  const regionCode = ctx.actor.regionCode;
  return db.transaction(async (tx) => {
    const current = await repo.overridesOf(tx, regionCode);
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(change)) {
      // JSON comparison: list-valued settings (totpRequiredRoles) are equal by content
      if (value === undefined || JSON.stringify(current[key]) === JSON.stringify(value)) continue;
      before[key] = current[key] ?? null;
      after[key] = value;
      await repo.upsertSetting(tx, regionCode, key, value, ctx.now);
    }
    if (Object.keys(after).length > 0)
      await writeAudit(
        tx,
        ctx.audit,
        { action: 'update', entity: 'settings', entityId: regionCode, regionCode, before, after },
        ctx.now,
      );
    return viewOf(tx, regionCode);
  });
}
