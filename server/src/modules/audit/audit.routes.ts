/** /audit: read-only access to the audit log (the audit administrator). No route changes or deletes it. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditChainStatus, auditPage, listAuditQuery } from '@kpc/contracts';
import { requestContext } from '../../lib/request-context.js';
import { listAudit, verifyAuditLog } from './audit.service.js';

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
  app.get(
    '/audit/chain',
    {
      schema: {
        tags: ['audit'],
        summary: '审计链校验 Verify the audit log’s HMAC chain (first deleted or edited row)',
        response: { 200: auditChainStatus },
      },
    },
    async (req) => verifyAuditLog(requestContext(app, req)),
  );
};

export default auditRoutes;
