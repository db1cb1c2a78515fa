/** /jobs: the scheduled jobs and their runs (admin of the top region); POST /jobs/:name/run runs one now. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { jobList, jobNames, jobRunsList, jobRunsQuery, runJobResult } from '@kpc/contracts';
import { requestContext } from '../../lib/request-context.js';
import { listJobs, listRuns, runJobNow } from './jobs.service.js';

const jobsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/jobs',
    { schema: { tags: ['jobs'], summary: '定时任务 Scheduled jobs and their latest runs', response: { 200: jobList } } },
    async (req) => listJobs(requestContext(app, req)),
  );
  app.get(
    '/jobs/runs',
    {
      schema: {
        tags: ['jobs'],
        summary: '运行记录 The runs of the scheduled jobs, newest first (admin of the top region)',
        querystring: jobRunsQuery,
        response: { 200: jobRunsList },
      },
    },
    async (req) => listRuns(requestContext(app, req), req.query),
  );
  app.post(
    '/jobs/:name/run',
    {
      schema: {
        tags: ['jobs'],
        summary: '立即运行 Run a job now',
        params: z.object({ name: z.enum(jobNames) }),
        response: { 200: runJobResult },
      },
    },
    async (req) => runJobNow(requestContext(app, req), app, req.params.name),
  );
};

export default jobsRoutes;
