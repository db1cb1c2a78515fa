/** SQL of the inbox 通知, the group robots 群机器人 and their outbox. */
import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { notificationOutbox, notifications, units, users, webhookRobots } from '../../db/schema/index.js';
import { inSubtree } from '../../lib/query.js';
import { updateAtVersion } from '../../lib/versioned.js';

export type NotificationRow = typeof notifications.$inferSelect;
export type NewNotificationRow = typeof notifications.$inferInsert;
export type RobotRow = typeof webhookRobots.$inferSelect;
export type NewRobotRow = typeof webhookRobots.$inferInsert;
export type OutboxRow = typeof notificationOutbox.$inferSelect;
export type NewOutboxRow = typeof notificationOutbox.$inferInsert;

// ── people ────────────────────────────────────────────────────────────────────────────────────────

/** The enabled accounts of these units (a unit's staff and liaison). */
export async function userIdsOfUnits(db: Executor, unitIds: readonly number[]): Promise<number[]> {
  if (unitIds.length === 0) return [];
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.unitId, [...unitIds]), eq(users.disabled, false)))
    .orderBy(asc(users.id));
  return rows.map((r) => r.id);
}

/** The enabled accounts linked to these leaders (a leader may have none: then nobody is told in-app). */
export async function userIdsOfLeaders(db: Executor, leaderIds: readonly number[]): Promise<number[]> {
  if (leaderIds.length === 0) return [];
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.leaderId, [...leaderIds]), eq(users.disabled, false)))
    .orderBy(asc(users.id));
  return rows.map((r) => r.id);
}

/** The enabled accounts with one of these roles in exactly this region (e.g. the bureau 督查局 of the district). */
export async function userIdsWithRole(db: Executor, regionCode: string, roles: readonly string[]): Promise<number[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.regionCode, regionCode),
        eq(users.disabled, false),
        sql`${users.roles} && array[${sql.join(
          roles.map((r) => sql`${r}`),
          sql`, `,
        )}]::text[]`,
      ),
    )
    .orderBy(asc(users.id));
  return rows.map((r) => r.id);
}

// ── inbox ─────────────────────────────────────────────────────────────────────────────────────────

/** Inserts inbox rows; a (user, dedupe key) already there is skipped. Returns the rows written. */
export async function insertNotifications(db: Executor, rows: NewNotificationRow[]): Promise<NotificationRow[]> {
  if (rows.length === 0) return [];
  return db.insert(notifications).values(rows).onConflictDoNothing().returning();
}

/** A page of one person's inbox: unread first, then newest first; the cursor is `u<id>` / `r<id>` of the last row. */
export async function listNotifications(
  db: Executor,
  userId: number,
  f: { unreadOnly: boolean; cursor?: string | undefined; limit: number },
): Promise<{ rows: NotificationRow[]; nextCursor: string | null }> {
  const conds: (SQL | undefined)[] = [eq(notifications.userId, userId)];
  if (f.unreadOnly) conds.push(isNull(notifications.readAt));
  if (f.cursor) {
    const id = Number(f.cursor.slice(1));
    conds.push(
      f.cursor[0] === 'u'
        ? or(and(isNull(notifications.readAt), lt(notifications.id, id)), isNotNull(notifications.readAt))
        : and(isNotNull(notifications.readAt), lt(notifications.id, id)),
    );
  }
  const rows = await db
    .select()
    .from(notifications)
    .where(and(...conds))
    .orderBy(sql`(${notifications.readAt} is null) desc`, desc(notifications.id))
    .limit(f.limit + 1);
  const more = rows.length > f.limit;
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return { rows: page, nextCursor: more && last ? `${last.readAt ? 'r' : 'u'}${last.id}` : null };
}

export async function countUnread(db: Executor, userId: number): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return Number(r?.n ?? 0);
}

export async function findNotification(db: Executor, id: number): Promise<NotificationRow | undefined> {
  const [row] = await db.select().from(notifications).where(eq(notifications.id, id));
  return row;
}

