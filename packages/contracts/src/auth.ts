/** Login, current user, password change and history, the password policy, TOTP second factor, own sessions. */
import { z } from 'zod';
import { id, regionCode } from './common.js';
import { roleSchema } from './enums.js';

/** A TOTP code as authenticator apps show it: 6 digits. */
const totpCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/u, 'totp_code');
/** A recovery code as printed (`xxxxx-xxxxx`); case, spaces and dashes do not matter. */
const recoveryCode = z.string().trim().min(1).max(64);

export const loginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
  /** Needed when the account has TOTP enabled (else 401 TOTP_REQUIRED). */
  totpCode: totpCode.optional(),
  /** Instead of totpCode: one of the account's unused recovery codes. */
  recoveryCode: recoveryCode.optional(),
});

export interface PasswordPolicy {
  minLength: number;
  minClasses: number;
}
export const defaultPasswordPolicy: PasswordPolicy = { minLength: 8, minClasses: 3 };

/** Counts character classes: upper case, lower case, digits, anything else. */
export function passwordClasses(pw: string): number {
  return [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(pw)).length;
}

export function meetsPasswordPolicy(pw: string, policy: PasswordPolicy = defaultPasswordPolicy): boolean {
  return pw.length >= policy.minLength && pw.length <= 256 && passwordClasses(pw) >= policy.minClasses;
}

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});

export const currentUserSchema = z.object({
  id,
  username: z.string(),
  displayName: z.string(),
  roles: z.array(roleSchema),
  regionCode: regionCode.describe('Region the user works in: they see it and every region below'),
  regionName: z.string().nullable(),
  unitId: z.number().int().nullable().describe('The unit the user acts for (责任单位)'),
  unitName: z.string().nullable(),
  leaderId: z.number().int().nullable().describe('The leader the user is (县级领导)'),
  enterpriseId: z.number().int().nullable().describe('The enterprise the user acts for (项目业主)'),
  mustChangePassword: z.boolean().describe('Every other call answers 403 PASSWORD_CHANGE_REQUIRED until the password is changed'),
  totpEnabled: z.boolean().describe('The account signs in with a TOTP code as well'),
  totpEnrolmentRequired: z
    .boolean()
    .describe('The role requires TOTP (setting totpRequiredRoles) and the account has none yet: only enrolment is open'),
});
export type CurrentUser = z.infer<typeof currentUserSchema>;

export const loginResponse = z.object({
  user: currentUserSchema,
  csrfToken: z.string().describe('Send it as the x-csrf-token header on every write (POST, PUT, PATCH, DELETE) of this session'),
});
export type LoginResponse = z.infer<typeof loginResponse>;

/** How many passwords back a new one may not repeat (the current one included). */
export const PASSWORD_HISTORY_DEPTH = 5;

export const authMessages = {
  passwordReused: {
    'zh-CN': `新密码不能与最近 ${PASSWORD_HISTORY_DEPTH} 次使用过的密码相同`,
    en: `The new password must differ from your last ${PASSWORD_HISTORY_DEPTH} passwords`,
  },
} as const;

/** POST /auth/totp/setup: a new secret, pending until confirmed with a code. */
export const totpSetupResponse = z.object({
  /** The secret in base32, for typing into an authenticator app. */
  secret: z.string(),
  /** otpauth://totp/… URI, for a QR code. */
  uri: z.string(),
});
export type TotpSetup = z.infer<typeof totpSetupResponse>;

export const totpEnableBody = z.strictObject({ code: totpCode });

/** The recovery codes of a new enrolment, shown this once (only their hashes are stored). */
export const totpEnableResponse = z.object({ recoveryCodes: z.array(z.string()) });
export type TotpEnabled = z.infer<typeof totpEnableResponse>;

export const totpDisableBody = z.strictObject({
  password: z.string().min(1).max(256),
  /** A current TOTP code or an unused recovery code. */
  code: z.string().trim().min(1).max(64),
});

/** One of the caller's active sessions; `id` is a public handle, never the cookie token. */
export const sessionSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  /** The session this request came with. */
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof sessionSchema>;
export const sessionListResponse = z.object({ items: z.array(sessionSchema), total: z.number().int() });
export type SessionList = z.infer<typeof sessionListResponse>;
export const sessionIdParams = z.object({ id: z.string().regex(/^[0-9a-f]{16}$/u) });
