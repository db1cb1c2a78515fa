/** GET /gantt: all bars of a portfolio in one response, filtered by unit, leader, level, stage, region or project. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ganttQuery, ganttSchema } from '@kpc/contracts';
import { requestContext } from '../../lib/request-context.js';
import { getGantt } from './gantt.service.js';

const ganttRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/gantt',
    {
      schema: {
        tags: ['milestones'],
        summary: '甘特图 Gantt bars (plan, actual, forecast, slip, late) for the projects matching the filters',
        querystring: ganttQuery,
        response: { 200: ganttSchema },
      },
    },
    async (req) => getGantt(requestContext(app, req), req.query),
  );
};

export default ganttRoutes;
