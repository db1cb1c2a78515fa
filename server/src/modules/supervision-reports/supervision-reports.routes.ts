/** /supervision/reports: the weekly dispatch 周调度 and the monthly bulletin 月督导通报, their drafts and .docx. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  draftSupervisionReportBody,
  idParams,
  listSupervisionReportsQuery,
  publishSupervisionReportBody,
  supervisionReportSchema,
  supervisionReportSummarySchema,
} from '@kpc/contracts';
import { contentDisposition } from '../../lib/http.js';
import { requestContext } from '../../lib/request-context.js';
import * as service from './supervision-reports.service.js';

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const supervisionReportsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['supervision'];

  app.get(
    '/supervision/reports',
    {
      schema: {
        tags,
        summary: '督办报告 Weekly dispatches and monthly bulletins of the region, newest period first (readers: published only)',
        querystring: listSupervisionReportsQuery,
        response: { 200: z.object({ items: z.array(supervisionReportSummarySchema) }) },
      },
    },
    async (req) => ({ items: await service.listReports(requestContext(app, req), req.query) }),
  );

  app.get(
    '/supervision/reports/:id',
    {
      schema: {
        tags,
        summary: '督办报告 A report with the figures it shows (frozen when drafted)',
        params: idParams,
        response: { 200: supervisionReportSchema },
      },
    },
    async (req) => service.getReport(requestContext(app, req), req.params.id),
  );

  app.get(
    '/supervision/reports/:id/docx',
    { schema: { tags, summary: '督办报告 The report as .docx (GB/T 9704-2012 layout)', params: idParams } },
    async (req, reply) => {
      const f = await service.reportDocx(requestContext(app, req), req.params.id);
      return reply
        .header('Content-Type', DOCX_MIME)
        .header('Content-Disposition', contentDisposition(f.filename))
        .header('Cache-Control', 'private, no-store')
        .send(f.buffer);
    },
  );

  app.post(
    '/supervision/reports',
    {
      schema: {
        tags,
        summary: '起草 Draft the report of a period for the actor’s region now, or redraft its draft (figures taken anew)',
        body: draftSupervisionReportBody,
        response: { 200: supervisionReportSchema, 201: supervisionReportSchema },
      },
    },
    async (req, reply) => {
      const r = await service.draftReport(requestContext(app, req), req.body);
      return reply.status(r.created ? 201 : 200).send(r.report);
    },
  );

  app.post(
    '/supervision/reports/:id/publish',
    {
      schema: {
        tags,
        summary: '印发 Publish a draft at its version; a published report is frozen',
        params: idParams,
        body: publishSupervisionReportBody,
        response: { 200: supervisionReportSchema },
      },
    },
    async (req) => service.publishReport(requestContext(app, req), req.params.id, req.body),
  );
};

export default supervisionReportsRoutes;
