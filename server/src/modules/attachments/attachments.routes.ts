import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { attachmentSchema, idParams, okSchema } from '@kpc/contracts';
import * as service from './attachments.service.js';

const attachmentsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['attachments'];
  const deps = () => ({ db: app.db, clock: app.clock, filesDir: app.filesDir });

  // Evidence of ledger items and progress photos of investment reports share one store and one set of rules.
  const owners = [
    { path: 'ledger-items', entity: 'ledger_item', what: '台账佐证材料 Evidence files of a ledger item' },
    { path: 'investment-reports', entity: 'investment_report', what: '投资填报照片 Progress photos of an investment report' },
  ] as const;
  for (const o of owners) {
    app.get(
      `/${o.path}/:id/attachments`,
      { schema: { tags, summary: o.what, params: idParams, response: { 200: z.array(attachmentSchema) } } },
      async (req) => service.listAttachments(app.db, req.requireActor(), o.entity, req.params.id),
    );

    app.post(
      `/${o.path}/:id/attachments`,
      {
        schema: {
          tags,
          summary: `上传 Upload: ${o.what} (multipart, one file ≤ 20 MB: jpg, png, webp, gif, pdf, docx, xlsx by content)`,
          consumes: ['multipart/form-data'],
          params: idParams,
          response: { 201: attachmentSchema },
        },
      },
      async (req, reply) => {
        const actor = req.requireActor();
        const owner = await service.requireUpload(app.db, actor, o.entity, req.params.id);
        const file = await req.file({ throwFileSizeLimit: false, limits: { fileSize: service.MAX_UPLOAD_BYTES, files: 1 } });
        const a = await service.storeAttachment(deps(), actor, o.entity, req.params.id, owner, file, req.auditCtx());
        return reply.status(201).send(a);
      },
    );
  }

  app.get(
    '/attachments/:id',
    { schema: { tags, summary: '下载附件 Download a file (always as an attachment)', params: idParams } },
    async (req, reply) => {
      const { row, size, stream } = await service.openAttachment(deps(), req.requireActor(), req.params.id);
      return reply
        .header('Content-Type', row.mime)
        .header('Content-Length', size)
        .header('Content-Disposition', service.contentDisposition(row.filename))
        .header('X-Content-Type-Options', 'nosniff')
        .header('Cache-Control', 'private, no-store')
        .send(stream);
    },
  );

  app.delete(
    '/attachments/:id',
    { schema: { tags, summary: '删除附件 Delete a file (uploader or office)', params: idParams, response: { 200: okSchema } } },
    async (req) => {
      await service.deleteAttachment(deps(), req.requireActor(), req.params.id, req.auditCtx());
      return { ok: true as const };
    },
  );
};

export default attachmentsRoutes;
