/** Notifications 通知 (issue 11 item 6): the in-app inbox, the group robots 群机器人 and their outbox. */
import { z } from 'zod';
import { enumText, id, requiredText, timestampText, version } from './common.js';
import {
  notificationKindLabels,
  notificationKinds,
  outboxStatusLabels,
  outboxStatuses,
  robotKindLabels,
  robotKinds,
} from './enum-values.js';

export const notificationKindSchema = z
  .enum(notificationKinds)
  .describe(enumText('What a notification is about (通知类型)', notificationKindLabels));
export const robotKindSchema = z.enum(robotKinds).describe(enumText('Robot kind (机器人类型)', robotKindLabels));
export const outboxStatusSchema = z
  .enum(outboxStatuses)
  .describe(enumText('Outbox message status (发送状态)', outboxStatusLabels));

const localised = z.object({ 'zh-CN': z.string(), en: z.string() });

export const notificationSchema = z.object({
  id,
  kind: notificationKindSchema,
  title: z.string().describe('Title in the reader’s language (标题)'),
  body: z.string().describe('Body in the reader’s language, plain text with line breaks (正文)'),
  link: z.string().nullable().describe('Web path the notification opens, e.g. /projects/12 (链接)'),
  entity: z.object({ type: z.string(), id: z.number().int() }).nullable().describe('The record it is about'),
  createdAt: z.string().describe(timestampText),
  readAt: z.string().nullable().describe(`When the reader marked it read (已读时间); null while unread. ${timestampText}`),
});
export type Notification = z.infer<typeof notificationSchema>;

export const listNotificationsQuery = z.strictObject({
  unread: z.enum(['true', 'false']).optional().describe('true: only unread (仅未读)'),
  cursor: z
    .string()
    .regex(/^[ur]\d{1,12}$/)
    .optional()
    .describe('The nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const notificationPage = z.object({
  items: z.array(notificationSchema).describe('Unread first, then newest first'),
  nextCursor: z.string().nullable().describe('Pass as cursor for the next page; null on the last'),
});
export type NotificationPage = z.infer<typeof notificationPage>;
export const unreadCount = z.object({ unread: z.number().int().min(0) });
export const readAllResult = z.object({ marked: z.number().int().min(0) });

/** A http(s) URL; anything else (javascript:, file:, ftp:) is refused. */
const robotUrl = z
  .string()
  .trim()
  .max(1000)
  .refine((u) => {
    try {
      const p = new URL(u).protocol;
      return p === 'http:' || p === 'https:';
    } catch {
      return false;
    }
  }, 'robot_url')
  .describe('Webhook address (Webhook 地址), http or https only');

const robotScope = {
  unitId: id.nullable().optional().describe('The unit whose notifications the robot posts (责任单位); or'),
  regionCode: z
    .string()
    .regex(/^\d{2,12}$/)
    .nullable()
    .optional()
    .describe('the region whose notifications it posts (区域); exactly one of the two'),
};

export const createRobotBody = z.strictObject({
  kind: robotKindSchema,
  name: requiredText(100),
  url: robotUrl,
  secret: z.string().trim().max(200).nullable().optional().describe('DingTalk 加签 secret (SEC…); not for WeCom'),
  ...robotScope,
  enabled: z.boolean().default(true),
});
export type CreateRobotBody = z.infer<typeof createRobotBody>;

export const updateRobotBody = z.strictObject({
  version,
  name: requiredText(100).optional(),
  url: robotUrl.optional(),
  secret: z.string().trim().max(200).nullable().optional().describe('A new secret; leave out to keep it, null to clear'),
  ...robotScope,
  enabled: z.boolean().optional(),
});
export type UpdateRobotBody = z.infer<typeof updateRobotBody>;

export const robotSchema = z.object({
  id,
  kind: robotKindSchema,
  name: z.string(),
  url: z.string().describe('The address with its access token / key masked'),
  secretHint: z.string().nullable().describe('The secret’s last 4 characters, e.g. "…a1b2"; never the secret'),
  unitId: z.number().int().nullable(),
  unitName: z.string().nullable(),
  regionCode: z.string().describe('The region the robot belongs to (its unit’s, or its own)'),
  scope: z.enum(['unit', 'region']),
  enabled: z.boolean(),
  version: z.number().int(),
});
export type Robot = z.infer<typeof robotSchema>;
export const robotTestResult = z.object({ ok: z.boolean(), error: z.string().nullable() });

export const outboxEntrySchema = z.object({
  id,
  robotId: z.number().int(),
  robotName: z.string(),
  robotKind: robotKindSchema,
  title: z.string(),
  status: outboxStatusSchema,
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable().describe(timestampText),
  lastError: z.string().nullable(),
  sentAt: z.string().nullable(),
  createdAt: z.string().describe(timestampText),
});
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;
export const outboxQuery = z.strictObject({
  status: z.enum(['failing', 'pending', 'dead', 'sent']).default('failing').describe('failing = dead or retrying (失败及重试中)'),
});
export const outboxList = z.object({ items: z.array(outboxEntrySchema) });

export { localised as localisedTextSchema };
