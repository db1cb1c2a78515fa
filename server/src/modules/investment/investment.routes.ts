/** Annual plans, monthly investment reports (draft → submitted → approved | returned), a project's series. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  annualPlanSchema,
  createInvestmentReportBody,
  deleteReportQuery,
  idParams,
  investmentReportSchema,
  listInvestmentReportsQuery,
  okSchema,
  pageOf,
  projectInvestmentQuery,
  projectInvestmentSchema,
  projectYearParams,
  putAnnualPlanBody,
  reportActionBody,
  submitReportBody,
  returnReportBody,
  updateInvestmentReportBody,
} from '@kpc/contracts';
import { requestContext } from '../../lib/request-context.js';
import * as service from './investment.service.js';

const investmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['investment'];

  app.get(
    '/projects/:id/plans',
    {
      schema: {
        tags,
        summary: '年度计划 Annual plans of a project',
        params: idParams,
        response: { 200: z.array(annualPlanSchema) },
      },
    },
    async (req) => service.listPlans(requestContext(app, req), req.params.id),
  );

  app.put(
    '/projects/:id/plans/:year',
    {
      schema: {
        tags,
        summary:
          '设置年度计划 Set a project’s planned investment for a year (office/admin; create without version, update with it)',
        params: projectYearParams,
        body: putAnnualPlanBody,
        response: { 200: annualPlanSchema },
      },
    },
    async (req) => service.putPlan(requestContext(app, req), req.params.id, req.params.year, req.body),
  );

  app.get(
    '/projects/:id/investment',
    {
      schema: {
        tags,
        summary: '项目投资完成情况 Plan vs approved actuals by month (year defaults to the current one)',
        params: idParams,
        querystring: projectInvestmentQuery,
        response: { 200: projectInvestmentSchema },
      },
    },
    async (req) => service.getProjectInvestment(requestContext(app, req), req.params.id, req.query.year),
  );

  app.get(
    '/investment-reports',
    {
      schema: {
        tags,
        summary: '投资月报列表 List monthly investment reports (the approval queue is status=submitted)',
        querystring: listInvestmentReportsQuery,
        response: { 200: pageOf(investmentReportSchema) },
      },
    },
    async (req) => service.listReports(requestContext(app, req), req.query),
  );

  app.get(
    '/investment-reports/:id',
    { schema: { tags, summary: '投资月报详情 One report', params: idParams, response: { 200: investmentReportSchema } } },
    async (req) => service.getReport(requestContext(app, req), req.params.id),
  );

  app.post(
    '/investment-reports',
    {
      schema: {
        tags,
        summary:
          '填报投资月报 Create a draft report of a month’s completed investment (with correctsId: a correction of an approved report)',
        body: createInvestmentReportBody,
        response: { 201: investmentReportSchema },
      },
    },
    async (req, reply) => {
      const r = await service.createReport(requestContext(app, req), req.body);
      return reply.status(201).send(r);
    },
  );

  app.patch(
    '/investment-reports/:id',
    {
      schema: {
        tags,
        summary: '修改投资月报 Edit a draft or returned report (version required)',
        params: idParams,
        body: updateInvestmentReportBody,
        response: { 200: investmentReportSchema },
      },
    },
    async (req) => service.updateReport(requestContext(app, req), req.params.id, req.body),
  );

  app.post(
    '/investment-reports/:id/submit',
    {
      schema: {
        tags,
        summary:
          '提交审核 Submit a draft or returned report to the office; an optional `burden` records the form’s fields typed and seconds (填报负担)',
        params: idParams,
        body: submitReportBody,
        response: { 200: investmentReportSchema },
      },
    },
    async (req) => service.actOnReport(requestContext(app, req), req.params.id, 'submit', req.body),
  );

  app.post(
    '/investment-reports/:id/approve',
    {
      schema: {
        tags,
        summary: '审核通过 Approve a submitted report (office/admin); a correction supersedes the report it corrects',
        params: idParams,
        body: reportActionBody,
        response: { 200: investmentReportSchema },
      },
    },
    async (req) => service.actOnReport(requestContext(app, req), req.params.id, 'approve', req.body),
  );

  app.post(
    '/investment-reports/:id/return',
    {
      schema: {
        tags,
        summary: '退回 Return a submitted report with a reason (office/admin)',
        params: idParams,
        body: returnReportBody,
        response: { 200: investmentReportSchema },
      },
    },
    async (req) => service.actOnReport(requestContext(app, req), req.params.id, 'return', req.body),
  );

  app.delete(
    '/investment-reports/:id',
    {
      schema: {
        tags,
        summary: '删除投资月报 Delete a draft or returned report',
        params: idParams,
        querystring: deleteReportQuery,
        response: { 200: okSchema },
      },
    },
    async (req) => {
      await service.deleteReport(requestContext(app, req), req.params.id, req.query.version);
      return { ok: true as const };
    },
  );
};

export default investmentRoutes;
