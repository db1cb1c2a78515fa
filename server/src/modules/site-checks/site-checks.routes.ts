import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createSiteCheckBody,
  idParams,
  listSiteChecksQuery,
  pageOf,
  siteCheckSchema,
  siteCheckTargetsSchema,
} from '@kpc/contracts';
import { requestContext } from '../../lib/request-context.js';
import * as service from './site-checks.service.js';

const siteChecksRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['site-checks'];

  app.get(
    '/site-checks',
    {
      schema: {
        tags,
        summary: '实地检查 Site checks: filters (project, leader, from, to) and paging; the projects one may read, and one’s own',
        querystring: listSiteChecksQuery,
        response: { 200: pageOf(siteCheckSchema) },
      },
    },
    async (req) => service.listSiteChecks(requestContext(app, req), req.query),
  );

  app.get(
    '/site-checks/targets',
    {
      schema: {
        tags,
        summary: '可检查项目 The projects the current user may check, with their open problems (the form’s pickers)',
        response: { 200: siteCheckTargetsSchema },
      },
    },
    async (req) => service.siteCheckTargets(requestContext(app, req)),
  );

  app.post(
    '/site-checks',
    {
      schema: {
        tags,
        summary:
          '登记实地检查 Log a site check (leader or task-force head, as themselves): location, findings, problems raised and solved on the spot. Stored once per clientKey: the same key again → 200 with the first record',
        body: createSiteCheckBody,
        response: { 200: siteCheckSchema, 201: siteCheckSchema },
      },
    },
    async (req, reply) => {
      const { created, check } = await service.createSiteCheck(requestContext(app, req), req.body);
      return reply.status(created ? 201 : 200).send(check);
    },
  );

  app.get(
    '/site-checks/:id',
    { schema: { tags, summary: '实地检查 One site check', params: idParams, response: { 200: siteCheckSchema } } },
    async (req) => service.getSiteCheck(requestContext(app, req), req.params.id),
  );
};

export default siteChecksRoutes;
