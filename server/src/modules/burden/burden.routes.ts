/** The burden measured 填报负担 (read only; entries are written with the submissions they measure). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { burdenQuery, burdenReportSchema } from '@kpc/contracts';
import { requestContext } from '../../lib/request-context.js';
import * as service from './burden.service.js';

const burdenRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/burden',
    {
      schema: {
        tags: ['burden'],
        summary:
          '填报负担 Fields typed and seconds spent on the entry screens of the region, per unit, person or project, with the weekly trend and the target (admin, office; others 403). Never used for colours or evaluations',
        querystring: burdenQuery,
        response: { 200: burdenReportSchema },
      },
    },
    async (req) => service.getBurden(requestContext(app, req), req.query),
  );
};

export default burdenRoutes;
