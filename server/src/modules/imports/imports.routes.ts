import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams, importJobSchema, importQuery, type ImportKind } from '@kpc/contracts';
import { AppError } from '../../lib/errors.js';
import { sendXlsx } from '../ledger/ledger.routes.js';
import * as service from './imports.service.js';
import { templates } from './imports.templates.js';

const importsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['imports'];
  const pending = new Set<Promise<unknown>>();
  // a background import finishes (or fails) before the database closes
  app.addHook('onClose', async () => {
    await Promise.allSettled([...pending]);
  });
  const deps = (): service.ImportDeps => ({ db: app.db, clock: app.clock, pending });
  // imports left running by a process that died are failed, not shown as running forever
  app.addHook('onReady', async () => {
    await service.failStaleImports(deps());
  });

  const route = (path: string, kind: ImportKind, summary: string) =>
    app.post(
      path,
      {
        schema: {
          tags,
          summary,
          consumes: ['multipart/form-data'],
          querystring: importQuery,
          response: { 200: importJobSchema, 202: importJobSchema },
        },
      },
      async (req, reply) => {
        const actor = req.requireActor();
        service.requireImport(actor);
        const file = await req.file({ limits: { files: 1 } });
        if (!file) throw new AppError('VALIDATION_FAILED', [{ field: 'file', message: 'file required' }]);
        const buffer = await file.toBuffer();
        const { job, finished } = await service.startImport(
          deps(),
          actor,
          kind,
          { filename: file.filename, buffer },
          req.query.dryRun,
          req.auditCtx(),
          req.locale,
        );
        return reply.status(finished ? 200 : 202).send(job);
      },
    );

  route(
    '/imports/ledger-items',
    'ledger_items',
    '导入台账 Import ledger items (xlsx in the export layout; keyed by 项目编号 + 序号; all or nothing; dryRun=true only validates)',
  );
  route(
    '/imports/projects',
    'projects',
    '导入项目库 Import the project library (xlsx, one row per project keyed by 项目编号; all or nothing; dryRun=true only validates)',
  );

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
    async (req) => service.getImport(deps(), req.requireActor(), req.params.id, req.locale),
  );

  for (const [kind, t] of Object.entries(templates))
    app.get(
      `/imports/templates/${kind}.xlsx`,
      { schema: { tags, summary: `导入模板 Empty ${kind} template` } },
      async (req, reply) => {
        req.requireActor();
        return sendXlsx(reply, { buffer: await t.build(), filename: t.filename });
      },
    );
};

export default importsRoutes;
