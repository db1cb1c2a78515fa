/**
 * Refuses text that PostgreSQL cannot store as sent: a lone UTF-16 surrogate (`"\ud800"` in JSON)
 * would otherwise be replaced by U+FFFD on the way in, and the caller never told. Checked on the
 * parsed body and query of every request, before validation; names the field.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { userMessages } from '@kpc/contracts';
import { AppError } from '../lib/errors.js';

// with the u flag a surrogate pair is one code point; only a lone surrogate is of category Cs
const LONE_SURROGATE = /\p{Cs}/u;
const wellFormed = (s: string) => !LONE_SURROGATE.test(s);

/** The path of the first string that is not well-formed UTF-16, or null. */
export function firstMalformed(v: unknown, path: string[] = []): string[] | null {
  if (typeof v === 'string') return wellFormed(v) ? null : path;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const p = firstMalformed(v[i], [...path, String(i)]);
      if (p) return p;
    }
    return null;
  }
  if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      const p = wellFormed(k) ? firstMalformed(x, [...path, k]) : [...path, k];
      if (p) return p;
    }
  }
  return null;
}

export default fp(
  async function wellFormedInput(app: FastifyInstance) {
    app.addHook('preValidation', async (req) => {
      for (const [where, value] of [
        ['', req.body],
        ['query', req.query],
      ] as const) {
        const path = firstMalformed(value);
        if (path)
          throw new AppError('VALIDATION_FAILED', [
            { field: [where, ...path].filter(Boolean).join('.'), message: userMessages.malformed_text[req.locale] },
          ]);
      }
    });
  },
  { name: 'well-formed-input' },
);
