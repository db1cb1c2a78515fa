/** argon2id password hashing and the password policy. */
import { hash, verify } from '@node-rs/argon2';
import { meetsPasswordPolicy, type Settings } from '@kpc/contracts';
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

export function assertPasswordPolicy(pw: string, s: Settings): void {
  if (!meetsPasswordPolicy(pw, { minLength: s.passwordMinLength, minClasses: s.passwordMinClasses }))
    throw new AppError('PASSWORD_POLICY', { minLength: s.passwordMinLength, minClasses: s.passwordMinClasses });
}
