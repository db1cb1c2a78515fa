/** /reports/upward: the upward report 上报报表 of a month in a settings template, as JSON and as .xlsx. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { upwardReportQuery, upwardReportSchema } from '@kpc/contracts';
import { contentDisposition, XLSX_MIME } from '../../lib/http.js';
import { requestContext } from '../../lib/request-context.js';
import * as service from './upward-reports.service.js';

const upwardReportsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['reports'];

  app.get(
    '/reports/upward',
    {
      schema: {
        tags,
        summary:
          '上报报表 The month’s upward report in a column template: the provincial and municipal key projects of the region (office, supervisor, admin, viewer)',
        querystring: upwardReportQuery,
        response: { 200: upwardReportSchema },
      },
    },
    async (req) => service.getUpwardReport(requestContext(app, req), req.query),
  );

  app.get(
    '/reports/upward.xlsx',
    {
      schema: {
        tags,
        summary: '下载上报报表 The same report as .xlsx (title band, headers, totals row; money as the template says)',
        querystring: upwardReportQuery,
        produces: [XLSX_MIME],
      },
    },
    async (req, reply) => {
      const x = await service.upwardReportFile(requestContext(app, req), req.query);
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', contentDisposition(x.fileName, x.asciiName))
        .header('cache-control', 'no-store')
        .send(x.buffer);
    },
  );
};

export default upwardReportsRoutes;
