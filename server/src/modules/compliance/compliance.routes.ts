/** The weekly quota 周督查: the week's table and the 12-week heat map (read only). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { complianceHeatmapQuery, complianceHeatmapSchema, weeklyComplianceQuery, weeklyComplianceSchema } from '@kpc/contracts';
import { requestContext } from '../../lib/request-context.js';
import * as service from './compliance.service.js';

const complianceRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['compliance'];
  app.get(
    '/compliance/weekly',
    {
      schema: {
        tags,
        summary:
          '周督查达标 The weekly quota for an ISO week: each contracting leader and task-force head of the region with site checks, problems solved on site and whether they met it (office, supervisor, viewer, admin, leaders; units and enterprises 403)',
        querystring: weeklyComplianceQuery,
        response: { 200: weeklyComplianceSchema },
      },
    },
    async (req) => service.getWeekly(requestContext(app, req), req.query),
  );
  app.get(
    '/compliance/heatmap',
    {
      schema: {
        tags,
        summary: '周督查热力图 Per person, the weekly figures and met flags of the weeks ending with `to` (default 12)',
        querystring: complianceHeatmapQuery,
        response: { 200: complianceHeatmapSchema },
      },
    },
    async (req) => service.getHeatmap(requestContext(app, req), req.query),
  );
};

export default complianceRoutes;
