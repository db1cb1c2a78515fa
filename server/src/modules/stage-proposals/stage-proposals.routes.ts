/** /stage-proposals: units and enterprises propose a stage change; the office confirms or returns it. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  confirmStageProposalBody,
  createStageProposalBody,
  idParams,
  listStageProposalsQuery,
  pageOf,
  returnStageProposalBody,
  stageProposalSchema,
  withdrawStageProposalBody,
} from '@kpc/contracts';
import { requestContext } from '../../lib/request-context.js';
import * as service from './stage-proposals.service.js';

const stageProposalsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['stage-proposals'];
  const one = { 200: stageProposalSchema };

  app.get(
    '/stage-proposals',
    {
      schema: {
        tags,
        summary: '阶段变更申请 Stage proposals of the projects in scope (status=proposed: the office’s queue)',
        querystring: listStageProposalsQuery,
        response: { 200: pageOf(stageProposalSchema) },
      },
    },
    async (req) => service.listStageProposals(requestContext(app, req), req.query),
  );

  app.post(
    '/projects/:id/stage-proposals',
    {
      schema: {
        tags,
        summary: '申请阶段变更 A unit or the enterprise proposes the next stage, with its date and evidence',
        params: idParams,
        body: createStageProposalBody,
        response: { 201: stageProposalSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await service.proposeStage(requestContext(app, req), req.params.id, req.body)),
  );

  app.get(
    '/stage-proposals/:id',
    { schema: { tags, summary: '阶段变更申请 One proposal', params: idParams, response: one } },
    async (req) => service.getStageProposal(requestContext(app, req), req.params.id),
  );

  app.post(
    '/stage-proposals/:id/confirm',
    {
      schema: {
        tags,
        summary: '确认 The office confirms: the project moves to the proposed stage on the proposed date',
        params: idParams,
        body: confirmStageProposalBody,
        response: one,
      },
    },
    async (req) => service.confirmStageProposal(requestContext(app, req), req.params.id, req.body),
  );

  app.post(
    '/stage-proposals/:id/return',
    {
      schema: {
        tags,
        summary: '退回 The office returns it with a reason; the project stays where it is',
        params: idParams,
        body: returnStageProposalBody,
        response: one,
      },
    },
    async (req) => service.returnStageProposal(requestContext(app, req), req.params.id, req.body),
  );

  app.post(
    '/stage-proposals/:id/withdraw',
    {
      schema: {
        tags,
        summary: '撤回 The proposer withdraws it while it waits',
        params: idParams,
        body: withdrawStageProposalBody,
        response: one,
      },
    },
    async (req) => service.withdrawStageProposal(requestContext(app, req), req.params.id, req.body),
  );
};

export default stageProposalsRoutes;
