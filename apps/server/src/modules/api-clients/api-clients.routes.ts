/** API clients under /api/staff/admin/api-clients (technical admins; the service checks). */
import { ApiClient, ApiClientList, ApiClientUpdate, CreatedApiClient, NewApiClient } from "@yhteys/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../context.ts";
import { ById } from "../../http/routes.ts";
import { staffActor, staffGuard } from "../auth/auth.guard.ts";
import { createApiClient, listApiClients, updateApiClient } from "./api-clients.ts";

const tags = ["api-clients"];

export function apiClientRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook("preHandler", staffGuard(ctx));
    app.get("", { schema: { tags, summary: "API clients", response: { 200: ApiClientList } } }, (request) =>
      listApiClients(ctx, staffActor(request)),
    );
    app.post(
      "",
      {
        schema: {
          tags,
          summary: "A new API client; the answer carries its key, shown this once",
          body: NewApiClient,
          response: { 201: CreatedApiClient },
        },
      },
      async (request, reply) => reply.code(201).send(await createApiClient(ctx, staffActor(request), request.body)),
    );
    app.patch(
      "/:id",
      {
        schema: {
          tags,
          summary: "Change the name, permissions, default category or whether the key works",
          params: ById,
          body: ApiClientUpdate,
          response: { 200: ApiClient },
        },
      },
      (request) => updateApiClient(ctx, staffActor(request), request.params.id, request.body),
    );
  };
}
