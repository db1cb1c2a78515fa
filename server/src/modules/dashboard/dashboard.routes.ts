/** The dashboard summary, readable by every role within its regions (viewer included). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { dashboardSummaryQuery, dashboardSummarySchema } from '@kpc/contracts';
import { requestContext } from '../../lib/request-context.js';
import * as service from './dashboard.service.js';

const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/dashboard/summary',
    {
      schema: {
        tags: ['dashboard'],
        summary:
          '驾驶舱汇总 Headline figures, investment completion by level / unit / leader / region, stage funnel and batch rates, computed from records (money in yuan, rates 0–1)',
        querystring: dashboardSummaryQuery,
        response: { 200: dashboardSummarySchema },
      },
    },
    async (req) => service.getSummary(requestContext(app, req), req.query),
  );
};

export default dashboardRoutes;
