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
import type { FastifyReply } from 'fastify';
import { contentDisposition } from '../attachments/attachments.service.js';
import * as service from './ledger.service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const sendXlsx = (reply: FastifyReply, f: { buffer: Buffer; filename: string }) =>
  reply
    .header('Content-Type', XLSX)
    .header('Content-Disposition', contentDisposition(f.filename))
    .header('Cache-Control', 'private, no-store')
    .send(f.buffer);

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
    async (req) => service.listProjectLedger(app.db, app.clock, req.requireActor(), req.params.id, req.query),
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
      const item = await service.createLedgerItem(
        app.db,
        app.clock,
        req.requireActor(),
        req.params.id,
        req.body,
        req.auditCtx(),
        req.locale,
      );
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
    async (req) => service.listLedger(app.db, app.clock, req.requireActor(), req.query),
  );

  app.get(
    '/ledger-items/:id',
    { schema: { tags, summary: '台账事项 One ledger item', params: idParams, response: { 200: ledgerItemSchema } } },
    async (req) => service.getLedgerItem(app.db, app.clock, req.requireActor(), req.params.id),
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
    async (req) =>
      service.updateLedgerItem(app.db, app.clock, req.requireActor(), req.params.id, req.body, req.auditCtx(), req.locale),
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
      await service.deleteLedgerItem(
        app.db,
        app.clock,
        app.filesDir,
        req.requireActor(),
        req.params.id,
        req.query.version,
        req.auditCtx(),
      );
      return { ok: true as const };
    },
  );

  app.get(
    '/projects/:id/ledger.xlsx',
    { schema: { tags, summary: '导出项目台账 Export a project’s ledger (xlsx, office layout)', params: idParams } },
    async (req, reply) =>
      sendXlsx(reply, await service.exportProjectLedger(app.db, app.clock, req.requireActor(), req.params.id)),
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
    async (req, reply) => sendXlsx(reply, await service.exportPortfolioLedger(app.db, app.clock, req.requireActor(), req.query)),
  );
};

export default ledgerRoutes;
