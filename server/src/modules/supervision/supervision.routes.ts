/** Supervision colours 三色督办: a project's colour with its reasons, and the colour map of the projects in scope. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  idParams,
  projectRagQuery,
  projectRagSchema,
  ragChangesQuery,
  ragChangesSchema,
  ragHistoryQuery,
  ragHistorySchema,
  ragMapQuery,
  ragMapSchema,
} from '@kpc/contracts';
import { requestContext } from '../../lib/request-context.js';
import * as history from './rag-history.service.js';
import * as service from './supervision.service.js';

const supervisionRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['supervision'];
  app.get(
    '/projects/:id/rag',
    {
      schema: {
        tags,
        summary:
          '项目三色 A project’s colour computed from its records, every reason with its rule, value, threshold and records (everyone who reads the project; 404 outside scope)',
        params: idParams,
        querystring: projectRagQuery,
        response: { 200: projectRagSchema },
      },
    },
    async (req) => service.getProjectRag(requestContext(app, req), req.params.id, req.query),
  );
  app.get(
    '/supervision/colours',
    {
      schema: {
        tags,
        summary: '三色图 The colour of every project the actor may see in a region, red first, with the counts',
        querystring: ragMapQuery,
        response: { 200: ragMapSchema },
      },
    },
    async (req) => service.getColourMap(requestContext(app, req), req.query),
  );
  app.get(
    '/projects/:id/rag/history',
    {
      schema: {
        tags,
        summary:
          '颜色历史 A project’s colour spells in a window (default the 90 days to today), with the days red of the spell in force (404 outside scope)',
        params: idParams,
        querystring: ragHistoryQuery,
        response: { 200: ragHistorySchema },
      },
    },
    async (req) => history.getRagHistory(requestContext(app, req), req.params.id, req.query),
  );
  app.get(
    '/supervision/changes',
    {
      schema: {
        tags,
        summary: '颜色变化 The projects in scope whose rated colour on `to` differs from `from` (default: the last 7 days)',
        querystring: ragChangesQuery,
        response: { 200: ragChangesSchema },
      },
    },
    async (req) => history.getRagChanges(requestContext(app, req), req.query),
  );
};

export default supervisionRoutes;
