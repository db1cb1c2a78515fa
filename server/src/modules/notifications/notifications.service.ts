/**
 * Notifications 通知 (issue 11 item 6). The inbox: everyone reads and marks their own (another's is 404).
 * Group robots 群机器人 and the outbox: the admin of the robot's region creates, edits, tests and deletes
 * robots (the secret is never shown back) and sees the messages that failed, putting them back with 重试.
 */
import {
  userMessages,
  type CreateRobotBody,
  type Notification,
  type NotificationPage,
  type OutboxEntry,
  type Robot,
  type UpdateRobotBody,
} from '@kpc/contracts';
import type { Executor } from '../../db/client.js';
import { writeAudit } from '../../lib/audit.js';
import { AppError, notFound, versionConflict } from '../../lib/errors.js';
import { requireRegion, requireRole } from '../../lib/policy.js';
import { fieldError, type RequestContext } from '../../lib/request-context.js';
import type { SecretBox } from '../auth/totp.js';
import { requireWritableRegion } from '../regions/regions.service.js';
import { robotText } from '../../commands/notify.js';
import { OUTBOX } from './outbox-sender.js';
import * as repo from './notifications.repository.js';
import { maskedUrl, postToRobot, robotPayload } from './webhooks.js';

// ── inbox ─────────────────────────────────────────────────────────────────────────────────────────

const toNotification = (r: repo.NotificationRow, locale: RequestContext['locale']): Notification => ({
  id: r.id,
  kind: r.kind,
  title: locale === 'en' ? r.titleEn : r.titleZh,
  body: locale === 'en' ? r.bodyEn : r.bodyZh,
  link: r.link,
  entity: r.entityType !== null && r.entityId !== null ? { type: r.entityType, id: r.entityId } : null,
  createdAt: r.createdAt.toISOString(),
  readAt: r.readAt?.toISOString() ?? null,
});

export async function listNotifications(
  ctx: RequestContext,
  q: { unread?: 'true' | 'false' | undefined; cursor?: string | undefined; limit: number },
): Promise<NotificationPage> {
  const { rows, nextCursor } = await repo.listNotifications(ctx.db, ctx.actor.id, {
    unreadOnly: q.unread === 'true',
    cursor: q.cursor,
    limit: q.limit,
  });
  return { items: rows.map((r) => toNotification(r, ctx.locale)), nextCursor };
}

export const unreadCount = async (ctx: RequestContext) => ({ unread: await repo.countUnread(ctx.db, ctx.actor.id) });

export async function markRead(ctx: RequestContext, id: number): Promise<Notification> {
  const row = await repo.findNotification(ctx.db, id);
  if (!row || row.userId !== ctx.actor.id) throw notFound();
  return toNotification((await repo.markRead(ctx.db, id, ctx.now))!, ctx.locale);
}

export const markAllRead = async (ctx: RequestContext) => ({ marked: await repo.markAllRead(ctx.db, ctx.actor.id, ctx.now) });

// ── robots ────────────────────────────────────────────────────────────────────────────────────────

const toRobot = (r: repo.RobotRecord): Robot => ({
  id: r.row.id,
  kind: r.row.kind,
  name: r.row.name,
  url: maskedUrl(r.row.url),
  secretHint: r.row.secret ? `…${r.row.secretHint ?? ''}` : null,
  unitId: r.row.unitId,
  unitName: r.unitName,
  regionCode: r.row.regionCode,
  scope: r.row.unitId === null ? 'region' : 'unit',
  enabled: r.row.enabled,
  version: r.row.version,
});

/** What an audit row keeps of a robot: never the secret or the token in its address. */
const audited = (r: repo.RobotRecord) => {
  const { secretHint: _hint, ...rest } = toRobot(r);
  return { ...rest, hasSecret: r.row.secret !== null };
};

