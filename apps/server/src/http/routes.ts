/** Pieces that the modules' route files share. */
import type { FastifyRequest, RouteHandlerMethod } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";

/** `/{id}` of a stored row. */
export const ById = z.object({ id: z.uuid() });

/** The organisation's slug in public paths. */
export const Org = z.object({ org: z.string().regex(/^[a-z0-9-]{1,63}$/) });

type App = Parameters<FastifyPluginAsyncZod>[0];
type Handler<Params, Body, Response extends z.ZodType> = (
  request: FastifyRequest<{ Params: Params; Body: Body }>,
) => Promise<z.input<Response>> | z.input<Response>;

/**
 * `GET` and `PUT` of one settings document at `path`: the write replaces what the read returns,
 * and both answer with `response`. The handlers (or the services they call) check access.
 */
export function settingsRoutes<Response extends z.ZodType, Body extends z.ZodType, Params extends z.ZodType = z.ZodNever>(
  app: App,
  path: string,
  spec: {
    tags: string[];
    params?: Params;
    response: Response;
    read: { summary: string; handler: Handler<z.infer<Params>, unknown, Response> };
    write: { summary: string; description?: string; body: Body; handler: Handler<z.infer<Params>, z.infer<Body>, Response> };
  },
): void {
  const { tags, params, response, read, write } = spec;
  const common = { tags, ...(params ? { params } : {}), response: { 200: response } };
  // The types above tie each handler to the schemas given; Fastify's own inference cannot see through the generics.
  app.route({ method: "GET", url: path, schema: { ...common, summary: read.summary }, handler: read.handler as RouteHandlerMethod });
  app.route({
    method: "PUT",
    url: path,
    schema: { ...common, summary: write.summary, ...(write.description ? { description: write.description } : {}), body: write.body },
    handler: write.handler as RouteHandlerMethod,
  });
}
