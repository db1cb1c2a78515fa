import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createImportMappingBody,
  idParams,
  importJobSchema,
  importMappingSchema,
  importMappingVersionQuery,
  importQuery,
  listImportMappingsQuery,
  okSchema,
  updateImportMappingBody,
  uploadMessages,
} from '@kpc/contracts';
import { z } from 'zod';
import { sendXlsx } from '../../lib/http.js';
import { fieldError, requestContext, systemContext } from '../../lib/request-context.js';
import { importers } from './importers.js';
import * as service from './imports.service.js';
import * as mappings from './import-mappings.service.js';

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

  // saved column mappings (本单位模板): the office's and admin's of the region
  app.get(
    '/import-mappings',
    {
      schema: {
        tags,
        summary: '导入模板（列对应关系）Saved column mappings of the region, per kind (office and admin)',
        querystring: listImportMappingsQuery,
        response: { 200: z.array(importMappingSchema) },
      },
    },
    async (req) => mappings.listMappings(requestContext(app, req), req.query.kind),
  );
  app.get(
    '/import-mappings/:id',
    {
      schema: { tags, summary: '导入模板 One saved column mapping', params: idParams, response: { 200: importMappingSchema } },
    },
    async (req) => mappings.getMapping(requestContext(app, req), req.params.id),
  );
  app.post(
    '/import-mappings',
    {
      schema: {
        tags,
        summary: '保存导入模板 Save a column mapping under a name (applied to sheets with the same header signature)',
        body: createImportMappingBody,
        response: { 201: importMappingSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await mappings.createMapping(requestContext(app, req), req.body)),
  );
  app.patch(
    '/import-mappings/:id',
    {
      schema: {
        tags,
        summary: '修改导入模板 Rename or change a saved mapping (version required; stale → 409)',
        params: idParams,
        body: updateImportMappingBody,
        response: { 200: importMappingSchema },
      },
    },
    async (req) => mappings.updateMapping(requestContext(app, req), req.params.id, req.body),
  );
  app.delete(
    '/import-mappings/:id',
    {
      schema: {
        tags,
        summary: '删除导入模板 Delete a saved mapping (version required; stale → 409)',
        params: idParams,
        querystring: importMappingVersionQuery,
        response: { 200: okSchema },
      },
    },
    async (req) => {
      await mappings.deleteMapping(requestContext(app, req), req.params.id, req.query.version);
      return { ok: true as const };
    },
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
    async (req) => service.getImport(requestContext(app, req), req.params.id),
  );
};

export default importsRoutes;
