/** /audit: read-only access to the audit log (admin). No route changes or deletes it. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditPage, listAuditQuery } from '@kpc/contracts';
import { requestContext } from '../../lib/request-context.js';
import { listAudit } from './audit.service.js';

const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: '审计日志 Audit log, newest first',
        querystring: listAuditQuery,
        response: { 200: auditPage },
      },
    },
    async (req) => listAudit(requestContext(app, req), req.query),
  );
};

export default auditRoutes;
