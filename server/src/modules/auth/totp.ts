/**
 * TOTP (RFC 6238: SHA-1, 30 s steps, 6 digits, one step either side), recovery codes, and the
 * sealing of secrets at rest. Pure: no SQL, no clock of its own (the caller passes the instant).
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

const ISSUER = '重点项目调度督办平台';
const PERIOD = 30;
const DIGITS = 6;
const WINDOW = 1;

const totpOf = (base32: string, label = '') =>
  new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: DIGITS, period: PERIOD, secret: Secret.fromBase32(base32) });

/** A fresh 160-bit secret in base32 (RFC 4226's recommended length). */
export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

/** The otpauth:// URI an authenticator app reads from a QR code. */
export const totpUri = (base32: string, username: string): string => totpOf(base32, username).toString();

/** The 30-second step a code of `at` belongs to. */
export const totpStep = (at: Date): number => Math.floor(at.getTime() / 1000 / PERIOD);

/** The step a code matches at `at` (±1 step), or null. The caller refuses steps already used. */
export function matchTotp(base32: string, code: string, at: Date): number | null {
  const delta = totpOf(base32).validate({ token: code, timestamp: at.getTime(), window: WINDOW });
  return delta === null ? null : totpStep(at) + delta;
}

// Recovery codes: 10 characters from an alphabet without look-alikes (0/O, 1/I/L), printed as xxxxx-xxxxx.
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const RECOVERY_CODE_COUNT = 10;

export function newRecoveryCode(): string {
  let s = '';
  for (let i = 0; i < 10; i++) s += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

/** A recovery code as typed (any case, spaces, dashes) → its stored SHA-256. ~49 random bits: no slow hash needed. */
export const hashRecoveryCode = (code: string): string =>
  createHash('sha256')
    .update(code.toLowerCase().replace(/[\s-]+/gu, ''))
    .digest('hex');

/**
 * Seals secrets with AES-256-GCM when a key is configured (SECRETS_KEY; the key is its SHA-256);
 * without one, values are stored as they are. Sealed values start with `v1:` (not base32), so a
 * plain value stored before a key was configured still opens.
 */
export interface SecretBox {
  seal(plain: string): string;
  open(stored: string): string;
}

const SEALED = 'v1:';

export function secretBox(key: string | null): SecretBox {
  const k = key ? createHash('sha256').update(key).digest() : null;
  return {
    seal(plain) {
      if (!k) return plain;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', k, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return SEALED + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open(stored) {
      if (!stored.startsWith(SEALED)) return stored;
      if (!k) throw new Error('A TOTP secret is sealed but SECRETS_KEY is not configured');
      const raw = Buffer.from(stored.slice(SEALED.length), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', k, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