async function robotInScope(db: Executor, ctx: RequestContext, id: number): Promise<repo.RobotRecord> {
  requireRole(ctx.actor, 'admin');
  const r = await repo.findRobot(db, id);
  if (!r) throw notFound();
  requireRegion(ctx.actor, r.row.regionCode);
  return r;
}

/** The region a robot belongs to: its unit's, or the region given; exactly one of the two. */
async function scopeOf(
  db: Executor,
  ctx: RequestContext,
  s: { unitId?: number | null | undefined; regionCode?: string | null | undefined },
): Promise<{ unitId: number | null; regionCode: string }> {
  const unitId = s.unitId ?? null;
  const regionCode = s.regionCode ?? null;
  if ((unitId === null) === (regionCode === null))
    throw fieldError('VALIDATION_FAILED', 'unitId', ctx.locale, userMessages.robot_scope);
  if (unitId !== null) {
    const region = await repo.unitRegion(db, unitId);
    if (!region) throw fieldError('REFERENCE_INVALID', 'unitId', ctx.locale);
    if (!ctx.actor.regionCode || !region.startsWith(ctx.actor.regionCode))
      throw fieldError('REFERENCE_INVALID', 'unitId', ctx.locale);
    return { unitId, regionCode: region };
  }
  await requireWritableRegion(db, ctx, regionCode!);
  return { unitId: null, regionCode: regionCode! };
}

function checkSecret(ctx: RequestContext, kind: Robot['kind'], secret: string | null): void {
  if (kind === 'wecom' && secret) throw fieldError('VALIDATION_FAILED', 'secret', ctx.locale, userMessages.robot_secret_wecom);
}

export async function listRobots(ctx: RequestContext): Promise<Robot[]> {
  requireRole(ctx.actor, 'admin');
  return (await repo.listRobots(ctx.db, ctx.actor.regionCode)).map(toRobot);
}

/** The stored form of a secret: sealed, with its hint. */
const sealed = (box: SecretBox, secret: string | null) =>
  secret === null ? { secret: null, secretHint: null } : { secret: box.seal(secret), secretHint: secret.slice(-4) };

export async function createRobot(ctx: RequestContext, box: SecretBox, body: CreateRobotBody): Promise<Robot> {
  requireRole(ctx.actor, 'admin');
  const secret = body.secret || null;
  checkSecret(ctx, body.kind, secret);
  return ctx.db.transaction(async (tx) => {
    const scope = await scopeOf(tx, ctx, body);
    const row = await repo.insertRobot(tx, {
      kind: body.kind,
      name: body.name,
      url: body.url,
      ...sealed(box, secret),
      ...scope,
      enabled: body.enabled,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    const r = (await repo.findRobot(tx, row.id))!;
    await writeAudit(
      tx,
      ctx.audit,
      { action: 'create', entity: 'webhook_robot', entityId: row.id, regionCode: row.regionCode, after: audited(r) },
      ctx.now,
    );
    return toRobot(r);
  });
}

export async function updateRobot(ctx: RequestContext, box: SecretBox, id: number, body: UpdateRobotBody): Promise<Robot> {
  return ctx.db.transaction(async (tx) => {
    const current = await robotInScope(tx, ctx, id);
    if (current.row.version !== body.version) throw versionConflict(toRobot(current));
    const scopeGiven = body.unitId !== undefined || body.regionCode !== undefined;
    const scope = scopeGiven ? await scopeOf(tx, ctx, body) : { unitId: current.row.unitId, regionCode: current.row.regionCode };
    const secret = body.secret === undefined ? undefined : body.secret || null;
    checkSecret(ctx, current.row.kind, secret ?? null);
    const updated = await repo.updateRobot(tx, id, body.version, {
      name: body.name ?? current.row.name,
      url: body.url ?? current.row.url,
      ...(secret === undefined ? {} : sealed(box, secret)),
      ...scope,
      enabled: body.enabled ?? current.row.enabled,
      updatedAt: ctx.now,
    });
    if (!updated) throw versionConflict(toRobot((await repo.findRobot(tx, id)) ?? current));
    const after = (await repo.findRobot(tx, id))!;
    await writeAudit(
      tx,
      ctx.audit,
      {
        action: 'update',
        entity: 'webhook_robot',
        entityId: id,
        regionCode: updated.regionCode,
        before: audited(current),
        after: audited(after),
      },
      ctx.now,
    );
    return toRobot(after);
  });
}

/** Deletes a robot and its outbox (its messages can go nowhere else). */
export async function deleteRobot(ctx: RequestContext, id: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const current = await robotInScope(tx, ctx, id);
    await repo.deleteRobot(tx, id);
    await writeAudit(
      tx,
      ctx.audit,
      { action: 'delete', entity: 'webhook_robot', entityId: id, regionCode: current.row.regionCode, before: audited(current) },
      ctx.now,
    );
  });
}

