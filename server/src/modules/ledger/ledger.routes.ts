import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createLedgerItemBody,
  deleteLedgerItemQuery,
  exportLedgerQuery,
  idParams,
  ledgerItemSchema,
  listLedgerQuery,
  listProjectLedgerQuery,
  okSchema,
  pageOf,
  updateLedgerItemBody,
} from '@kpc/contracts';
import { sendXlsx } from '../../lib/http.js';
import { requestContext } from '../../lib/request-context.js';
import * as service from './ledger.service.js';

const ledgerRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['ledger'];

  app.get(
    '/projects/:id/ledger-items',
    {
      schema: {
        tags,
        summary: '项目台账 A project’s ledger items',
        params: idParams,
        querystring: listProjectLedgerQuery,
        response: { 200: pageOf(ledgerItemSchema) },
      },
    },
    async (req) => service.listProjectLedger(requestContext(app, req), req.params.id, req.query),
  );

  app.post(
    '/projects/:id/ledger-items',
    {
      schema: {
        tags,
        summary: '新增台账事项 Add a ledger item',
        params: idParams,
        body: createLedgerItemBody,
        response: { 201: ledgerItemSchema },
      },
    },
    async (req, reply) => {
      const item = await service.createLedgerItem(requestContext(app, req), req.params.id, req.body);
      return reply.status(201).send(item);
    },
  );

  app.get(
    '/ledger-items',
    {
      schema: {
        tags,
        summary: '跨项目台账 Ledger items across projects: a unit’s (unitId), a leader’s projects (leaderId), mine (owner=me)',
        querystring: listLedgerQuery,
        response: { 200: pageOf(ledgerItemSchema) },
      },
    },
    async (req) => service.listLedger(requestContext(app, req), req.query),
  );

  app.get(
    '/ledger-items/:id',
    { schema: { tags, summary: '台账事项 One ledger item', params: idParams, response: { 200: ledgerItemSchema } } },
    async (req) => service.getLedgerItem(requestContext(app, req), req.params.id),
  );

  app.patch(
    '/ledger-items/:id',
    {
      schema: {
        tags,
        summary: '修改台账事项 Update a ledger item (version required; stale → 409 with the current item)',
        params: idParams,
        body: updateLedgerItemBody,
        response: { 200: ledgerItemSchema },
      },
    },
    async (req) => service.updateLedgerItem(requestContext(app, req), req.params.id, req.body),
  );

  app.delete(
    '/ledger-items/:id',
    {
      schema: {
        tags,
        summary: '删除台账事项 Delete a ledger item with its evidence files',
        params: idParams,
        querystring: deleteLedgerItemQuery,
        response: { 200: okSchema },
      },
    },
    async (req) => {
      await service.deleteLedgerItem(requestContext(app, req), app.filesDir, req.params.id, req.query.version);
      return { ok: true as const };
    },
  );

  app.get(
    '/projects/:id/ledger.xlsx',
    { schema: { tags, summary: '导出项目台账 Export a project’s ledger (xlsx, office layout)', params: idParams } },
    async (req, reply) => sendXlsx(reply, await service.exportProjectLedger(requestContext(app, req), req.params.id)),
  );

  app.get(
    '/ledger.xlsx',
    {
      schema: {
        tags,
        summary: '导出台账汇总 Export the portfolio ledger (xlsx; the cross-project filters)',
        querystring: exportLedgerQuery,
      },
    },
    async (req, reply) => sendXlsx(reply, await service.exportPortfolioLedger(requestContext(app, req), req.query)),
  );
};

export default ledgerRoutes;
