/** /supervision/rule-sets/:regionCode: a region's colour rule set 评色规则, its preview and its versions. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  previewRagRulesBody,
  ragRuleSetParams,
  ragRuleSetVersionSchema,
  ragRuleSetViewSchema,
  ragRulesPreviewSchema,
  saveRagRulesBody,
} from '@kpc/contracts';
import { requestContext } from '../../lib/request-context.js';
import * as service from './rag-rule-sets.service.js';

const ragRuleSetsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['supervision'];

  app.get(
    '/supervision/rule-sets/:regionCode',
    {
      schema: {
        tags,
        summary:
          '评色规则 The colour rule set in force for a region (its own, inherited from an ancestor, or the defaults) and its versions (supervisor, admin)',
        params: ragRuleSetParams,
        response: { 200: ragRuleSetViewSchema },
      },
    },
    async (req) => service.getRuleSet(requestContext(app, req), req.params.regionCode),
  );

  app.post(
    '/supervision/rule-sets/:regionCode/preview',
    {
      schema: {
        tags,
        summary:
          '预览影响 What a rule set would change: colour counts before and after, every project whose computed colour would change; saves nothing',
        params: ragRuleSetParams,
        body: previewRagRulesBody,
        response: { 200: ragRulesPreviewSchema },
      },
    },
    async (req) => service.previewRuleSet(requestContext(app, req), req.params.regionCode, req.body),
  );

  app.put(
    '/supervision/rule-sets/:regionCode',
    {
      schema: {
        tags,
        summary: '保存评色规则 Save the rule set as the region’s next version (send the version it was based on; stale → 409)',
        params: ragRuleSetParams,
        body: saveRagRulesBody,
        response: { 200: ragRuleSetVersionSchema },
      },
    },
    async (req) => service.saveRuleSet(requestContext(app, req), req.params.regionCode, req.body),
  );
};

export default ragRuleSetsRoutes;
