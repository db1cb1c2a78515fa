import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  changePasswordBody,
  loginBody,
  loginResponse,
  okSchema,
  sessionIdParams,
  sessionListResponse,
  totpDisableBody,
  totpEnableBody,
  totpEnableResponse,
  totpSetupResponse,
} from '@kpc/contracts';
import { anonymousContext, requestContext } from '../../lib/request-context.js';
import { SESSION_COOKIE } from '../../plugins/auth.js';
import {
  changePassword,
  getCurrentUser,
  disableTotp,
  enableTotp,
  endMySession,
  listMySessions,
  login,
  logout,
  setupTotp,
} from './auth.service.js';
import { secretBox } from './totp.js';

const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const box = secretBox(app.appOptions.secretsKey);

  app.post(
    '/auth/login',
    {
      config: { public: true, rateLimit: { max: app.appOptions.loginRateLimit, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: '登录 Log in (with totpCode or recoveryCode when the account has TOTP: 401 TOTP_REQUIRED otherwise)',
        body: loginBody,
        response: { 200: loginResponse },
      },
    },
    async (req, reply) => {
      const r = await login(anonymousContext(app, req), box, {
        ...req.body,
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? null,
      });
      reply.setCookie(SESSION_COOKIE, r.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        // behind a trusted proxy that terminates HTTPS (X-Forwarded-Proto), the cookie is Secure as well
        secure: app.appOptions.cookieSecure || req.protocol === 'https',
        maxAge: r.maxAgeSeconds,
      });
      return { user: r.user, csrfToken: r.csrfToken };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { allowPasswordChange: true, allowTotpEnrolment: true },
      schema: { tags: ['auth'], summary: '退出 Log out', response: { 200: okSchema } },
    },
    async (req, reply) => {
      await logout(requestContext(app, req), req.sessionId!);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.get(
    '/auth/me',
    {
      config: { allowPasswordChange: true, allowTotpEnrolment: true },
      schema: { tags: ['auth'], summary: '当前用户 Current user and CSRF token', response: { 200: loginResponse } },
    },
    async (req) => ({
      user: await getCurrentUser(requestContext(app, req)),
      csrfToken: req.csrfToken!,
    }),
  );

  app.post(
    '/auth/password',
    {
      // open during a required enrolment too: an account that must do both changes the password first
      config: { allowPasswordChange: true, allowTotpEnrolment: true },
      schema: {
        tags: ['auth'],
        summary: '修改密码 Change own password (not to one of the last 5)',
        body: changePasswordBody,
        response: { 200: okSchema },
      },
    },
    async (req) => {
      await changePassword(requestContext(app, req), req.sessionId!, req.body);
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/totp/setup',
    {
      config: { allowTotpEnrolment: true, ownAccount: true },
      schema: {
        tags: ['auth'],
        summary: '绑定身份验证器 Start TOTP enrolment (a new secret, pending until confirmed)',
        response: { 200: totpSetupResponse },
      },
    },
    async (req) => setupTotp(requestContext(app, req), box),
  );

  app.post(
    '/auth/totp/enable',
    {
      config: { allowTotpEnrolment: true, ownAccount: true },
      schema: {
        tags: ['auth'],
        summary: '启用两步验证 Confirm TOTP with a code; returns the recovery codes once',
        body: totpEnableBody,
        response: { 200: totpEnableResponse },
      },
    },
    async (req) => enableTotp(requestContext(app, req), box, req.body.code),
  );

  app.post(
    '/auth/totp/disable',
    {
      config: { ownAccount: true },
      schema: {
        tags: ['auth'],
        summary: '停用两步验证 Turn TOTP off (password and a code or recovery code)',
        body: totpDisableBody,
        response: { 200: okSchema },
      },
    },
    async (req) => {
      await disableTotp(requestContext(app, req), box, req.body);
      return { ok: true as const };
    },
  );

  app.get(
    '/auth/sessions',
    {
      schema: { tags: ['auth'], summary: '我的会话 My active sessions', response: { 200: sessionListResponse } },
    },
    async (req) => listMySessions(requestContext(app, req), req.sessionId!),
  );

  app.delete(
    '/auth/sessions/:id',
    {
      config: { ownAccount: true },
      schema: {
        tags: ['auth'],
        summary: '结束会话 End one of my sessions (404 if not mine)',
        params: sessionIdParams,
        response: { 200: okSchema },
      },
    },
    async (req) => {
      await endMySession(requestContext(app, req), req.params.id);
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
