/** Admin routes for ticket types and their workflows; the services check access. */
import { NewTicketType, TicketTypeList, TicketTypeSetting, TicketTypeUpdate, TypeKey, Workflow, WorkflowInput } from "@yhteys/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { settingsRoutes } from "../../http/routes.ts";
import { staffActor, staffGuard } from "../auth/auth.guard.ts";
import { createTicketType, getWorkflow, listTicketTypes, setWorkflow, updateTicketType } from "./workflows.admin.ts";

/** A type by key: a built-in type's key is its kind. */
const ByKey = z.object({ key: TypeKey });
const tags = ["admin"];

/** Routes under /api/staff/admin: /ticket-types. */
export function workflowRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook("preHandler", staffGuard(ctx));

    app.get(
      "/ticket-types",
      { schema: { tags, summary: "Ticket types as the organisation has set them up (admins)", response: { 200: TicketTypeList } } },
      (request) => listTicketTypes(ctx.db, staffActor(request)),
    );
    app.post(
      "/ticket-types",
      {
        schema: {
          tags,
          summary: "Add a ticket type on a base kind (technical admin)",
          body: NewTicketType,
          response: { 201: TicketTypeSetting },
        },
      },
      async (request, reply) => reply.code(201).send(await createTicketType(ctx.db, staffActor(request), request.body)),
    );
    app.patch(
      "/ticket-types/:key",
      {
        schema: {
          tags,
          summary: "Rename, describe, reorder or switch off a ticket type by key (technical admin)",
          params: ByKey,
          body: TicketTypeUpdate,
          response: { 200: TicketTypeSetting },
        },
      },
      (request) => updateTicketType(ctx.db, staffActor(request), request.params.key, request.body),
    );
    settingsRoutes(app, "/ticket-types/:key/workflow", {
      tags,
      params: ByKey,
      response: Workflow,
      read: {
        summary: "A type's statuses and allowed moves (admins)",
        handler: (request) => getWorkflow(ctx.db, staffActor(request), request.params.key),
      },
      write: {
        summary: "Save a type's whole workflow: statuses in order with their moves (technical admin)",
        body: WorkflowInput,
        handler: (request) => setWorkflow(ctx.db, staffActor(request), request.params.key, request.body),
      },
    });
  };
}
