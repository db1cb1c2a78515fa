/** argon2id password hashing, the password policy and the refusal of recently used passwords. */
import { hash, verify } from '@node-rs/argon2';
import { authMessages, meetsPasswordPolicy, type Settings } from '@kpc/contracts';
import { AppError } from './errors.js';

// argon2id (Algorithm.Argon2id = 2), OWASP's minimum: 19 MiB, 2 passes.
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (pw: string) => hash(pw, OPTIONS);

export async function verifyPassword(hashed: string, pw: string): Promise<boolean> {
  try {
    return await verify(hashed, pw);
  } catch {
    return false;
  }
}

/** A hash to verify against when the user does not exist, so timing does not reveal usernames. */
let dummyHash: Promise<string> | null = null;
export const dummyVerify = async (pw: string) => {
  dummyHash ??= hashPassword('dummy-Password-1');
  await verifyPassword(await dummyHash, pw);
  return false;
};

/**
 * Passwords that meet the length and character-class rules but are the first an attacker tries:
 * the demo password, well-known leaked ones, and keyboard or year patterns offices like.
 * Compared case-insensitively with separators and digits/symbols at the end stripped as well.
 */
const BLOCKED = new Set(
  [
    'demo@2026',
    'password1',
    'password',
    'passw0rd',
    'p@ssw0rd',
    'p@ssword',
    'admin@123',
    'admin123',
    'administrator',
    'qwerty',
    'qwertyuiop',
    '1qaz2wsx',
    '1qaz@wsx',
    'abc123',
    'abcd1234',
    'a1b2c3d4',
    'welcome1',
    'iloveyou',
    'letmein',
    'changeme',
    'woaini1314',
    'test1234',
    'root1234',
    'aa123456',
    'zxcvbnm',
  ].map((p) => p.toLowerCase()),
);
const stem = (pw: string) => pw.toLowerCase().replace(/[^a-z]+$/u, '');

/** True for a password on the blocklist, or one built from the username. */
export function isBlockedPassword(pw: string, username?: string): boolean {
  const lower = pw.toLowerCase();
  if (BLOCKED.has(lower) || BLOCKED.has(stem(pw))) return true;
  const user = username?.toLowerCase().trim();
  return !!user && user.length >= 3 && lower.includes(user);
}

export function assertPasswordPolicy(pw: string, s: Settings, username?: string): void {
  if (!meetsPasswordPolicy(pw, { minLength: s.passwordMinLength, minClasses: s.passwordMinClasses }))
    throw new AppError('PASSWORD_POLICY', { minLength: s.passwordMinLength, minClasses: s.passwordMinClasses });
  if (isBlockedPassword(pw, username)) throw new AppError('PASSWORD_POLICY', { reason: 'blocklisted' });
}

/** 400 PASSWORD_POLICY (reason 'reused') when the password matches one of these hashes (the current and recent ones). */
export async function assertNotReused(pw: string, recentHashes: readonly string[]): Promise<void> {
  for (const h of recentHashes)
    if (await verifyPassword(h, pw)) throw new AppError('PASSWORD_POLICY', { reason: 'reused' }, authMessages.passwordReused);
}
