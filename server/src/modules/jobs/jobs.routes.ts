/** /jobs: the scheduled jobs and their runs (admin of the top region); POST /jobs/:name/run runs one now. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { jobList, jobNames, runJobResult } from '@kpc/contracts';
import { requestContext } from '../../lib/request-context.js';
import { listJobs, runJobNow } from './jobs.service.js';

const jobsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/jobs',
    { schema: { tags: ['jobs'], summary: '定时任务 Scheduled jobs and their latest runs', response: { 200: jobList } } },
    async (req) => listJobs(requestContext(app, req)),
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
