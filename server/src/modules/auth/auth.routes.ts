import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changePasswordBody, loginBody, loginResponse, okSchema } from '@kpc/contracts';
import { SESSION_COOKIE } from '../../plugins/auth.js';
import { changePassword, currentUser, login, logout } from './auth.service.js';

const authRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/auth/login',
    {
      config: { public: true, rateLimit: { max: app.appOptions.loginRateLimit, timeWindow: '1 minute' } },
      schema: { tags: ['auth'], summary: '登录 Log in', body: loginBody, response: { 200: loginResponse } },
    },
    async (req, reply) => {
      const r = await login(app.db, app.clock, {
        username: req.body.username,
        password: req.body.password,
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? null,
      });
      reply.setCookie(SESSION_COOKIE, r.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: app.appOptions.cookieSecure,
        maxAge: r.maxAgeSeconds,
      });
      return { user: r.user, csrfToken: r.csrfToken };
    },
  );

  app.post(
    '/auth/logout',
    { config: { allowPasswordChange: true }, schema: { tags: ['auth'], summary: '退出 Log out', response: { 200: okSchema } } },
    async (req, reply) => {
      await logout(app.db, app.clock, req.sessionId!, req.auditCtx());
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.get(
    '/auth/me',
    {
      config: { allowPasswordChange: true },
      schema: { tags: ['auth'], summary: '当前用户 Current user and CSRF token', response: { 200: loginResponse } },
    },
    async (req) => ({
      user: await currentUser(app.db, req.requireActor().id),
      csrfToken: req.csrfToken!,
    }),
  );

  app.post(
    '/auth/password',
    {
      config: { allowPasswordChange: true },
      schema: { tags: ['auth'], summary: '修改密码 Change own password', body: changePasswordBody, response: { 200: okSchema } },
    },
    async (req) => {
      await changePassword(app.db, app.clock, req.requireActor().id, req.sessionId!, req.body, req.auditCtx());
      return { ok: true as const };
    },
  );

  app.get(
    '/health',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: '健康检查 Health',
        response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['embedded', 'postgres']) }) },
      },
    },
    async () => {
      await app.database.raw('select 1');
      return { status: 'ok' as const, database: app.database.kind };
    },
  );
};

export default authRoutes;
