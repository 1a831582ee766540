/** Admin routes for ticket types and their workflows; the services check access. */
import { TicketType, TicketTypeList, TicketTypeSetting, TicketTypeUpdate, Workflow, WorkflowInput } from "@yhteys/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { settingsRoutes } from "../../http/routes.ts";
import { staffActor, staffGuard } from "../auth/auth.guard.ts";
import { getWorkflow, listTicketTypes, setWorkflow, updateTicketType } from "./workflows.admin.ts";

const ByType = z.object({ type: TicketType });
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
    app.patch(
      "/ticket-types/:type",
      {
        schema: {
          tags,
          summary: "Rename, describe, reorder or switch off a ticket type (technical admin)",
          params: ByType,
          body: TicketTypeUpdate,
          response: { 200: TicketTypeSetting },
        },
      },
      (request) => updateTicketType(ctx.db, staffActor(request), request.params.type, request.body),
    );
    settingsRoutes(app, "/ticket-types/:type/workflow", {
      tags,
      params: ByType,
      response: Workflow,
      read: {
        summary: "A type's statuses and allowed moves (admins)",
        handler: (request) => getWorkflow(ctx.db, staffActor(request), request.params.type),
      },
      write: {
        summary: "Save a type's whole workflow: statuses in order with their moves (technical admin)",
        body: WorkflowInput,
        handler: (request) => setWorkflow(ctx.db, staffActor(request), request.params.type, request.body),
      },
    });
  };
}
