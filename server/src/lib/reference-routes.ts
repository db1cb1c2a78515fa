/**
 * The five routes of a reference-data module (units, leaders, enterprises): list, get, create, edit,
 * delete an unreferenced record. The module gives its path, names, schemas and service functions;
 * every route still carries its schema for validation, serialisation and the OpenAPI document.
 */
import type { FastifyInstance, FastifyRequest, FastifySchema } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { idParams, okSchema } from '@kpc/contracts';
import { requestContext, type RequestContext } from './request-context.js';

export interface ReferenceRoutes<
  Q extends z.ZodType,
  P extends z.ZodType,
  I extends z.ZodType,
  C extends z.ZodType,
  U extends z.ZodType,
> {
  /** e.g. 'units'. */
  path: string;
  /** The record in the summaries: zh-CN and English with its article, e.g. ['责任单位', 'a unit', 'units']. */
  noun: [zh: string, en: string, enPlural: string];
  schemas: { query: Q; page: P; item: I; create: C; update: U };
  list: (ctx: RequestContext, q: z.infer<Q>) => Promise<z.infer<P>>;
  get: (ctx: RequestContext, id: number) => Promise<z.infer<I>>;
  create: (ctx: RequestContext, body: z.infer<C>) => Promise<z.infer<I>>;
  update: (ctx: RequestContext, id: number, body: z.infer<U>) => Promise<z.infer<I>>;
  remove: (ctx: RequestContext, id: number) => Promise<void>;
}

export function referenceRoutes<
  Q extends z.ZodType,
  P extends z.ZodType,
  I extends z.ZodType,
  C extends z.ZodType,
  U extends z.ZodType,
>(r: ReferenceRoutes<Q, P, I, C, U>): FastifyPluginAsyncZod {
  const tags = [r.path];
  const [zh, en, plural] = r.noun;
  const one = `/${r.path}/:id`;
  // typed as plain schemas: the generic ones defeat the type provider's inference of each reply
  const plain = (schema: FastifySchema) => schema;
  const id = (req: FastifyRequest) => (req.params as { id: number }).id;
  return async (zodApp) => {
    // validation and serialisation still run through the same zod schemas
    const app = zodApp as unknown as FastifyInstance;
    app.get(
      `/${r.path}`,
      {
        schema: plain({
          tags,
          summary: `${zh}列表 List ${plural}`,
          querystring: r.schemas.query,
          response: { 200: r.schemas.page },
        }),
      },
      async (req) => r.list(requestContext(app, req), req.query as z.infer<Q>),
    );
    app.get(
      one,
      { schema: plain({ tags, summary: `${zh}详情 Get ${en}`, params: idParams, response: { 200: r.schemas.item } }) },
      async (req) => r.get(requestContext(app, req), id(req)),
    );
    app.post(
      `/${r.path}`,
      { schema: plain({ tags, summary: `新建${zh} Create ${en}`, body: r.schemas.create, response: { 201: r.schemas.item } }) },
      async (req, reply) => reply.status(201).send(await r.create(requestContext(app, req), req.body as z.infer<C>)),
    );
    app.patch(
      one,
      {
        schema: plain({
          tags,
          summary: `修改${zh} Edit ${en}`,
          params: idParams,
          body: r.schemas.update,
          response: { 200: r.schemas.item },
        }),
      },
      async (req) => r.update(requestContext(app, req), id(req), req.body as z.infer<U>),
    );
    app.delete(
      one,
      {
        schema: plain({
          tags,
          summary: `删除${zh} Delete an unreferenced ${en.replace(/^an? /, '')}`,
          params: idParams,
          response: { 200: okSchema },
        }),
      },
      async (req) => {
        await r.remove(requestContext(app, req), id(req));
        return { ok: true as const };
      },
    );
  };
}
