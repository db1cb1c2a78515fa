/** /projects/:id/weekly-update: the weekly update 周报 of a project, pre-filled (GET) and sent (POST, Idempotency-Key honoured). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  idParams,
  sendWeeklyUpdateBody,
  weeklyUpdateFormSchema,
  weeklyUpdateListSchema,
  weeklyUpdateQuery,
  weeklyUpdateSentSchema,
} from '@kpc/contracts';
import { requestContext } from '../../lib/request-context.js';
import * as service from './weekly-updates.service.js';

const weeklyUpdatesRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['weekly-updates'];

  app.get(
    '/weekly-updates',
    {
      schema: {
        tags,
        summary: '本周周报 The projects the user sends weekly updates for, with the week’s update if sent',
        querystring: weeklyUpdateQuery,
        response: { 200: weeklyUpdateListSchema },
      },
    },
    async (req) => service.listWeeklyUpdates(requestContext(app, req), req.query),
  );

  app.get(
    '/projects/:id/weekly-update',
    {
      schema: {
        tags,
        summary:
          '周报 The week’s form, pre-filled from the records (each value names its record); the responsible units and the enterprise',
        params: idParams,
        querystring: weeklyUpdateQuery,
        response: { 200: weeklyUpdateFormSchema },
      },
    },
    async (req) => service.getWeeklyUpdate(requestContext(app, req), req.params.id, req.query),
  );

  app.post(
    '/projects/:id/weekly-update',
    {
      schema: {
        tags,
        summary:
          '报送周报 Send only what changed (or unchanged: true); it writes the ledger, milestones, the month’s investment report (submitted) and problems in one transaction',
        params: idParams,
        querystring: weeklyUpdateQuery,
        body: sendWeeklyUpdateBody,
        response: { 200: weeklyUpdateSentSchema },
      },
    },
    async (req) => service.sendWeeklyUpdate(requestContext(app, req), req.params.id, req.query, req.body),
  );
};

export default weeklyUpdatesRoutes;
