/**
 * Command: tell people something — the one way the product notifies (warnings, escalation steps, supervision
 * items, deadlines, bulletins, the daily digest). In the caller's transaction it writes one inbox row per
 * person and, for the robots 群机器人 of the given units and regions, one outbox row each, which the outbox
 * sender posts after the commit (so a rolled-back change tells nobody, and a receiver that is down loses
 * nothing). With a `dedupeKey` a second call writes nothing for a person or robot already told.
 * The caller has decided who is to be told; the helpers below find the accounts of units and leaders.
 */
import type { LocalisedText, NotificationKind } from '@kpc/contracts';
import type { Executor } from '../db/client.js';
import type { RequestContext } from '../lib/request-context.js';
import * as repo from '../modules/notifications/notifications.repository.js';
import { robotPayload } from '../modules/notifications/webhooks.js';

export interface Notice {
  userIds: readonly number[];
  kind: NotificationKind;
  title: LocalisedText;
  body: LocalisedText;
  /** A web path, e.g. `/projects/12`. */
  link?: string;
  entity?: { type: string; id: number };
  dedupeKey?: string;
  /** Also post to the enabled robots of these units, and of these regions (robots without a unit). */
  robots?: { unitIds?: readonly number[]; regionCodes?: readonly string[] };
}

export interface NotifyResult {
  /** Inbox rows written (people already told under the dedupe key are not counted). */
  inbox: number;
  /** Outbox rows written, one per robot. */
  outbox: number;
}

/** The robots' markdown: title, body, and where to look (robots are in Chinese-speaking work groups). */
export function robotText(n: Pick<Notice, 'title' | 'body' | 'link'>): string {
  const body = n.body['zh-CN']
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n\n');
  const where = n.link ? `\n\n> 详见重点项目调度督办平台：${n.link}` : '';
  return `### ${n.title['zh-CN']}\n\n${body}${where}`;
}

export async function notify(tx: Executor, ctx: Pick<RequestContext, 'now'>, n: Notice): Promise<NotifyResult> {
  const userIds = [...new Set(n.userIds)];
  const inbox = await repo.insertNotifications(
    tx,
    userIds.map((userId) => ({
      userId,
      kind: n.kind,
      titleZh: n.title['zh-CN'],
      titleEn: n.title.en,
      bodyZh: n.body['zh-CN'],
      bodyEn: n.body.en,
      link: n.link ?? null,
      entityType: n.entity?.type ?? null,
      entityId: n.entity?.id ?? null,
      dedupeKey: n.dedupeKey ?? null,
      createdAt: ctx.now,
    })),
  );
  const robots = n.robots ? await repo.robotsFor(tx, n.robots) : [];
  const text = robotText(n);
  const outbox = await repo.insertOutbox(
    tx,
    robots.map((r) => ({
      robotId: r.id,
      title: n.title['zh-CN'],
      payload: robotPayload(r.kind, { title: n.title['zh-CN'], text }),
      dedupeKey: n.dedupeKey ?? null,
      nextAttemptAt: ctx.now,
      createdAt: ctx.now,
    })),
  );
  return { inbox: inbox.length, outbox };
}

/** The enabled accounts of these units: who is told when a unit is. */
export const usersOfUnits = (tx: Executor, unitIds: readonly number[]) => repo.userIdsOfUnits(tx, unitIds);

/** The enabled accounts of these leaders (a leader without an account is told through the robots only). */
export const usersOfLeaders = (tx: Executor, leaderIds: readonly number[]) => repo.userIdsOfLeaders(tx, leaderIds);

/** The enabled accounts holding one of these roles in this region, e.g. `['supervisor']` for the bureau. */
export const usersWithRole = (tx: Executor, regionCode: string, roles: readonly string[]) =>
  repo.userIdsWithRole(tx, regionCode, roles);
