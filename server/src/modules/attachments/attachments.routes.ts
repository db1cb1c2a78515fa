import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { attachmentSchema, idParams, okSchema } from '@kpc/contracts';
import { contentDisposition } from '../../lib/http.js';
import { requestContext } from '../../lib/request-context.js';
import * as service from './attachments.service.js';
import { attachmentOwners } from './owners.js';

const attachmentsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['attachments'];

  // Every registered owner (ledger items' evidence, investment reports' photos) shares one store and one set of rules.
  for (const o of attachmentOwners()) {
    app.get(
      `/${o.path}/:id/attachments`,
      { schema: { tags, summary: o.summary, params: idParams, response: { 200: z.array(attachmentSchema) } } },
      async (req) => service.listAttachments(requestContext(app, req), o.entity, req.params.id),
    );

    app.post(
      `/${o.path}/:id/attachments`,
      {
        schema: {
          tags,
          summary: `上传 Upload: ${o.summary} (multipart, one file ≤ 20 MB: jpg, png, webp, gif, pdf, docx, xlsx by content)`,
          consumes: ['multipart/form-data'],
          params: idParams,
          response: { 201: attachmentSchema },
        },
      },
      async (req, reply) => {
        const ctx = requestContext(app, req);
        const owner = await service.requireUpload(ctx, o.entity, req.params.id);
        const file = await req.file({ throwFileSizeLimit: false, limits: { fileSize: service.MAX_UPLOAD_BYTES, files: 1 } });
        const a = await service.storeAttachment(ctx, app.filesDir, o.entity, req.params.id, owner, file);
        return reply.status(201).send(a);
      },
    );
  }

  app.get(
    '/attachments/:id',
    { schema: { tags, summary: '下载附件 Download a file (always as an attachment)', params: idParams } },
    async (req, reply) => {
      const { row, size, stream } = await service.openAttachment(requestContext(app, req), app.filesDir, req.params.id);
      return reply
        .header('Content-Type', row.mime)
        .header('Content-Length', size)
        .header('Content-Disposition', contentDisposition(row.filename))
        .header('X-Content-Type-Options', 'nosniff')
        .header('Cache-Control', 'private, no-store')
        .send(stream);
    },
  );

  app.delete(
    '/attachments/:id',
    { schema: { tags, summary: '删除附件 Delete a file (uploader or office)', params: idParams, response: { 200: okSchema } } },
    async (req) => {
      await service.deleteAttachment(requestContext(app, req), app.filesDir, req.params.id);
      return { ok: true as const };
    },
  );
};

export default attachmentsRoutes;
