/**
 * Notifications 通知 (issue 11 item 6): the in-app inbox, the group robots 群机器人 (DingTalk, WeCom) and
 * the outbox their messages are sent from. The `notify` command writes inbox and outbox rows in the
 * caller's transaction; the outbox sender posts them afterwards, so a receiver that is down loses nothing.
 */
import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { notificationKinds, outboxStatuses, robotKinds } from '@kpc/contracts';
import { regions, units, users } from './core.js';

/** One inbox row per person and notification; `dedupe_key` makes a repeated notify a no-op for that person. */
export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: notificationKinds }).notNull(),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en').notNull(),
    bodyZh: text('body_zh').notNull(),
    bodyEn: text('body_en').notNull(),
    link: text('link'),
    entityType: text('entity_type'),
    entityId: integer('entity_id'),
    dedupeKey: text('dedupe_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('notifications_user_dedupe_uq').on(t.userId, t.dedupeKey),
    index('notifications_user_idx').on(t.userId, t.id),
    index('notifications_unread_idx')
      .on(t.userId)
      .where(sql`${t.readAt} is null`),
  ],
);

/**
 * A group robot: posts the notifications of one unit or one region (`unit_id` set, or not; `region_code` is
 * always the region it belongs to, for the admin's scope). The DingTalk secret signs each post (加签).
 */
export const webhookRobots = pgTable(
  'webhook_robots',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind', { enum: robotKinds }).notNull(),
    name: text('name').notNull(),
    url: text('url').notNull(),
    /** DingTalk's signing secret, sealed with SECRETS_KEY (AES-256-GCM) when one is configured. */
    secret: text('secret'),
    /** The secret's last 4 characters, so the admin can tell which one is set without it being opened. */
    secretHint: text('secret_hint'),
    unitId: integer('unit_id').references(() => units.id),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    enabled: boolean('enabled').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('webhook_robots_region_idx').on(t.regionCode), index('webhook_robots_unit_idx').on(t.unitId)],
);

/**
 * One message for one robot. The sender claims due `pending` rows with `for update skip locked`, so any
 * number of instances post each once; a failure moves `next_attempt_at` back exponentially, and after the
 * last attempt the row is `dead` (shown to the admin, who may retry it). `dedupe_key` once per robot.
 */
export const notificationOutbox = pgTable(
  'notification_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    robotId: integer('robot_id')
      .notNull()
      .references(() => webhookRobots.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    payload: jsonb('payload').notNull(),
    dedupeKey: text('dedupe_key'),
    status: text('status', { enum: outboxStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('notification_outbox_robot_dedupe_uq').on(t.robotId, t.dedupeKey),
    index('notification_outbox_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
  ],
);
