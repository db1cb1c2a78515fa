/** /users: account administration (admin only). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createUserBody,
  idParams,
  listUsersQuery,
  resetPasswordBody,
  updateUserBody,
  userPage,
  userSchema,
} from '@kpc/contracts';
import { requestContext } from '../../lib/request-context.js';
import { createUser, getUser, listUsers, resetPassword, unlockUser, updateUser } from './users.service.js';

const tags = ['users'];

const usersRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/users',
    { schema: { tags, summary: '用户列表 List users', querystring: listUsersQuery, response: { 200: userPage } } },
    async (req) => listUsers(requestContext(app, req), req.query),
  );

  app.get(
    '/users/:id',
    { schema: { tags, summary: '用户详情 Get a user', params: idParams, response: { 200: userSchema } } },
    async (req) => getUser(requestContext(app, req), req.params.id),
  );

  app.post(
    '/users',
    {
      schema: {
        tags,
        summary: '新建用户 Create a user (must change the password at first login)',
        body: createUserBody,
        response: { 201: userSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createUser(requestContext(app, req), req.body)),
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        tags,
        summary: '修改用户 Edit, disable or change roles of a user',
        params: idParams,
        body: updateUserBody,
        response: { 200: userSchema },
      },
    },
    async (req) => updateUser(requestContext(app, req), req.params.id, req.body),
  );

  app.post(
    '/users/:id/reset-password',
    {
      schema: {
        tags,
        summary: '重置密码 Reset a password (forces a change, ends sessions, clears the lockout)',
        params: idParams,
        body: resetPasswordBody,
        response: { 200: userSchema },
      },
    },
    async (req) => resetPassword(requestContext(app, req), req.params.id, req.body),
  );

  app.post(
    '/users/:id/unlock',
    {
      schema: { tags, summary: '解除锁定 Unlock a locked account', params: idParams, response: { 200: userSchema } },
    },
    async (req) => unlockUser(requestContext(app, req), req.params.id),
  );
};

export default usersRoutes;