/** Marks one read (keeps the first read time). */
export async function markRead(db: Executor, id: number, at: Date): Promise<NotificationRow | undefined> {
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${at.toISOString()}::timestamptz)` })
    .where(eq(notifications.id, id))
    .returning();
  return row;
}

export async function markAllRead(db: Executor, userId: number, at: Date): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: at })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

/** Unread notifications created in [from, to), digests left out, per person: what the daily digest sums up. */
export async function unreadSince(db: Executor, from: Date, to: Date): Promise<NotificationRow[]> {
  return db
    .select()
    .from(notifications)
    .where(
      and(
        isNull(notifications.readAt),
        sql`${notifications.kind} <> 'digest'`,
        sql`${notifications.createdAt} >= ${from.toISOString()}::timestamptz`,
        sql`${notifications.createdAt} < ${to.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(asc(notifications.userId), desc(notifications.id));
}

// ── robots ────────────────────────────────────────────────────────────────────────────────────────

export interface RobotRecord {
  row: RobotRow;
  unitName: string | null;
}

const robotSelect = (db: Executor) =>
  db.select({ row: webhookRobots, unitName: units.name }).from(webhookRobots).leftJoin(units, eq(units.id, webhookRobots.unitId));

export const listRobots = (db: Executor, regionCode: string): Promise<RobotRecord[]> =>
  robotSelect(db).where(inSubtree(webhookRobots.regionCode, regionCode)).orderBy(asc(webhookRobots.id));

export async function findRobot(db: Executor, id: number): Promise<RobotRecord | undefined> {
  const [r] = await robotSelect(db).where(eq(webhookRobots.id, id));
  return r;
}

export async function insertRobot(db: Executor, values: NewRobotRow): Promise<RobotRow> {
  const [row] = await db.insert(webhookRobots).values(values).returning();
  return row!;
}

export const updateRobot = (db: Executor, id: number, version: number, set: Partial<NewRobotRow>) =>
  updateAtVersion(db, webhookRobots, id, version, set);

export async function deleteRobot(db: Executor, id: number): Promise<void> {
  await db.delete(webhookRobots).where(eq(webhookRobots.id, id));
}

/** The enabled robots of these units and of these regions (a region robot: one without a unit). */
export async function robotsFor(
  db: Executor,
  scope: { unitIds?: readonly number[]; regionCodes?: readonly string[] },
): Promise<RobotRow[]> {
  const alternatives: SQL[] = [];
  if (scope.unitIds?.length) alternatives.push(inArray(webhookRobots.unitId, [...scope.unitIds]));
  if (scope.regionCodes?.length)
    alternatives.push(and(isNull(webhookRobots.unitId), inArray(webhookRobots.regionCode, [...scope.regionCodes]))!);
  if (alternatives.length === 0) return [];
  return db
    .select()
    .from(webhookRobots)
    .where(and(eq(webhookRobots.enabled, true), or(...alternatives)))
    .orderBy(asc(webhookRobots.id));
}

export async function unitRegion(db: Executor, unitId: number): Promise<string | undefined> {
  const [r] = await db.select({ regionCode: units.regionCode }).from(units).where(eq(units.id, unitId));
  return r?.regionCode;
}

// ── outbox ────────────────────────────────────────────────────────────────────────────────────────

export async function insertOutbox(db: Executor, rows: NewOutboxRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const written = await db.insert(notificationOutbox).values(rows).onConflictDoNothing().returning({ id: notificationOutbox.id });
  return written.length;
}

export interface ClaimedMessage {
  id: number;
  attempts: number;
  payload: unknown;
  robot: RobotRow;
}

/**
 * Claims up to `limit` due messages of enabled robots for this sender: their next attempt moves to the
 * lease's end and the attempt is counted, in one statement under `for update skip locked`, so two
 * instances never claim the same row; a sender that dies mid-post leaves it to be retried after the lease.
 */
