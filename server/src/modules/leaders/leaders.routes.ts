/** /leaders: contracting leaders 分包领导. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createLeaderBody,
  idParams,
  leaderPage,
  leaderSchema,
  listReferenceQuery,
  okSchema,
  updateLeaderBody,
} from '@kpc/contracts';
import { requestContext } from '../../lib/request-context.js';
import { createLeader, deleteLeader, getLeader, listLeaders, updateLeader } from './leaders.service.js';

const tags = ['leaders'];

const leadersRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/leaders',
    {
      schema: { tags, summary: '分包领导列表 List leaders', querystring: listReferenceQuery, response: { 200: leaderPage } },
    },
    async (req) => listLeaders(requestContext(app, req), req.query),
  );
  app.get(
    '/leaders/:id',
    { schema: { tags, summary: '分包领导详情 Get a leader', params: idParams, response: { 200: leaderSchema } } },
    async (req) => getLeader(requestContext(app, req), req.params.id),
  );
  app.post(
    '/leaders',
    { schema: { tags, summary: '新建分包领导 Create a leader', body: createLeaderBody, response: { 201: leaderSchema } } },
    async (req, reply) => reply.status(201).send(await createLeader(requestContext(app, req), req.body)),
  );
  app.patch(
    '/leaders/:id',
    {
      schema: {
        tags,
        summary: '修改分包领导 Edit a leader',
        params: idParams,
        body: updateLeaderBody,
        response: { 200: leaderSchema },
      },
    },
    async (req) => updateLeader(requestContext(app, req), req.params.id, req.body),
  );
  app.delete(
    '/leaders/:id',
    {
      schema: {
        tags,
        summary: '删除分包领导 Delete an unreferenced leader',
        params: idParams,
        response: { 200: okSchema },
      },
    },
    async (req) => {
      await deleteLeader(requestContext(app, req), req.params.id);
      return { ok: true as const };
    },
  );
};

export default leadersRoutes;
