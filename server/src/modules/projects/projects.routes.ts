/** /projects: the project library (list, detail, create, edit, delete, stage changes) and its Excel export. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createProjectBody,
  deleteProjectQuery,
  exportProjectsQuery,
  idParams,
  listProjectsQuery,
  okSchema,
  pageOf,
  projectDetailSchema,
  projectSchema,
  transitionBody,
  updateProjectBody,
} from '@kpc/contracts';
import { contentDisposition, XLSX_MIME } from '../../lib/http.js';
import { requestContext } from '../../lib/request-context.js';
import * as service from './projects.service.js';

const projectsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['projects'];

  app.get(
    '/projects',
    {
      schema: {
        tags,
        summary: '项目列表 List projects',
        querystring: listProjectsQuery,
        response: { 200: pageOf(projectSchema) },
      },
    },
    async (req) => service.listProjects(requestContext(app, req), req.query),
  );

  app.get(
    '/projects/export.xlsx',
    {
      schema: {
        tags,
        summary:
          '导出项目投资完成情况 Export the project list with investment columns as .xlsx (list filters plus year and asOf; amounts in 万元)',
        querystring: exportProjectsQuery,
        produces: [XLSX_MIME],
      },
    },
    async (req, reply) => {
      const x = service.exportProjects(requestContext(app, req), req.query);
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', contentDisposition(x.fileName, x.asciiName))
        .header('cache-control', 'no-store')
        .send(x.stream);
    },
  );

  app.get(
    '/projects/:id',
    { schema: { tags, summary: '项目详情 Project detail', params: idParams, response: { 200: projectDetailSchema } } },
    async (req) => service.getProject(requestContext(app, req), req.params.id),
  );

  app.post(
    '/projects',
    { schema: { tags, summary: '新建项目 Create a project', body: createProjectBody, response: { 201: projectDetailSchema } } },
    async (req, reply) => reply.status(201).send(await service.createProject(requestContext(app, req), req.body)),
  );

  app.patch(
    '/projects/:id',
    {
      schema: {
        tags,
        summary: '修改项目 Update a project (version required; stale → 409 with the current record)',
        params: idParams,
        body: updateProjectBody,
        response: { 200: projectDetailSchema },
      },
    },
    async (req) => service.updateProject(requestContext(app, req), req.params.id, req.body),
  );

  app.delete(
    '/projects/:id',
    {
      schema: {
        tags,
        summary: '删除项目 Delete a project',
        params: idParams,
        querystring: deleteProjectQuery,
        response: { 200: okSchema },
      },
    },
    async (req) => {
      await service.deleteProject(requestContext(app, req), req.params.id, req.query.version, app.filesDir);
      return { ok: true as const };
    },
  );

  app.post(
    '/projects/:id/transitions',
    {
      schema: {
        tags,
        summary: '阶段变更 Move a project to its next stage (or roll back, office/admin with a reason)',
        params: idParams,
        body: transitionBody,
        response: { 200: projectDetailSchema },
      },
    },
    async (req) => service.transitionProject(requestContext(app, req), req.params.id, req.body),
  );
};

export default projectsRoutes;
