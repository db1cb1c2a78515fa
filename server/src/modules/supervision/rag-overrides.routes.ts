/** /projects/:id/rag/override(s): the supervisor's colour overrides 人工调整 and their history. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { endRagOverrideBody, idParams, overrideRagBody, ragOverrideSchema } from '@kpc/contracts';
import { requestContext } from '../../lib/request-context.js';
import * as service from './rag-overrides.service.js';

const ragOverridesRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['supervision'];

  app.get(
    '/projects/:id/rag/overrides',
    {
      schema: {
        tags,
        summary: '人工调整记录 A project’s colour overrides, newest first (who, why, until when, ended)',
        params: idParams,
        response: { 200: z.array(ragOverrideSchema) },
      },
    },
    async (req) => service.listOverrides(requestContext(app, req), req.params.id),
  );

  app.post(
    '/projects/:id/rag/override',
    {
      schema: {
        tags,
        summary: '人工调整 The supervisor sets the colour shown, with a reason and a last day (ends the one in force)',
        params: idParams,
        body: overrideRagBody,
        response: { 201: ragOverrideSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await service.overrideRag(requestContext(app, req), req.params.id, req.body)),
  );

  app.post(
    '/projects/:id/rag/override/end',
    {
      schema: {
        tags,
        summary: '结束人工调整 End the override in force: the computed colour shows again',
        params: idParams,
        body: endRagOverrideBody,
        response: { 200: ragOverrideSchema },
      },
    },
    async (req) => service.endRagOverride(requestContext(app, req), req.params.id, req.body),
  );
};

export default ragOverridesRoutes;
