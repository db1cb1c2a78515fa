import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams, importJobSchema, importQuery, uploadMessages } from '@kpc/contracts';
import { sendXlsx } from '../../lib/http.js';
import { fieldError, requestContext, systemContext } from '../../lib/request-context.js';
import { importers } from './importers.js';
import * as service from './imports.service.js';

const importsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['imports'];
  const pending: service.PendingImports = new Set();
  // a background import finishes (or fails) before the database closes
  app.addHook('onClose', async () => {
    await Promise.allSettled([...pending]);
  });
  // imports left running by a process that died are failed, not shown as running forever
  app.addHook('onReady', async () => {
    await service.failStaleImports(systemContext(app.db, app.clock, 'import-recovery'), {
      soleInstance: app.database.kind === 'embedded',
    });
  });

  for (const importer of importers) {
    app.post(
      `/imports/${importer.path}`,
      {
        schema: {
          tags,
          summary: importer.summary,
          consumes: ['multipart/form-data'],
          querystring: importQuery,
          response: { 200: importJobSchema, 202: importJobSchema },
        },
      },
      async (req, reply) => {
        const ctx = requestContext(app, req);
        service.requireImport(ctx.actor);
        const file = await req.file({ limits: { files: 1 } });
        if (!file) throw fieldError('VALIDATION_FAILED', 'file', ctx.locale, uploadMessages.file_required);
        const buffer = await file.toBuffer();
        const mapping = service.parseMapping(ctx, importer, req.query.mapping);
        const { job, finished } = await service.startImport(
          ctx,
          pending,
          importer.kind,
          { filename: file.filename, buffer },
          req.query.dryRun,
          mapping,
        );
        return reply.status(finished ? 200 : 202).send(job);
      },
    );

    app.get(
      `/imports/templates/${importer.path}.xlsx`,
      { schema: { tags, summary: `导入模板 Empty ${importer.path} template` } },
      async (req, reply) => {
        req.requireActor();
        return sendXlsx(reply, { buffer: await importer.template.build(), filename: importer.template.filename });
      },
    );
  }

  app.get(
    '/imports/:id',
    {
      schema: {
        tags,
        summary: '导入进度 An import job: status, progress, row errors, counts',
        params: idParams,
        response: { 200: importJobSchema },
      },
    },
    async (req) => service.getImport(requestContext(app, req), req.params.id),
  );
};

export default importsRoutes;
