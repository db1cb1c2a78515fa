/** /units: responsible units 责任单位. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createUnitBody, idParams, listReferenceQuery, okSchema, unitPage, unitSchema, updateUnitBody } from '@kpc/contracts';
import { requestContext } from '../../lib/request-context.js';
import { createUnit, deleteUnit, getUnit, listUnits, updateUnit } from './units.service.js';

const tags = ['units'];

const unitsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/units',
    { schema: { tags, summary: '责任单位列表 List units', querystring: listReferenceQuery, response: { 200: unitPage } } },
    async (req) => listUnits(requestContext(app, req), req.query),
  );
  app.get(
    '/units/:id',
    { schema: { tags, summary: '责任单位详情 Get a unit', params: idParams, response: { 200: unitSchema } } },
    async (req) => getUnit(requestContext(app, req), req.params.id),
  );
  app.post(
    '/units',
    { schema: { tags, summary: '新建责任单位 Create a unit', body: createUnitBody, response: { 201: unitSchema } } },
    async (req, reply) => reply.status(201).send(await createUnit(requestContext(app, req), req.body)),
  );
  app.patch(
    '/units/:id',
    {
      schema: {
        tags,
        summary: '修改责任单位 Edit a unit',
        params: idParams,
        body: updateUnitBody,
        response: { 200: unitSchema },
      },
    },
    async (req) => updateUnit(requestContext(app, req), req.params.id, req.body),
  );
  app.delete(
    '/units/:id',
    {
      schema: {
        tags,
        summary: '删除责任单位 Delete an unreferenced unit',
        params: idParams,
        response: { 200: okSchema },
      },
    },
    async (req) => {
      await deleteUnit(requestContext(app, req), req.params.id);
      return { ok: true as const };
    },
  );
};

export default unitsRoutes;
