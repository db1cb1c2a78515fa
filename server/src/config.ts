/** Configuration from the environment, validated once at start. */
import { z } from 'zod';

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Load the 召陵区 demo data when the database is empty. */
  SEED_DEMO: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** Set to serve behind TLS (adds the Secure flag to cookies). */
  COOKIE_SECURE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  WEB_DIST: z.string().optional(),
  /**
   * Key of the audit log's HMAC chain (≥ 32 characters). Without it the embedded default keeps one in
   * DATA_DIR/audit.key; with DATABASE_URL in production it is required (every instance needs the same key).
   */
  AUDIT_HMAC_KEY: z.string().min(32, 'AUDIT_HMAC_KEY must be at least 32 characters').optional(),
  /** Uploaded files (default DATA_DIR/files); outside the web root. */
  FILES_DIR: z.string().min(1).optional(),
  /** Where `npm run backup` and the nightly backup job write (default DATA_DIR/backups). */
  BACKUP_DIR: z.string().min(1).optional(),
  /**
   * Reverse proxies whose X-Forwarded-For is believed (comma-separated IPs or CIDRs). Default none:
   * a forged header then changes neither the rate-limit key nor the address in the audit log.
   */
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  /**
   * Seals TOTP secrets at rest (AES-256-GCM; the key is the SHA-256 of this value). Unset: they are
   * stored as plain base32. At least 32 characters, e.g. `openssl rand -base64 32`.
   */
  SECRETS_KEY: z
    .string()
    .min(32, 'SECRETS_KEY must have at least 32 characters')
    .optional()
    .or(z.literal('').transform(() => undefined)),
});

export type Config = z.infer<typeof schema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
