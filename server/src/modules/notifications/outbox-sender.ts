/**
 * The outbox sender: every 15 s in each app instance (croner), and `flushOutbox` for tests and the admin.
 * It claims due messages (`for update skip locked`, with a lease), posts each with a timeout, marks it sent
 * on `{ errcode: 0 }`, else moves its next attempt back 30 s × 2^(attempt − 1), capped at an hour, and after
 * the last attempt marks it dead (the admin's outbox page shows it, with 重试). However many instances run,
 * a message is posted once; while a receiver is down its messages wait.
 */
import { Cron } from 'croner';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { secretBox, type SecretBox } from '../auth/totp.js';
import { claimDue, markFailed, markSent } from './notifications.repository.js';
import { postToRobot } from './webhooks.js';

export const OUTBOX = {
  batch: 20,
  timeoutMs: 10_000,
  /** Longer than a post can take: a claimed row is not claimed again until a dead sender's lease runs out. */
  leaseMs: 120_000,
  baseBackoffMs: 30_000,
  maxBackoffMs: 60 * 60_000,
  maxAttempts: 8,
};

export const backoffMs = (attempt: number) => Math.min(OUTBOX.baseBackoffMs * 2 ** Math.max(0, attempt - 1), OUTBOX.maxBackoffMs);

export interface FlushResult {
  sent: number;
  retrying: number;
  dead: number;
}

/** Sends what is due now, batch after batch, until nothing due is left. */
export async function flushOutbox(
  db: Db,
  clock: Clock,
  opts: { timeoutMs?: number; box?: SecretBox } = {},
): Promise<FlushResult> {
  const box = opts.box ?? secretBox(null);
  const out: FlushResult = { sent: 0, retrying: 0, dead: 0 };
  for (;;) {
    const now = clock.now();
    const batch = await claimDue(db, now, new Date(now.getTime() + OUTBOX.leaseMs), OUTBOX.batch);
    if (batch.length === 0) return out;
    for (const m of batch) {
      const robot = { ...m.robot, secret: m.robot.secret === null ? null : box.open(m.robot.secret) };
      const error = await postToRobot(robot, m.payload, clock.now(), opts.timeoutMs ?? OUTBOX.timeoutMs);
      const at = clock.now();
      if (error === null) {
        await markSent(db, m.id, at);
        out.sent++;
      } else {
        const dead = m.attempts >= OUTBOX.maxAttempts;
        await markFailed(db, m.id, { error, dead, nextAttemptAt: new Date(at.getTime() + backoffMs(m.attempts)) });
        if (dead) out.dead++;
        else out.retrying++;
      }
    }
  }
}

export function startOutboxSender(app: FastifyInstance): { stop: () => void } {
  const box = secretBox(app.appOptions.secretsKey);
  const cron = new Cron('*/15 * * * * *', { protect: true }, async () => {
    try {
      const r = await flushOutbox(app.db, app.clock, { box });
      if (r.sent + r.retrying + r.dead > 0) app.log.info(r, 'notification outbox');
    } catch (err) {
      app.log.error({ err }, 'notification outbox failed');
    }
  });
  return { stop: () => cron.stop() };
}
