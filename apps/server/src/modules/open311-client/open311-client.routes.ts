/** Open311 routing under /api/staff/admin/open311-routes (technical admins; the services check). */
import { NewOpen311Route, Open311Route, Open311RouteList, Open311RouteUpdate } from "@yhteys/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { ById } from "../../http/routes.ts";
import { staffActor, staffGuard } from "../auth/auth.guard.ts";
import { createOpen311Route, deleteOpen311Route, listOpen311Routes, updateOpen311Route } from "./open311-routes.admin.ts";

const tags = ["open311-client"];

export function open311RouteRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook("preHandler", staffGuard(ctx));
    app.get(
      "",
      { schema: { tags, summary: "Categories routed to external Open311 systems", response: { 200: Open311RouteList } } },
      (request) => listOpen311Routes(ctx, staffActor(request)),
    );
    app.post(
      "",
      {
        schema: {
          tags,
          summary: "Route a category; the api key is stored and never shown",
          body: NewOpen311Route,
          response: { 201: Open311Route },
        },
      },
      async (request, reply) => reply.code(201).send(await createOpen311Route(ctx, staffActor(request), request.body)),
    );
    app.patch(
      "/:id",
      {
        schema: {
          tags,
          summary: "Change a route (a new api key replaces the old)",
          params: ById,
          body: Open311RouteUpdate,
          response: { 200: Open311Route },
        },
      },
      (request) => updateOpen311Route(ctx, staffActor(request), request.params.id, request.body),
    );
    app.delete(
      "/:id",
      { schema: { tags, summary: "Remove a route", params: ById, response: { 204: z.null() } } },
      async (request, reply) => {
        await deleteOpen311Route(ctx, staffActor(request), request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
