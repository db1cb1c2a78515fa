/** /enterprises: investing enterprises 项目业主. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createEnterpriseBody,
  enterprisePage,
  enterpriseSchema,
  idParams,
  listEnterprisesQuery,
  okSchema,
  updateEnterpriseBody,
} from '@kpc/contracts';
import { requestContext } from '../../lib/request-context.js';
import { createEnterprise, deleteEnterprise, getEnterprise, listEnterprises, updateEnterprise } from './enterprises.service.js';

const tags = ['enterprises'];

const enterprisesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/enterprises',
    {
      schema: {
        tags,
        summary: '项目业主列表 List enterprises',
        querystring: listEnterprisesQuery,
        response: { 200: enterprisePage },
      },
    },
    async (req) => listEnterprises(requestContext(app, req), req.query),
  );
  app.get(
    '/enterprises/:id',
    { schema: { tags, summary: '项目业主详情 Get an enterprise', params: idParams, response: { 200: enterpriseSchema } } },
    async (req) => getEnterprise(requestContext(app, req), req.params.id),
  );
  app.post(
    '/enterprises',
    {
      schema: {
        tags,
        summary: '新建项目业主 Create an enterprise',
        body: createEnterpriseBody,
        response: { 201: enterpriseSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createEnterprise(requestContext(app, req), req.body)),
  );
  app.patch(
    '/enterprises/:id',
    {
      schema: {
        tags,
        summary: '修改项目业主 Edit an enterprise',
        params: idParams,
        body: updateEnterpriseBody,
        response: { 200: enterpriseSchema },
      },
    },
    async (req) => updateEnterprise(requestContext(app, req), req.params.id, req.body),
  );
  app.delete(
    '/enterprises/:id',
    {
      schema: {
        tags,
        summary: '删除项目业主 Delete an unreferenced enterprise',
        params: idParams,
        response: { 200: okSchema },
      },
    },
    async (req) => {
      await deleteEnterprise(requestContext(app, req), req.params.id);
      return { ok: true as const };
    },
  );
};

export default enterprisesRoutes;
