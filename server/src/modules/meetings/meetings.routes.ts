import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  agendaProposalQuery,
  agendaProposalSchema,
  createDecisionBody,
  createMeetingBody,
  createMeetingSeriesBody,
  decisionSchema,
  deleteMeetingQuery,
  idParams,
  listDecisionsQuery,
  listMeetingsQuery,
  markDecisionDoneBody,
  meetingListSchema,
  meetingSchema,
  meetingSeriesSchema,
  okSchema,
  pageOf,
  problemRefSchema,
  raiseMeetingProblemsBody,
  solveMeetingProblemsBody,
  updateDecisionBody,
  updateMeetingBody,
  updateMeetingSeriesBody,
  verifyDecisionBody,
} from '@kpc/contracts';
import { contentDisposition } from '../../lib/http.js';
import { requestContext } from '../../lib/request-context.js';
import * as service from './meetings.service.js';

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const meetingsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['meetings'];

  app.get(
    '/meeting-series',
    {
      schema: {
        tags,
        summary: '周例会系列 The weekly meeting series of the region',
        response: { 200: z.array(meetingSeriesSchema) },
      },
    },
    async (req) => service.listSeries(requestContext(app, req)),
  );
  app.post(
    '/meeting-series',
    {
      schema: {
        tags,
        summary: '新增周例会系列 Add a weekly series (office)',
        body: createMeetingSeriesBody,
        response: { 201: meetingSeriesSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await service.createSeries(requestContext(app, req), req.body)),
  );
  app.patch(
    '/meeting-series/:id',
    {
      schema: {
        tags,
        summary: '修改周例会系列 Rename a series, change its chair (version required)',
        params: idParams,
        body: updateMeetingSeriesBody,
        response: { 200: meetingSeriesSchema },
      },
    },
    async (req) => service.updateSeries(requestContext(app, req), req.params.id, req.body),
  );

  app.get(
    '/meetings/agenda-proposal',
    {
      schema: {
        tags,
        summary:
          '议题建议 The proposed agenda: projects with overdue milestones, ledger items, decisions and open problems past their deadline',
        querystring: agendaProposalQuery,
        response: { 200: agendaProposalSchema },
      },
    },
    async (req) => service.agendaProposal(requestContext(app, req), req.query.asOf),
  );

  app.get(
    '/meetings',
    {
      schema: {
        tags,
        summary: '会议列表 Meetings the user may read, newest first, with the held count',
        querystring: listMeetingsQuery,
        response: { 200: meetingListSchema },
      },
    },
    async (req) => service.listMeetings(requestContext(app, req), req.query),
  );
  app.post(
    '/meetings',
    {
      schema: {
        tags,
        summary: '新增会议 Record a meeting (office); a weekly one without an agenda gets the proposed one',
        body: createMeetingBody,
        response: { 201: meetingSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await service.createMeeting(requestContext(app, req), req.body)),
  );
  app.get(
    '/meetings/:id',
    {
      schema: {
        tags,
        summary: '会议详情 One meeting with its agenda, decisions and problems',
        params: idParams,
        response: { 200: meetingSchema },
      },
    },
    async (req) => service.getMeeting(requestContext(app, req), req.params.id),
  );
  app.patch(
    '/meetings/:id',
    {
      schema: {
        tags,
        summary: '修改会议 Update a meeting, its agenda, minutes or status (version required; stale → 409)',
        params: idParams,
        body: updateMeetingBody,
        response: { 200: meetingSchema },
      },
    },
    async (req) => service.updateMeeting(requestContext(app, req), req.params.id, req.body),
  );
  app.delete(
    '/meetings/:id',
    {
      schema: {
        tags,
        summary: '删除会议 Delete a meeting with its agenda and decisions (not one with problems raised or solved in it)',
        params: idParams,
        querystring: deleteMeetingQuery,
        response: { 200: okSchema },
      },
    },
    async (req) => {
      await service.deleteMeeting(requestContext(app, req), req.params.id, req.query.version);
      return { ok: true as const };
    },
  );
  app.get(
    '/meetings/:id/minutes.docx',
    { schema: { tags, summary: '会议纪要 The minutes as .docx (GB/T 9704-2012 layout)', params: idParams } },
    async (req, reply) => {
      const f = await service.minutesDocx(requestContext(app, req), req.params.id);
      return reply
        .header('Content-Type', DOCX_MIME)
        .header('Content-Disposition', contentDisposition(f.filename))
        .header('Cache-Control', 'private, no-store')
        .send(f.buffer);
    },
  );

  app.get(
    '/meetings/:id/solvable-problems',
    {
      schema: {
        tags,
        summary: '可解决问题 Open problems of the projects the meeting discusses',
        params: idParams,
        response: { 200: z.array(problemRefSchema) },
      },
    },
    async (req) => service.solvableProblems(requestContext(app, req), req.params.id),
  );
  app.post(
    '/meetings/:id/problems',
    {
      schema: {
        tags,
        summary: '会上提出问题 Problems raised in the meeting (office)',
        params: idParams,
        body: raiseMeetingProblemsBody,
        response: { 201: meetingSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.raiseMeetingProblems(requestContext(app, req), req.params.id, req.body)),
  );
  app.post(
    '/meetings/:id/solved-problems',
    {
      schema: {
        tags,
        summary: '会上解决问题 Problems solved in the meeting, by the chair or an attending leader (office)',
        params: idParams,
        body: solveMeetingProblemsBody,
        response: { 200: meetingSchema },
      },
    },
    async (req) => service.solveMeetingProblems(requestContext(app, req), req.params.id, req.body),
  );

  app.post(
    '/meetings/:id/decisions',
    {
      schema: {
        tags,
        summary: '新增议定事项 Add a decision to a meeting (office)',
        params: idParams,
        body: createDecisionBody,
        response: { 201: decisionSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await service.createDecision(requestContext(app, req), req.params.id, req.body)),
  );
  app.get(
    '/decisions',
    {
      schema: {
        tags,
        summary: '议定事项 Decisions across meetings (state incl. overdue, unit, project, meeting); open ones first',
        querystring: listDecisionsQuery,
        response: { 200: pageOf(decisionSchema) },
      },
    },
    async (req) => service.listDecisions(requestContext(app, req), req.query),
  );
  app.get(
    '/decisions/:id',
    { schema: { tags, summary: '议定事项详情 One decision', params: idParams, response: { 200: decisionSchema } } },
    async (req) => service.getDecision(requestContext(app, req), req.params.id),
  );
  app.patch(
    '/decisions/:id',
    {
      schema: {
        tags,
        summary: '修改议定事项 Update a decision (office; version required)',
        params: idParams,
        body: updateDecisionBody,
        response: { 200: decisionSchema },
      },
    },
    async (req) => service.updateDecision(requestContext(app, req), req.params.id, req.body),
  );
  app.delete(
    '/decisions/:id',
    {
      schema: {
        tags,
        summary: '删除议定事项 Delete a decision (office)',
        params: idParams,
        querystring: deleteMeetingQuery,
        response: { 200: okSchema },
      },
    },
    async (req) => {
      await service.deleteDecision(requestContext(app, req), req.params.id, req.query.version);
      return { ok: true as const };
    },
  );
  app.post(
    '/decisions/:id/done',
    {
      schema: {
        tags,
        summary: '办结议定事项 Mark a decision done, with the day and how (the responsible unit or the office)',
        params: idParams,
        body: markDecisionDoneBody,
        response: { 200: decisionSchema },
      },
    },
    async (req) => service.markDecisionDone(requestContext(app, req), req.params.id, req.body),
  );
  app.post(
    '/decisions/:id/verify',
    {
      schema: {
        tags,
        summary: '核验议定事项 Verify a done decision (office or supervisor)',
        params: idParams,
        body: verifyDecisionBody,
        response: { 200: decisionSchema },
      },
    },
    async (req) => service.verifyDecision(requestContext(app, req), req.params.id, req.body.version),
  );
};

export default meetingsRoutes;