export async function claimDue(db: Db, now: Date, leaseUntil: Date, limit: number): Promise<ClaimedMessage[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: notificationOutbox.id })
      .from(notificationOutbox)
      .innerJoin(webhookRobots, eq(webhookRobots.id, notificationOutbox.robotId))
      .where(
        and(
          eq(notificationOutbox.status, 'pending'),
          lte(notificationOutbox.nextAttemptAt, now),
          eq(webhookRobots.enabled, true),
        ),
      )
      .orderBy(asc(notificationOutbox.nextAttemptAt), asc(notificationOutbox.id))
      .limit(limit)
      .for('update', { of: notificationOutbox, skipLocked: true });
    if (due.length === 0) return [];
    const claimed = await tx
      .update(notificationOutbox)
      .set({ nextAttemptAt: leaseUntil, attempts: sql`${notificationOutbox.attempts} + 1` })
      .where(
        inArray(
          notificationOutbox.id,
          due.map((d) => d.id),
        ),
      )
      .returning();
    const robots = await tx
      .select()
      .from(webhookRobots)
      .where(inArray(webhookRobots.id, [...new Set(claimed.map((c) => c.robotId))]));
    const byId = new Map(robots.map((r) => [r.id, r]));
    return claimed
      .sort((a, b) => a.id - b.id)
      .map((c) => ({ id: c.id, attempts: c.attempts, payload: c.payload, robot: byId.get(c.robotId)! }));
  });
}

export async function markSent(db: Executor, id: number, at: Date): Promise<void> {
  await db.update(notificationOutbox).set({ status: 'sent', sentAt: at, lastError: null }).where(eq(notificationOutbox.id, id));
}

export async function markFailed(
  db: Executor,
  id: number,
  f: { error: string; nextAttemptAt: Date; dead: boolean },
): Promise<void> {
  await db
    .update(notificationOutbox)
    .set({ status: f.dead ? 'dead' : 'pending', lastError: f.error.slice(0, 1000), nextAttemptAt: f.nextAttemptAt })
    .where(eq(notificationOutbox.id, id));
}

export interface OutboxRecord {
  row: OutboxRow;
  robot: RobotRow;
}

/** The outbox of the robots in a region subtree: `failing` = dead, or pending after a failed attempt. */
export async function listOutbox(
  db: Executor,
  regionCode: string,
  status: 'failing' | 'pending' | 'dead' | 'sent',
  limit = 200,
): Promise<OutboxRecord[]> {
  const byStatus =
    status === 'failing'
      ? or(
          eq(notificationOutbox.status, 'dead'),
          and(eq(notificationOutbox.status, 'pending'), isNotNull(notificationOutbox.lastError)),
        )
      : eq(notificationOutbox.status, status);
  return db
    .select({ row: notificationOutbox, robot: webhookRobots })
    .from(notificationOutbox)
    .innerJoin(webhookRobots, eq(webhookRobots.id, notificationOutbox.robotId))
    .where(and(inSubtree(webhookRobots.regionCode, regionCode), byStatus))
    .orderBy(desc(notificationOutbox.id))
    .limit(limit);
}

export async function findOutbox(db: Executor, id: number): Promise<OutboxRecord | undefined> {
  const [r] = await db
    .select({ row: notificationOutbox, robot: webhookRobots })
    .from(notificationOutbox)
    .innerJoin(webhookRobots, eq(webhookRobots.id, notificationOutbox.robotId))
    .where(eq(notificationOutbox.id, id));
  return r;
}

/** Puts a failed message back in the queue, due now, with a fresh set of attempts. */
export async function requeue(db: Executor, id: number, now: Date): Promise<OutboxRow | undefined> {
  const [row] = await db
    .update(notificationOutbox)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: now })
    .where(and(eq(notificationOutbox.id, id), sql`${notificationOutbox.status} <> 'sent'`))
    .returning();
  return row;
}
