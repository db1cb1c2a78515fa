/** /notifications (the own inbox), /notification-robots (群机器人, admin), /notification-outbox (failures, admin). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createRobotBody,
  idParams,
  listNotificationsQuery,
  notificationPage,
  notificationSchema,
  okSchema,
  outboxEntrySchema,
  outboxList,
  outboxQuery,
  readAllResult,
  robotSchema,
  robotTestResult,
  unreadCount,
  updateRobotBody,
} from '@kpc/contracts';
import { requestContext } from '../../lib/request-context.js';
import { secretBox } from '../auth/totp.js';
import * as service from './notifications.service.js';

const notificationsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['notifications'];
  const ctx = (req: Parameters<typeof requestContext>[1]) => requestContext(app, req);
  const box = secretBox(app.appOptions.secretsKey);

  app.get(
    '/notifications',
    {
      schema: {
        tags,
        summary: '我的通知 The own inbox: unread first, then newest first, by cursor',
        querystring: listNotificationsQuery,
        response: { 200: notificationPage },
      },
    },
    async (req) => service.listNotifications(ctx(req), req.query),
  );
  app.get(
    '/notifications/unread-count',
    { schema: { tags, summary: '未读数 How many of the own notifications are unread', response: { 200: unreadCount } } },
    async (req) => service.unreadCount(ctx(req)),
  );
  app.post(
    '/notifications/:id/read',
    {
      schema: {
        tags,
        summary: '标为已读 Mark one of the own notifications read (another’s is 404)',
        params: idParams,
        response: { 200: notificationSchema },
      },
    },
    async (req) => service.markRead(ctx(req), req.params.id),
  );
  app.post(
    '/notifications/read-all',
    { schema: { tags, summary: '全部已读 Mark every own notification read', response: { 200: readAllResult } } },
    async (req) => service.markAllRead(ctx(req)),
  );

  app.get(
    '/notification-robots',
    {
      schema: {
        tags,
        summary: '群机器人 The DingTalk / WeCom robots of the admin’s region (secrets never shown)',
        response: { 200: z.object({ items: z.array(robotSchema) }) },
      },
    },
    async (req) => ({ items: await service.listRobots(ctx(req)) }),
  );
  app.post(
    '/notification-robots',
    {
      schema: {
        tags,
        summary: '新增群机器人 Add a robot for a unit or a region',
        body: createRobotBody,
        response: { 201: robotSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await service.createRobot(ctx(req), box, req.body)),
  );
  app.patch(
    '/notification-robots/:id',
    {
      schema: {
        tags,
        summary: '修改群机器人 Change a robot (version checked; a secret left out is kept)',
        params: idParams,
        body: updateRobotBody,
        response: { 200: robotSchema },
      },
    },
    async (req) => service.updateRobot(ctx(req), box, req.params.id, req.body),
  );
  app.delete(
    '/notification-robots/:id',
    {
      schema: { tags, summary: '删除群机器人 Delete a robot and its outbox', params: idParams, response: { 200: okSchema } },
    },
    async (req) => {
      await service.deleteRobot(ctx(req), req.params.id);
      return { ok: true as const };
    },
  );
  app.post(
    '/notification-robots/:id/test',
    {
      schema: {
        tags,
        summary: '发送测试消息 Post a test message now and say whether the robot took it',
        params: idParams,
        response: { 200: robotTestResult },
      },
    },
    async (req) => service.testRobot(ctx(req), box, req.params.id),
  );

  app.get(
    '/notification-outbox',
    {
      schema: {
        tags,
        summary: '发送失败的消息 The robots’ outbox: failing (dead or retrying) by default',
        querystring: outboxQuery,
        response: { 200: outboxList },
      },
    },
    async (req) => service.listOutbox(ctx(req), req.query.status),
  );
  app.post(
    '/notification-outbox/:id/retry',
    {
      schema: {
        tags,
        summary: '重试 Put a failed message back in the queue, due now',
        params: idParams,
        response: { 200: outboxEntrySchema },
      },
    },
    async (req) => service.retryOutbox(ctx(req), req.params.id),
  );
};

export default notificationsRoutes;