/** 发送测试消息: posts a test message at once (not through the outbox) and says whether the robot took it. */
export async function testRobot(ctx: RequestContext, box: SecretBox, id: number): Promise<{ ok: boolean; error: string | null }> {
  const r = await robotInScope(ctx.db, ctx, id);
  const title = { 'zh-CN': '测试消息', en: 'Test message' };
  const body = {
    'zh-CN': `这是重点项目调度督办平台发给「${r.row.name}」的测试消息，收到即表示配置正确。`,
    en: `A test message to "${r.row.name}".`,
  };
  const error = await postToRobot(
    { ...r.row, secret: r.row.secret === null ? null : box.open(r.row.secret) },
    robotPayload(r.row.kind, { title: title['zh-CN'], text: robotText({ title, body }) }),
    ctx.clock.now(),
    OUTBOX.timeoutMs,
  );
  return { ok: error === null, error };
}

// ── outbox ────────────────────────────────────────────────────────────────────────────────────────

const toOutbox = (r: repo.OutboxRecord): OutboxEntry => ({
  id: r.row.id,
  robotId: r.robot.id,
  robotName: r.robot.name,
  robotKind: r.robot.kind,
  title: r.row.title,
  status: r.row.status,
  attempts: r.row.attempts,
  nextAttemptAt: r.row.status === 'pending' ? r.row.nextAttemptAt.toISOString() : null,
  lastError: r.row.lastError,
  sentAt: r.row.sentAt?.toISOString() ?? null,
  createdAt: r.row.createdAt.toISOString(),
});

export async function listOutbox(
  ctx: RequestContext,
  status: 'failing' | 'pending' | 'dead' | 'sent',
): Promise<{ items: OutboxEntry[] }> {
  requireRole(ctx.actor, 'admin');
  return { items: (await repo.listOutbox(ctx.db, ctx.actor.regionCode, status)).map(toOutbox) };
}

/** 重试: a failed message is due again now, with a fresh set of attempts; a sent one cannot be sent again. */
export async function retryOutbox(ctx: RequestContext, id: number): Promise<OutboxEntry> {
  requireRole(ctx.actor, 'admin');
  return ctx.db.transaction(async (tx) => {
    const current = await repo.findOutbox(tx, id);
    if (!current) throw notFound();
    requireRegion(ctx.actor, current.robot.regionCode);
    if (current.row.status === 'sent') throw new AppError('INVALID_STATE');
    await repo.requeue(tx, id, ctx.now);
    const after = (await repo.findOutbox(tx, id))!;
    await writeAudit(
      tx,
      ctx.audit,
      {
        action: 'retry',
        entity: 'notification_outbox',
        entityId: id,
        regionCode: current.robot.regionCode,
        before: { status: current.row.status, attempts: current.row.attempts, lastError: current.row.lastError },
        after: { status: after.row.status, attempts: after.row.attempts },
      },
      ctx.now,
    );
    return toOutbox(after);
  });
}
