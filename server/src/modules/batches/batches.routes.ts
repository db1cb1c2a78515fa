/** "Three batches" periods, their lists (PUT replaces one list), and the rates trend. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createPeriodBody,
  deletePeriodQuery,
  idParams,
  listPeriodsQuery,
  okSchema,
  periodDetailSchema,
  periodListParams,
  periodRatesQuery,
  periodRatesTrendSchema,
  periodSchema,
  putPeriodListBody,
  updatePeriodBody,
} from '@kpc/contracts';
import { requestContext } from '../../lib/request-context.js';
import * as service from './batches.service.js';

const batchesRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['batches'];

  app.get(
    '/periods',
    {
      schema: {
        tags,
        summary: '三个一批期次 List periods in the actor’s regions',
        querystring: listPeriodsQuery,
        response: { 200: z.array(periodSchema) },
      },
    },
    async (req) => service.listPeriods(requestContext(app, req), req.query.regionCode),
  );

  app.get(
    '/periods/rates',
    {
      schema: {
        tags,
        summary:
          '三个一批比率趋势 Fulfilment, commissioning and target-attainment rates of every period as of a date (null for an empty list)',
        querystring: periodRatesQuery,
        response: { 200: periodRatesTrendSchema },
      },
    },
    async (req) => service.getRatesTrend(requestContext(app, req), req.query),
  );

  app.get(
    '/periods/:id',
    {
      schema: {
        tags,
        summary: '期次详情 A period with its three lists',
        params: idParams,
        response: { 200: periodDetailSchema },
      },
    },
    async (req) => service.getPeriod(requestContext(app, req), req.params.id),
  );

  app.post(
    '/periods',
    {
      schema: {
        tags,
        summary: '新建期次 Create a period (office/admin; date ranges of a region may not overlap)',
        body: createPeriodBody,
        response: { 201: periodDetailSchema },
      },
    },
    async (req, reply) => {
      const p = await service.createPeriod(requestContext(app, req), req.body);
      return reply.status(201).send(p);
    },
  );

  app.patch(
    '/periods/:id',
    {
      schema: {
        tags,
        summary: '修改期次 Update a period’s name or dates (version required)',
        params: idParams,
        body: updatePeriodBody,
        response: { 200: periodDetailSchema },
      },
    },
    async (req) => service.updatePeriod(requestContext(app, req), req.params.id, req.body),
  );

  app.delete(
    '/periods/:id',
    {
      schema: {
        tags,
        summary: '删除期次 Delete a period and its lists',
        params: idParams,
        querystring: deletePeriodQuery,
        response: { 200: okSchema },
      },
    },
    async (req) => {
      await service.deletePeriod(requestContext(app, req), req.params.id, req.query.version);
      return { ok: true as const };
    },
  );

  app.put(
    '/periods/:id/lists/:list',
    {
      schema: {
        tags,
        summary:
          '设置批次名单 Replace one list (signing | starting | commissioning) of a period with the given project ids; version is the period’s',
        params: periodListParams,
        body: putPeriodListBody,
        response: { 200: periodDetailSchema },
      },
    },
    async (req) => service.putList(requestContext(app, req), req.params.id, req.params.list, req.body),
  );
};

export default batchesRoutes;
