/** Saved views under /api/staff/views; the service checks access. */
import { NewSavedView, SavedView, SavedViewList, SavedViewUpdate } from "@yhteys/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { ById } from "../../http/routes.ts";
import { staffActor, staffGuard } from "../auth/auth.guard.ts";
import { createView, deleteView, listViews, updateView } from "./views.ts";

const tags = ["views"];

export function viewRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook("preHandler", staffGuard(ctx));
    app.get("/", { schema: { tags, summary: "My saved views with their counts", response: { 200: SavedViewList } } }, (request) =>
      listViews(ctx.db, staffActor(request)),
    );
    app.post(
      "/",
      {
        schema: {
          tags,
          summary: "Save a view: personal, a group's or the organisation's",
          body: NewSavedView,
          response: { 201: SavedView },
        },
      },
      async (request, reply) => reply.code(201).send(await createView(ctx.db, staffActor(request), request.body)),
    );
    app.patch(
      "/:id",
      {
        schema: { tags, summary: "Rename a view or change its filters", params: ById, body: SavedViewUpdate, response: { 200: SavedView } },
      },
      (request) => updateView(ctx.db, staffActor(request), request.params.id, request.body),
    );
    app.delete(
      "/:id",
      { schema: { tags, summary: "Delete a view", params: ById, response: { 204: z.null() } } },
      async (request, reply) => {
        await deleteView(ctx.db, staffActor(request), request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
