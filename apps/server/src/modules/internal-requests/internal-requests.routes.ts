/** The internal customer's own view: categories to pick, their requests, answers and replies. */
import {
  CategoryList,
  InternalRequestDetail,
  InternalRequestList,
  InternalRequestMessage,
  InternalRequestSubmission,
} from "@yhteys/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../context.ts";
import { forbidden } from "../../http/errors.ts";
import { ById } from "../../http/routes.ts";
import { staffActor, staffGuard } from "../auth/auth.guard.ts";
import { listCategories } from "../categories/categories.ts";
import { submitsInternalRequests } from "../tickets/tickets.access.ts";
import { addInternalMessage, getInternalRequest, listInternalRequests, submitInternalRequest } from "./internal-requests.service.ts";

const tags = ["internal requests"];

export function internalRequestRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook("preHandler", staffGuard(ctx));

    app.get(
      "/categories",
      { schema: { tags, summary: "Categories to file a request under", response: { 200: CategoryList } } },
      async (request) => {
        const actor = staffActor(request);
        if (!submitsInternalRequests(actor)) throw forbidden("Only internal customers submit internal requests here");
        return { items: await listCategories(ctx.db, actor.organisationId) };
      },
    );

    app.get("/", { schema: { tags, summary: "My internal requests, newest first", response: { 200: InternalRequestList } } }, (request) =>
      listInternalRequests(ctx.db, staffActor(request)),
    );

    app.post(
      "/",
      {
        schema: {
          tags,
          summary: "Submit an internal service request",
          body: InternalRequestSubmission,
          response: { 201: InternalRequestDetail },
        },
      },
      async (request, reply) => reply.code(201).send(await submitInternalRequest(ctx, staffActor(request), request.body)),
    );

    app.get(
      "/:id",
      { schema: { tags, summary: "One of my requests with the answers", params: ById, response: { 200: InternalRequestDetail } } },
      (request) => getInternalRequest(ctx.db, staffActor(request), request.params.id),
    );

    app.post(
      "/:id/messages",
      {
        schema: {
          tags,
          summary: "Reply on my request",
          params: ById,
          body: InternalRequestMessage,
          response: { 201: InternalRequestDetail },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await addInternalMessage(ctx, staffActor(request), request.params.id, request.body.body)),
    );
  };
}
