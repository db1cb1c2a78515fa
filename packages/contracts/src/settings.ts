/** Rule settings with their defaults. Stored per region; a region inherits the defaults it does not override. */
import { z } from 'zod';

export const settingsSchema = z.strictObject({
  sessionIdleMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60),
  sessionAbsoluteHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 7),
  lockoutAttempts: z.number().int().min(3).max(20),
  lockoutMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  passwordMinLength: z.number().int().min(8).max(64),
  passwordMinClasses: z.number().int().min(3).max(4),
  /** Nightly backups kept (older ones deleted); read from the default settings (region ''). */
  backupRetentionCount: z.number().int().min(1).max(365),
  /** Audit rows older than this are archived to files (等保: at least 180 days online). */
  auditRetentionDays: z.number().int().min(180).max(3650),
});
export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = {
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
  lockoutAttempts: 5,
  lockoutMinutes: 15,
  passwordMinLength: 8,
  passwordMinClasses: 3,
  backupRetentionCount: 14,
  auditRetentionDays: 180,
};

export const updateSettingsBody = settingsSchema.partial();

/** GET/PUT /settings: the effective settings of the actor's region and what that region overrides itself. */
export const settingsView = z.object({
  regionCode: z.string(),
  effective: settingsSchema,
  overrides: settingsSchema.partial(),
});
export type SettingsView = z.infer<typeof settingsView>;
