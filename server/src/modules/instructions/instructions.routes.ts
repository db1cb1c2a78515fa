import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  acceptInstructionBody,
  createInstructionBody,
  idParams,
  instructionSchema,
  listInstructionsQuery,
  pageOf,
  replyInstructionBody,
  returnInstructionBody,
} from '@kpc/contracts';
import { requestContext } from '../../lib/request-context.js';
import * as service from './instructions.service.js';

const instructionsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['instructions'];
  const one = { 200: instructionSchema };

  app.get(
    '/instructions',
    {
      schema: {
        tags,
        summary: '领导批示 Leader instructions in scope: all, mine (to answer / to accept), overdue',
        querystring: listInstructionsQuery,
        response: { 200: pageOf(instructionSchema) },
      },
    },
    async (req) => service.listInstructions(requestContext(app, req), req.query),
  );

  app.post(
    '/instructions',
    {
      schema: {
        tags,
        summary: '批示 Issue an instruction (a leader as themselves, or the office on a leader’s behalf)',
        body: createInstructionBody,
        response: { 201: instructionSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await service.createInstruction(requestContext(app, req), req.body)),
  );

  app.get(
    '/instructions/:id',
    { schema: { tags, summary: '批示 One instruction with its replies', params: idParams, response: one } },
    async (req) => service.getInstruction(requestContext(app, req), req.params.id),
  );

  app.post(
    '/instructions/:id/replies',
    {
      schema: {
        tags,
        summary: '回复批示 The addressed unit replies (then files to /instruction-replies/:id/attachments)',
        params: idParams,
        body: replyInstructionBody,
        response: one,
      },
    },
    async (req) => service.replyInstruction(requestContext(app, req), req.params.id, req.body),
  );

  app.post(
    '/instructions/:id/accept',
    {
      schema: {
        tags,
        summary: '采纳回复 Accept the reply: the instruction is closed',
        params: idParams,
        body: acceptInstructionBody,
        response: one,
      },
    },
    async (req) => service.acceptInstruction(requestContext(app, req), req.params.id, req.body),
  );

  app.post(
    '/instructions/:id/return',
    {
      schema: {
        tags,
        summary: '退回回复 Send the reply back: the unit replies again',
        params: idParams,
        body: returnInstructionBody,
        response: one,
      },
    },
    async (req) => service.returnInstruction(requestContext(app, req), req.params.id, req.body),
  );
};

export default instructionsRoutes;
