/** Admin routes for the category tree and its extra fields; the services check access. */
import { AdminCategory, AdminCategoryList, CategoryMove, CategoryUpdate, NewCategory } from "@yhteys/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../context.ts";
import { ById } from "../../http/routes.ts";
import { staffActor, staffGuard } from "../auth/auth.guard.ts";
import { createCategory, deleteCategory, listAdminCategories, moveCategory, updateCategory } from "./categories.admin.ts";

const tags = ["admin"];

/** Routes under /api/staff/admin: `/categories`. */
export function categoryAdminRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook("preHandler", staffGuard(ctx));

    app.get(
      "/categories",
      {
        schema: {
          tags,
          summary: "The whole category tree, inactive categories too, with ticket counts (admins)",
          response: { 200: AdminCategoryList },
        },
      },
      (request) => listAdminCategories(ctx.db, staffActor(request)),
    );
    app.post(
      "/categories",
      {
        schema: {
          tags,
          summary: "Add a category at the top or under a parent, last among its siblings (technical admin)",
          body: NewCategory,
          response: { 201: AdminCategory },
        },
      },
      async (request, reply) => reply.code(201).send(await createCategory(ctx.db, staffActor(request), request.body)),
    );
    app.patch(
      "/categories/:id",
      {
        schema: {
          tags,
          summary:
            "Change a category: texts, search words and extra fields (technical admin, or content admin of its default group); parent, code, defaults and active (technical admin)",
          params: ById,
          body: CategoryUpdate,
          response: { 200: AdminCategory },
        },
      },
      (request) => updateCategory(ctx.db, staffActor(request), request.params.id, request.body),
    );
    app.post(
      "/categories/:id/move",
      {
        schema: {
          tags,
          summary: "Move a category one step up or down among its siblings (technical admin); answers the whole tree",
          params: ById,
          body: CategoryMove,
          response: { 200: AdminCategoryList },
        },
      },
      (request) => moveCategory(ctx.db, staffActor(request), request.params.id, request.body),
    );
    app.delete(
      "/categories/:id",
      { schema: { tags, summary: "Delete a category nothing refers to; 409 otherwise (technical admin)", params: ById } },
      async (request, reply) => {
        await deleteCategory(ctx.db, staffActor(request), request.params.id);
        return reply.code(204).send();
      },
    );
  };
}
