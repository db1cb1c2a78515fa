/** /escalations, /projects/:id/escalations, /meetings/:id/statements, /supervision/workbench: the escalation ladder 问责阶梯. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  confirmEscalationBody,
  dismissEscalationBody,
  escalationSchema,
  idParams,
  listEscalationsQuery,
  markStatementMadeBody,
  meetingStatementsSchema,
  proposeEscalationBody,
  workbenchSchema,
} from '@kpc/contracts';
import { requestContext } from '../../lib/request-context.js';
import * as service from './escalations.service.js';
import { workbench } from './workbench.service.js';

const escalationsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['supervision'];

  app.get(
    '/escalations',
    {
      schema: {
        tags,
        summary: '问责阶梯记录 Escalation steps of the projects in scope, newest first (filter by status, step, project)',
        querystring: listEscalationsQuery,
        response: { 200: z.array(escalationSchema) },
      },
    },
    async (req) => service.listEscalations(requestContext(app, req), req.query),
  );

  app.post(
    '/escalations',
    {
      schema: {
        tags,
        summary: '提出问责建议 The supervisor proposes a step by hand (a warning is issued at once)',
        body: proposeEscalationBody,
        response: { 201: escalationSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await service.proposeEscalation(requestContext(app, req), req.body)),
  );

  app.post(
    '/escalations/:id/confirm',
    {
      schema: {
        tags,
        summary: '确认 The supervisor confirms a proposed step: it becomes the dated record',
        params: idParams,
        body: confirmEscalationBody,
        response: { 200: escalationSchema },
      },
    },
    async (req) => service.confirmEscalation(requestContext(app, req), req.params.id, req.body),
  );

  app.post(
    '/escalations/:id/dismiss',
    {
      schema: {
        tags,
        summary: '不予采纳 The supervisor dismisses a proposed step, with a reason',
        params: idParams,
        body: dismissEscalationBody,
        response: { 200: escalationSchema },
      },
    },
    async (req) => service.dismissEscalation(requestContext(app, req), req.params.id, req.body),
  );

  app.post(
    '/escalations/:id/statement-made',
    {
      schema: {
        tags,
        summary: '登记表态发言 A confirmed statement was made at this review meeting',
        params: idParams,
        body: markStatementMadeBody,
        response: { 200: escalationSchema },
      },
    },
    async (req) => service.markStatementMade(requestContext(app, req), req.params.id, req.body),
  );

  app.get(
    '/projects/:id/escalations',
    {
      schema: {
        tags,
        summary: '项目问责记录 A project’s escalation history, newest first',
        params: idParams,
        response: { 200: z.array(escalationSchema) },
      },
    },
    async (req) => service.projectEscalations(requestContext(app, req), req.params.id),
  );

  app.get(
    '/meetings/:id/statements',
    {
      schema: {
        tags,
        summary: '表态发言 A review meeting’s pending statements and those made at it',
        params: idParams,
        response: { 200: meetingStatementsSchema },
      },
    },
    async (req) => service.meetingStatements(requestContext(app, req), req.params.id),
  );

  app.get(
    '/supervision/workbench',
    {
      schema: {
        tags,
        summary: '督查工作台 What waits for the bureau: proposed escalations, overdue records, items to verify',
        response: { 200: workbenchSchema },
      },
    },
    async (req) => workbench(requestContext(app, req)),
  );
};

export default escalationsRoutes;
