/**
 * Idempotent creates: a POST carrying an `Idempotency-Key` header (any client-chosen string up to
 * 200 characters, e.g. a UUID per form submission) is answered once; the same key again within
 * 24 h replays the stored answer (header `idempotent-replayed: true`) instead of creating a second
 * record, so a phone that lost the response can simply retry. The same key with another body or
 * path → 422; while the first request is still running → 409. Only successful (2xx) answers are
 * kept: after a 4xx or 5xx the key is free again for the corrected retry.
 *
 * Limit: the answer is stored just after the create commits, in its own statement; a crash in
 * between (milliseconds) leaves the key free, and a retry would create again.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../lib/errors.js';
import { canonicalJson } from '../lib/audit-chain.js';
import { claimKey, findKey, releaseKey, retakeKey, storeResponse } from './idempotency.repository.js';

const KEY = /^[\x21-\x7e]{1,200}$/;
const KEEP_MS = 24 * 60 * 60 * 1000;
/** A request that has not answered after this long lost its process. */
const ABANDONED_MS = 2 * 60 * 1000;

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: { userId: number; key: string } | null;
  }
}

function bodyHash(req: FastifyRequest): string {
  // a multipart body is streamed to the handler later; its parts cannot be hashed here
  const body = req.isMultipart() ? null : (req.body ?? null);
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

async function idempotency(app: FastifyInstance) {
  app.decorateRequest('idempotency', null);

  app.addHook('preHandler', async (req, reply) => {
    if (req.method !== 'POST') return;
    const header = req.headers['idempotency-key'];
    if (header === undefined || !req.actor) return;
    const key = Array.isArray(header) ? header[0]! : header;
    if (!KEY.test(key))
      throw new AppError('BAD_REQUEST', [{ field: 'Idempotency-Key', message: '1–200 visible ASCII characters' }]);
    const now = app.clock.now();
    const v = { userId: req.actor.id, key, method: req.method, path: req.url, bodyHash: bodyHash(req), at: now };
    if (await claimKey(app.db, v)) {
      req.idempotency = { userId: v.userId, key };
      return;
    }
    const old = await findKey(app.db, v.userId, key);
    const age = old ? now.getTime() - old.createdAt.getTime() : Infinity;
    const retake = !old || age > KEEP_MS || (old.statusCode === null && age > ABANDONED_MS);
    if (retake) {
      if (old ? await retakeKey(app.db, old, v) : await claimKey(app.db, v)) {
        req.idempotency = { userId: v.userId, key };
        return;
      }
      throw new AppError('IDEMPOTENCY_IN_PROGRESS');
    }
    if (old!.path !== v.path || old!.bodyHash !== v.bodyHash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
    if (old!.statusCode === null) {
      reply.header('retry-after', '1');
      throw new AppError('IDEMPOTENCY_IN_PROGRESS');
    }
    return reply
      .code(old!.statusCode)
      .header('idempotent-replayed', 'true')
      .type('application/json; charset=utf-8')
      .send(old!.response ?? '');
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const held = req.idempotency;
    if (!held) return payload;
    req.idempotency = null;
    if (reply.statusCode >= 200 && reply.statusCode < 300 && typeof payload === 'string')
      await storeResponse(app.db, held.userId, held.key, reply.statusCode, payload);
    else await releaseKey(app.db, held.userId, held.key);
    return payload;
  });
}

export default fp(idempotency, { name: 'idempotency' });
