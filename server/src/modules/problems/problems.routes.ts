import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createProblemBody,
  escalateProblemBody,
  exportProblemsQuery,
  idParams,
  listProblemsQuery,
  listProjectProblemsQuery,
  pageOf,
  problemBoardQuery,
  problemBoardSchema,
  problemSchema,
  problemVersionBody,
  reopenProblemBody,
  resolveProblemBody,
  updateProblemBody,
} from '@kpc/contracts';
import { sendXlsx } from '../../lib/http.js';
import { requestContext } from '../../lib/request-context.js';
import * as service from './problems.service.js';

const problemsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['problems'];
  const one = { 200: problemSchema };

  app.get(
    '/problems',
    {
      schema: {
        tags,
        summary: '问题清单 Problems: filters (category, unit, leader, status, overdue, source, project, q) and paging',
        querystring: listProblemsQuery,
        response: { 200: pageOf(problemSchema) },
      },
    },
    async (req) => service.listProblems(requestContext(app, req), req.query),
  );

  app.get(
    '/problems/board',
    {
      schema: {
        tags,
        summary: '问题看板 Problems per status under the filters (the board’s columns)',
        querystring: problemBoardQuery,
        response: { 200: problemBoardSchema },
      },
    },
    async (req) => service.problemBoard(requestContext(app, req), req.query),
  );

  app.get(
    '/problems.xlsx',
    {
      schema: {
        tags,
        summary: '导出问题清单 Export the problem list (xlsx, office layout; the list’s filters)',
        querystring: exportProblemsQuery,
      },
    },
    async (req, reply) => sendXlsx(reply, await service.exportProblems(requestContext(app, req), req.query)),
  );

  app.post(
    '/problems',
    { schema: { tags, summary: '提出问题 Raise a problem', body: createProblemBody, response: { 201: problemSchema } } },
    async (req, reply) => reply.status(201).send(await service.createProblem(requestContext(app, req), req.body)),
  );

  app.get('/problems/:id', { schema: { tags, summary: '问题 One problem', params: idParams, response: one } }, async (req) =>
    service.getProblem(requestContext(app, req), req.params.id),
  );

  app.patch(
    '/problems/:id',
    {
      schema: {
        tags,
        summary: '修改问题 Update a problem (version required; stale → 409 with the current problem)',
        params: idParams,
        body: updateProblemBody,
        response: one,
      },
    },
    async (req) => service.updateProblem(requestContext(app, req), req.params.id, req.body),
  );

  app.post(
    '/problems/:id/start',
    {
      schema: {
        tags,
        summary: '开始解决 open/escalated → in_progress',
        params: idParams,
        body: problemVersionBody,
        response: one,
      },
    },
    async (req) => service.startProblem(requestContext(app, req), req.params.id, req.body.version),
  );
  app.post(
    '/problems/:id/resolve',
    {
      schema: {
        tags,
        summary: '已解决 Resolve (resolution text required)',
        params: idParams,
        body: resolveProblemBody,
        response: one,
      },
    },
    async (req) => service.resolveProblem(requestContext(app, req), req.params.id, req.body),
  );
  app.post(
    '/problems/:id/escalate',
    {
      schema: {
        tags,
        summary: '上报 Escalate to a named higher leader, with the reason',
        params: idParams,
        body: escalateProblemBody,
        response: one,
      },
    },
    async (req) => service.escalateProblem(requestContext(app, req), req.params.id, req.body),
  );
  app.post(
    '/problems/:id/verify',
    {
      schema: {
        tags,
        summary: '核验 Verify a resolved problem (office or supervisor)',
        params: idParams,
        body: problemVersionBody,
        response: one,
      },
    },
    async (req) => service.verifyProblem(requestContext(app, req), req.params.id, req.body.version),
  );
  app.post(
    '/problems/:id/reopen',
    {
      schema: {
        tags,
        summary: '退回 Send a resolution back (office or supervisor): in_progress again',
        params: idParams,
        body: reopenProblemBody,
        response: one,
      },
    },
    async (req) => service.reopenProblem(requestContext(app, req), req.params.id, req.body),
  );

  app.get(
    '/projects/:id/problems',
    {
      schema: {
        tags,
        summary: '项目问题 A project’s problems',
        params: idParams,
        querystring: listProjectProblemsQuery,
        response: { 200: pageOf(problemSchema) },
      },
    },
    async (req) => service.listProjectProblems(requestContext(app, req), req.params.id, req.query),
  );
};

export default problemsRoutes;
