import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createProjectBody,
  deleteProjectQuery,
  idParams,
  listProjectsQuery,
  okSchema,
  pageOf,
  projectDetailSchema,
  projectSchema,
  transitionBody,
  updateProjectBody,
} from '@kpc/contracts';
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
    async (req) => service.listProjects(app.db, req.requireActor(), req.query),
  );

  app.get(
    '/projects/:id',
    { schema: { tags, summary: '项目详情 Project detail', params: idParams, response: { 200: projectDetailSchema } } },
    async (req) => service.getProject(app.db, req.requireActor(), req.params.id),
  );

  app.post(
    '/projects',
    { schema: { tags, summary: '新建项目 Create a project', body: createProjectBody, response: { 201: projectDetailSchema } } },
    async (req, reply) => {
      const p = await service.createProject(app.db, app.clock, req.requireActor(), req.body, req.auditCtx(), req.locale);
      return reply.status(201).send(p);
    },
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
    async (req) =>
      service.updateProject(app.db, app.clock, req.requireActor(), req.params.id, req.body, req.auditCtx(), req.locale),
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
      await service.deleteProject(
        app.db,
        app.clock,
        req.requireActor(),
        req.params.id,
        req.query.version,
        req.auditCtx(),
        app.filesDir,
      );
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
    async (req) =>
      service.transitionProject(app.db, app.clock, req.requireActor(), req.params.id, req.body, req.auditCtx(), req.locale),
  );
};

export default projectsRoutes;
