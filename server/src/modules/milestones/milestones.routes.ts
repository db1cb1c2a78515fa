/** Milestone templates, a project's nodes and schedule (reverse scheduling, baselines), actual dates, cross-project lists. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  backwardScheduleBody,
  idParams,
  listMilestonesQuery,
  milestoneListItemSchema,
  milestoneNodeSchema,
  milestoneTemplateDetailSchema,
  milestoneTemplateSchema,
  pageOf,
  projectMilestonesSchema,
  savedBaselineSchema,
  scheduleBaselineSchema,
  scheduleResultSchema,
  updateMilestoneBody,
  updateTemplateBody,
} from '@kpc/contracts';
import { requestContext } from '../../lib/request-context.js';
import * as service from './milestones.service.js';

const milestonesRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['milestones'];

  app.get(
    '/milestone-templates',
    {
      schema: {
        tags,
        summary: '节点模板列表 Milestone templates (one per project category)',
        response: { 200: z.object({ items: z.array(milestoneTemplateSchema) }) },
      },
    },
    async (req) => ({ items: await service.listTemplates(requestContext(app, req)) }),
  );

  app.get(
    '/milestone-templates/:id',
    {
      schema: {
        tags,
        summary: '节点模板详情 A template with its nodes and finish-to-start dependencies',
        params: idParams,
        response: { 200: milestoneTemplateDetailSchema },
      },
    },
    async (req) => service.getTemplate(requestContext(app, req), req.params.id),
  );

  app.put(
    '/milestone-templates/:id',
    {
      schema: {
        tags,
        summary: '修改节点模板 Replace a template’s nodes, durations and dependencies (admin/office; version required)',
        params: idParams,
        body: updateTemplateBody,
        response: { 200: milestoneTemplateDetailSchema },
      },
    },
    async (req) => service.updateTemplate(requestContext(app, req), req.params.id, req.body),
  );

  app.get(
    '/projects/:id/milestones',
    {
      schema: {
        tags,
        summary: '项目节点 A project’s nodes: baseline dates, actual dates, forecast, slip, overdue',
        params: idParams,
        response: { 200: projectMilestonesSchema },
      },
    },
    async (req) => service.getProjectMilestones(requestContext(app, req), req.params.id),
  );

  app.post(
    '/projects/:id/milestones/from-template',
    {
      schema: {
        tags,
        summary: '按模板生成节点 Copy the category template’s nodes onto a project that has none (office/admin)',
        params: idParams,
        response: { 201: projectMilestonesSchema },
      },
    },
    async (req, reply) => {
      const view = await service.instantiateFromTemplate(requestContext(app, req), req.params.id);
      return reply.status(201).send(view);
    },
  );

  app.post(
    '/projects/:id/schedule/backward',
    {
      // a POST only because the target date travels in a body: it computes and saves nothing
      config: { readOnly: true },
      schema: {
        tags,
        summary: '倒排工期预览 Backward schedule from a target date (preview, nothing saved)',
        params: idParams,
        body: backwardScheduleBody,
        response: { 200: scheduleResultSchema },
      },
    },
    async (req) => service.previewBackward(requestContext(app, req), req.params.id, req.body.targetDate),
  );

  app.get(
    '/projects/:id/schedule/baselines',
    {
      schema: {
        tags,
        summary: '计划基线列表 Saved baselines, newest first',
        params: idParams,
        response: { 200: z.object({ items: z.array(scheduleBaselineSchema) }) },
      },
    },
    async (req) => ({ items: await service.listBaselines(requestContext(app, req), req.params.id) }),
  );

  app.post(
    '/projects/:id/schedule/baselines',
    {
      schema: {
        tags,
        summary: '保存计划基线 Save a new baseline from a target date; it becomes current, old ones are kept (office/admin)',
        params: idParams,
        body: backwardScheduleBody,
        response: { 201: savedBaselineSchema },
      },
    },
    async (req, reply) => {
      const saved = await service.saveBaseline(requestContext(app, req), req.params.id, req.body.targetDate);
      return reply.status(201).send(saved);
    },
  );

  app.patch(
    '/milestones/:id',
    {
      schema: {
        tags,
        summary: '记录节点实际日期 Record a node’s actual start / finish (version required; stale → 409)',
        params: idParams,
        body: updateMilestoneBody,
        response: { 200: milestoneNodeSchema },
      },
    },
    async (req) => service.updateMilestone(requestContext(app, req), req.params.id, req.body),
  );

  app.get(
    '/milestones',
    {
      schema: {
        tags,
        summary: '节点跟踪 Nodes across the user’s projects: overdue, or due within N days',
        querystring: listMilestonesQuery,
        response: { 200: pageOf(milestoneListItemSchema) },
      },
    },
    async (req) => service.listMilestones(requestContext(app, req), req.query),
  );
};

export default milestonesRoutes;
