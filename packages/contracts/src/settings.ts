/** Rule settings with their defaults. Stored per region; a region inherits the defaults it does not override. */
import { z } from 'zod';
import { escalationSteps, roleLabels, type Role } from './enums.js';
import { settingDuties } from './setting-duties.js';
import { defaultUpwardReportTemplates, upwardReportTemplatesSchema } from './upward-reports.js';

/** The roles for which `totpRequiredRoles` may require a second factor (the administrative and supervising ones). */
export const totpRequirableRoles = [
  'admin',
  'security_admin',
  'audit_admin',
  'office',
  'supervisor',
] as const satisfies readonly Role[];
export type TotpRequirableRole = (typeof totpRequirableRoles)[number];
export const totpRequirableRoleLabels: Record<TotpRequirableRole, { 'zh-CN': string; en: string }> = Object.fromEntries(
  totpRequirableRoles.map((r) => [r, roleLabels[r]]),
) as Record<TotpRequirableRole, { 'zh-CN': string; en: string }>;

/**
 * The escalation ladder 预警提示 → 通报批评 → 问责 → 表态发言: each step with the whole weeks a project's
 * red spell must have lasted for it to be proposed. Steps in the ladder's order, each at most once, weeks
 * strictly increasing (a later step never comes sooner); a step left out is never proposed by the system.
 */
export const escalationLadderSchema = z
  .array(
    z.strictObject({
      step: z.enum(escalationSteps).describe('The step (预警提示, 通报批评, 问责, 表态发言)'),
      weeks: z.number().int().min(1).max(52).describe('Whole weeks red before the step is proposed'),
    }),
  )
  .max(escalationSteps.length)
  .superRefine((ladder, ctx) => {
    for (let i = 1; i < ladder.length; i++) {
      const prev = ladder[i - 1]!;
      const cur = ladder[i]!;
      if (escalationSteps.indexOf(cur.step) <= escalationSteps.indexOf(prev.step))
        ctx.addIssue({ code: 'custom', path: [i, 'step'], message: 'escalation_ladder_order' });
      if (cur.weeks <= prev.weeks) ctx.addIssue({ code: 'custom', path: [i, 'weeks'], message: 'escalation_ladder_weeks' });
    }
  })
  .describe('Escalation ladder (问责阶梯): red for this many weeks → the step is proposed; steps in order, weeks increasing');
export type EscalationLadder = z.infer<typeof escalationLadderSchema>;

export const settingsSchema = z.strictObject({
  sessionIdleMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .describe('A session ends after this many minutes without a request'),
  sessionAbsoluteHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 7)
    .describe('A session ends this many hours after login, however active'),
  lockoutAttempts: z.number().int().min(3).max(20).describe('Failed logins in a row that lock the account'),
  lockoutMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .describe('How long a locked account stays locked, in minutes'),
  passwordMinLength: z.number().int().min(8).max(64).describe('Minimum password length'),
  passwordMinClasses: z
    .number()
    .int()
    .min(3)
    .max(4)
    .describe('Character classes a password needs, of: upper case, lower case, digits, symbols'),
  backupRetentionCount: z
    .number()
    .int()
    .min(1)
    .max(365)
    .describe('Nightly backups kept; older ones are deleted (read from the default settings, region "")'),
  auditRetentionDays: z
    .number()
    .int()
    .min(180)
    .max(3650)
    .describe('Audit rows older than this many days are archived to files (等保: at least 180 days online)'),
  totpRequiredRoles: z
    .array(z.enum(totpRequirableRoles))
    .max(totpRequirableRoles.length)
    .describe('Accounts with one of these roles must enrol TOTP; until they do, only the enrolment is open to them'),
  siteCheckFlagDistanceM: z
    .number()
    .int()
    .min(100)
    .max(50_000)
    .describe("A site check logged farther than this many metres from the project's coordinates is flagged"),
  weeklySiteChecksRequired: z
    .number()
    .int()
    .min(0)
    .max(14)
    .describe('Weekly quota: site checks each contracting leader and task-force head makes per ISO week'),
  weeklySolvedOnSiteRequired: z
    .number()
    .int()
    .min(0)
    .max(14)
    .describe('Weekly quota: problems each contracting leader and task-force head solves on site per ISO week'),
  ragRecoveryDays: z
    .number()
    .int()
    .min(1)
    .max(90)
    .describe('Days a project stays yellow (恢复观察期) after red before its records can show it green'),
  unitsSeeDistrictOverview: z
    .boolean()
    .describe("Unit users also see the district's overview figures on the dashboard (not other projects' records)"),
  escalationLadder: escalationLadderSchema,
  upwardReportTemplates: upwardReportTemplatesSchema,
  // the burden measured (issue 12): a line on the admin's chart, never a rule of colours or evaluations
  burdenTargetFields: z
    .number()
    .int()
    .min(1)
    .max(200)
    .describe('Burden target: at most this many fields typed per project per week (填报字段目标)'),
  burdenTargetMinutes: z
    .number()
    .int()
    .min(1)
    .max(120)
    .describe('Burden target: at most this many minutes of entry per project per week (填报用时目标, 分钟)'),
  weeklyUpdateDueWeekday: z
    .number()
    .int()
    .min(1)
    .max(7)
    .describe('The weekday the weekly update 周报 is due (1 Monday … 7 Sunday); its reminder goes out at 09:00 that day'),
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
  // none by default, so the demo logins keep working without an authenticator
  totpRequiredRoles: [],
  siteCheckFlagDistanceM: 1000,
  // the article: every leader checks on site at least twice a week and solves at least one problem there
  weeklySiteChecksRequired: 2,
  weeklySolvedOnSiteRequired: 1,
  // the issue: "a red project goes yellow before green"; a week of not being red again
  ragRecoveryDays: 7,
  unitsSeeDistrictOverview: false,
  // issue 11: red for 2 weeks → a warning to the unit and the leader; 4 → 通报批评; 6 → 问责; 8 → 表态发言
  escalationLadder: [
    { step: 'warning', weeks: 2 },
    { step: 'bulletin', weeks: 4 },
    { step: 'accountability', weeks: 6 },
    { step: 'statement', weeks: 8 },
  ],
  // issue 12: the provincial key-project monthly table and a municipal one
  upwardReportTemplates: defaultUpwardReportTemplates,
  // issue 12: ≤ 10 fields and ≤ 3 minutes per project per week
  burdenTargetFields: 10,
  burdenTargetMinutes: 3,
  // issue 12: the weekly update is due on Friday
  weeklyUpdateDueWeekday: 5,
};

/** Whether an account with these roles must have TOTP under these settings. */
export const totpRequiredFor = (roles: readonly string[], s: Pick<Settings, 'totpRequiredRoles'>): boolean =>
  roles.some((r) => (s.totpRequiredRoles as readonly string[]).includes(r));

export const updateSettingsBody = settingsSchema.partial();

/** GET/PUT /settings: the effective settings of the actor's region and what that region overrides itself. */
export const settingsView = z.object({
  regionCode: z.string().describe("The region the settings apply to: the actor's"),
  effective: settingsSchema.describe('What applies: the defaults, then each overriding region from the top down'),
  overrides: settingsSchema.partial().describe('What this region sets itself'),
});
export type SettingsView = z.infer<typeof settingsView>;

// every setting has its administrator (三员): a new setting without one does not compile
settingDuties satisfies Record<keyof Settings, 'admin' | 'security_admin' | 'audit_admin'>;
