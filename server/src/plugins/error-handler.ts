/** Maps every failure onto `{ error: { code, message, details } }` in the user's language. Never leaks internals. */
import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { errorMessages, fieldIssues, type ErrorCode, type Locale } from '@kpc/contracts';
import { AppError } from '../lib/errors.js';
import { pickLocale } from '../lib/locale.js';

function body(code: ErrorCode, locale: Locale, details?: unknown, custom?: { 'zh-CN': string; en: string }) {
  const message = (custom ?? errorMessages[code])[locale];
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** PostgreSQL errors a bad request can cause (constraint and data errors) become 4xx. */
function fromPg(err: { code?: string; constraint?: string }): { status: number; code: ErrorCode } | null {
  switch (err.code) {
    case '23505':
      return { status: 409, code: 'DUPLICATE' };
    case '23503':
      return { status: 400, code: 'REFERENCE_INVALID' };
    case '23502':
    case '23514':
    case '22001':
    case '22003':
    case '22007':
    case '22008':
    case '22P02':
      return { status: 400, code: 'VALIDATION_FAILED' };
    default:
      return null;
  }
}

const MALFORMED_MULTIPART =
  /^(Unexpected end of (multipart data|form)|Multipart: Boundary not found|Malformed part header|Part terminated early|Boundary not found)/;
const malformedMultipart = {
  'zh-CN': '上传内容不完整或格式错误（multipart/form-data）',
  en: 'The upload is incomplete or malformed (multipart/form-data)',
};

export default fp(async function errorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const locale = pickLocale(req.headers['accept-language']);
    if (err instanceof AppError) {
      return reply.status(err.statusCode).send(body(err.code, locale, err.details, err.customMessage));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body';
      const details = err.validation.map((v) => {
        const path = v.instancePath.replace(/^\//, '').split('/').filter(Boolean);
        // the provider passes a zod issue as { keyword: code, message, params: the rest }
        const issue = { ...v.params, code: v.keyword, message: v.message, path } as unknown as Parameters<
          typeof fieldIssues
        >[0][number];
        return fieldIssues([issue], locale, where === 'body' ? '' : where);
      });
      return reply.status(400).send(body('VALIDATION_FAILED', locale, details.flat()));
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause?.issues }, 'response serialization failed');
      return reply.status(500).send(body('INTERNAL', locale));
    }
    // drizzle wraps driver errors (DrizzleQueryError): the PostgreSQL code is on the cause
    const pgMapped =
      fromPg(((err as { cause?: unknown }).cause ?? err) as { code?: string }) ?? fromPg(err as unknown as { code?: string });
    if (pgMapped) {
      req.log.warn({ err }, 'database refused a write');
      return reply.status(pgMapped.status).send(body(pgMapped.code, locale));
    }
    const status = err.statusCode ?? 500;
    if (status === 413 || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.code === 'FST_REQ_FILE_TOO_LARGE')
      return reply.status(413).send(body('PAYLOAD_TOO_LARGE', locale));
    if (status === 429) return reply.status(429).send(body('RATE_LIMITED', locale));
    if (status === 415 || err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
      // name what was sent and what the route takes: the caller can fix it without guessing
      const sent = (req.headers['content-type'] ?? '').split(';')[0]!.trim() || '(none)';
      const expected = err.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE' ? 'multipart/form-data' : 'application/json';
      return reply.status(415).send(
        body(
          'UNSUPPORTED_MEDIA_TYPE',
          locale,
          { contentType: sent, expected },
          {
            'zh-CN': `不支持的请求内容类型 ${sent}，请使用 ${expected}`,
            en: `Unsupported request content type ${sent}; send ${expected}`,
          },
        ),
      );
    }
    // a multipart body cut short or without its boundary (busboy's errors carry no status)
    if (MALFORMED_MULTIPART.test(err.message ?? ''))
      return reply.status(400).send(body('BAD_REQUEST', locale, [{ field: 'body', message: malformedMultipart[locale] }]));
    if (status >= 400 && status < 500) return reply.status(status).send(body('BAD_REQUEST', locale));
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send(body('INTERNAL', locale));
  });

  app.setNotFoundHandler((req, reply) => {
    reply.status(404).send(body('ROUTE_NOT_FOUND', pickLocale(req.headers['accept-language'])));
  });
});
