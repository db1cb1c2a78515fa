/** /settings: the rule settings of the actor's region (read: admin, office, supervisor; change: admin). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { settingsView, updateSettingsBody } from '@kpc/contracts';
import { requestContext } from '../../lib/request-context.js';
import { getSettings, updateSettings } from './settings.service.js';

const tags = ['settings'];

const settingsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/settings',
    { schema: { tags, summary: '规则设置 Effective settings of the own region', response: { 200: settingsView } } },
    async (req) => getSettings(requestContext(app, req)),
  );
  app.put(
    '/settings',
    {
      schema: {
        tags,
        summary: '修改规则设置 Set the own region’s values (partial)',
        body: updateSettingsBody,
        response: { 200: settingsView },
      },
    },
    async (req) => updateSettings(requestContext(app, req), req.body),
  );
};

export default settingsRoutes;
