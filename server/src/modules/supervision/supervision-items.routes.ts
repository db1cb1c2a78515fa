/** /supervision/items: supervision items 督办事项 through the four links 协调、跟踪、问效、通报. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createSupervisionItemBody,
  idParams,
  listSupervisionItemsQuery,
  supervisionItemDetailSchema,
  supervisionItemPageSchema,
  supervisionStepBody,
  updateSupervisionItemBody,
} from '@kpc/contracts';
import { requestContext } from '../../lib/request-context.js';
import * as service from './supervision-items.service.js';

const supervisionItemsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['supervision'];

  app.get(
    '/supervision/items',
    {
      schema: {
        tags,
        summary:
          '督办事项 Supervision items in scope (a unit its own, a leader those of their projects, the bureau its region), by deadline, with colour, reasons and the counts per link',
        querystring: listSupervisionItemsQuery,
        response: { 200: supervisionItemPageSchema },
      },
    },
    async (req) => service.listSupervisionItems(requestContext(app, req), req.query),
  );

  app.get(
    '/supervision/items/:id',
    {
      schema: {
        tags,
        summary: '督办事项详情 One item with its colour, the steps the user may take, and its timeline',
        params: idParams,
        response: { 200: supervisionItemDetailSchema },
      },
    },
    async (req) => service.getSupervisionItem(requestContext(app, req), req.params.id),
  );

  app.post(
    '/supervision/items',
    {
      schema: {
        tags,
        summary:
          '新建督办事项 The bureau enters higher-level feedback, or puts a decision, ledger item or instruction under supervision (列入督办, once per record)',
        body: createSupervisionItemBody,
        response: { 201: supervisionItemDetailSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await service.createSupervisionItem(requestContext(app, req), req.body)),
  );

  app.patch(
    '/supervision/items/:id',
    {
      schema: {
        tags,
        summary: '调整交办 The bureau reassigns the unit, owner or deadline, or corrects the text, before acceptance',
        params: idParams,
        body: updateSupervisionItemBody,
        response: { 200: supervisionItemDetailSchema },
      },
    },
    async (req) => service.updateSupervisionItem(requestContext(app, req), req.params.id, req.body),
  );

  app.post(
    '/supervision/items/:id/steps',
    {
      schema: {
        tags,
        summary:
          '办理步骤 One step: progress and submit (the responsible unit), accept or send back with a reason (the bureau), a note (either)',
        params: idParams,
        body: supervisionStepBody,
        response: { 200: supervisionItemDetailSchema },
      },
    },
    async (req) => service.takeSupervisionStep(requestContext(app, req), req.params.id, req.body),
  );
};

export default supervisionItemsRoutes;
