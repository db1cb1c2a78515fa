/** Login, current user, password change, and the password policy. */
import { z } from 'zod';
import { id, regionCode } from './common.js';
import { roleSchema } from './enums.js';

export const loginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
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
});
export type CurrentUser = z.infer<typeof currentUserSchema>;

export const loginResponse = z.object({
  user: currentUserSchema,
  csrfToken: z.string().describe('Send it as the x-csrf-token header on every write (POST, PUT, PATCH, DELETE) of this session'),
});
export type LoginResponse = z.infer<typeof loginResponse>;
