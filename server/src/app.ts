/**
 * Builds the Fastify app: external plugins → app plugins → routes (fastify/demo order).
 * The database and the clock are injected so tests can run on a copied template database with a fake clock.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database, Db } from './db/client.js';
import { systemClock, type Clock } from './lib/clock.js';
import errorHandler from './plugins/error-handler.js';
import { AppError } from './lib/errors.js';
import auth from './plugins/auth.js';
import idempotency from './plugins/idempotency.js';
import wellFormedInput from './plugins/well-formed-input.js';
import { registerRoutes } from './routes.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    database: Database;
    clock: Clock;
    appOptions: Required<Pick<AppOptions, 'loginRateLimit' | 'writeRateLimit' | 'cookieSecure'>> & {
      secretsKey: string | null;
    };
    /** Where uploaded files live (outside the web root). */
    filesDir: string;
    /** Where the nightly backup writes, and where the audit retention job archives old audit rows. */
    backupDir: string;
    auditArchiveDir: string;
    /** The embedded DATA_DIR (its audit.key travels with backups); undefined with DATABASE_URL. */
    dataDir: string | undefined;
  }
}

export interface AppOptions {
  database: Database;
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
  /** Folder of the built web app; served from / when it exists. */
  webDist?: string;
  /** Login attempts per IP per minute. */
  loginRateLimit?: number;
  /** Writes per user (or IP) per minute. */
  writeRateLimit?: number;
  cookieSecure?: boolean;
  /** SECRETS_KEY: seals TOTP secrets at rest; without it they are stored as plain base32. */
  secretsKey?: string;
  /** Proxies whose X-Forwarded-For is believed (TRUSTED_PROXIES); none by default. */
  trustedProxies?: string[];
  /** Uploaded files (evidence); server.ts passes <DATA_DIR>/files, tests get a fresh temp dir. */
  filesDir?: string;
  /** Defaults: <filesDir>/../backups and <filesDir>/../audit-archive. */
  backupDir?: string;
  auditArchiveDir?: string;
  dataDir?: string;
}

export type App = FastifyInstance;

/** JSON bodies up to 16 MiB reach validation, so an oversized field is named in a 400, not a bare 413. */
const BODY_LIMIT = 16 * 1024 * 1024;

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: BODY_LIMIT,
    // Only the configured proxies: with `true`, any client could forge its address (audit, rate limits).
    trustProxy: opts.trustedProxies?.length ? opts.trustedProxies : false,
    requestTimeout: 30_000,
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.decorate('database', opts.database);
  app.decorate('db', opts.database.db);
  app.decorate('clock', opts.clock ?? systemClock);
  const filesDir = opts.filesDir ?? mkdtempSync(join(tmpdir(), 'kpc-files-'));
  app.decorate('filesDir', filesDir);
  app.decorate('backupDir', opts.backupDir ?? join(filesDir, '..', 'backups'));
  app.decorate('auditArchiveDir', opts.auditArchiveDir ?? join(filesDir, '..', 'audit-archive'));
  app.decorate('dataDir', opts.dataDir);
  // a files directory of its own (tests) goes away with the app
  if (!opts.filesDir) app.addHook('onClose', async () => rmSync(app.filesDir, { recursive: true, force: true }));
  app.decorate('appOptions', {
    loginRateLimit: opts.loginRateLimit ?? 20,
    writeRateLimit: opts.writeRateLimit ?? 600,
    cookieSecure: opts.cookieSecure ?? false,
    secretsKey: opts.secretsKey ?? null,
  });

  // (before @fastify/rate-limit, whose own onRoute hook reads this config)
  // Writes are rate-limited per session cookie (or IP when there is none); login has its own tighter limit.
  app.addHook('onRoute', (route) => {
    const methods = ([] as string[]).concat(route.method);
    if (
      !route.url.startsWith('/api/') ||
      route.config?.rateLimit ||
      !methods.some((m) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(m))
    )
      return;
    route.config = {
      ...route.config,
      rateLimit: {
        max: app.appOptions.writeRateLimit,
        timeWindow: '1 minute',
        keyGenerator: (req) => req.cookies?.kpc_session ?? req.ip,
      },
    };
  });

  // external plugins
  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd and ECharts set inline styles
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(rateLimit, { global: false });
  // API answers are per user and often personal: never kept by a browser or proxy cache.
  // Permissions-Policy: only this origin may ask for the camera and the location (site checks on a phone);
  // no microphone, payment or USB at all.
  app.addHook('onSend', async (req, reply) => {
    reply.header('permissions-policy', 'camera=(self), microphone=(), geolocation=(self), payment=(), usb=()');
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 10, fields: 20 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: '重点项目调度督办平台 API / Key Project Command API',
        version: '1.0.0',
        description:
          'Versioned REST API. Cookie sessions: log in with POST /api/v1/auth/login, then send the returned csrfToken as the x-csrf-token header on every POST/PUT/PATCH/DELETE. Errors are { error: { code, message, details } } with message in zh-CN or English by Accept-Language.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'kpc_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  // app plugins
  await app.register(errorHandler);
  await app.register(auth);
  await app.register(idempotency);
  await app.register(wellFormedInput);

  // routes
  await app.register(registerRoutes, { prefix: '/api/v1' });
  app.get('/api/v1/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  const webDist = opts.webDist ?? resolve(import.meta.dirname, '../../web/dist');
  if (existsSync(join(webDist, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, index: 'index.html' });
    // Client-side routes fall back to index.html; unknown /api paths stay JSON 404s. A catch-all
    // route rather than a second not-found handler: the error handler plugin already owns that one.
    app.get('/*', { config: { public: true }, schema: { hide: true } }, async (req, reply) => {
      // a missing file (an old chunk name after a deploy, a typo) is a 404, not the app's page
      if (req.url.startsWith('/api/') || /\.[A-Za-z0-9]+$/.test(req.url.split('?')[0]!)) throw new AppError('ROUTE_NOT_FOUND');
      return reply.sendFile('index.html');
    });
  }
  return app;
}
