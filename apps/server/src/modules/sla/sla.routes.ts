/** Admin routes for business calendars and SLA policies; the services check access. */
import {
  AdminCalendar,
  AdminCalendarList,
  CalendarDays,
  CalendarDaysQuery,
  CalendarUpdate,
  NewCalendar,
  SlaPolicy,
  SlaPolicyInput,
  SlaPolicyList,
} from "@yhteys/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { ById } from "../../http/routes.ts";
import { staffActor, staffGuard } from "../auth/auth.guard.ts";
import {
  createCalendar,
  daysOfCalendar,
  deleteCalendar,
  deleteSlaPolicy,
  listCalendars,
  listSlaPolicies,
  setSlaPolicy,
  updateCalendar,
} from "./sla.admin.ts";

const tags = ["admin"];

/** Routes under /api/staff/admin: /calendars and /sla-policies. */
export function slaRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook("preHandler", staffGuard(ctx));

    app.get(
      "/calendars",
      { schema: { tags, summary: "Business calendars and the groups that use them (admins)", response: { 200: AdminCalendarList } } },
      (request) => listCalendars(ctx.db, staffActor(request)),
    );
    app.post(
      "/calendars",
      { schema: { tags, summary: "Create a business calendar (technical admin)", body: NewCalendar, response: { 201: AdminCalendar } } },
      async (request, reply) => reply.code(201).send(await createCalendar(ctx.db, staffActor(request), request.body)),
    );
    app.patch(
      "/calendars/:id",
      {
        schema: {
          tags,
          summary: "Change a calendar's name, hours or exceptions, or make it the default (technical admin)",
          params: ById,
          body: CalendarUpdate,
          response: { 200: AdminCalendar },
        },
      },
      (request) => updateCalendar(ctx.db, staffActor(request), request.params.id, request.body),
    );
    app.delete(
      "/calendars/:id",
      { schema: { tags, summary: "Delete a calendar no group uses (technical admin)", params: ById, response: { 204: z.null() } } },
      async (request, reply) => {
        await deleteCalendar(ctx.db, staffActor(request), request.params.id);
        return reply.code(204).send(null);
      },
    );
    app.get(
      "/calendars/:id/days",
      {
        schema: {
          tags,
          summary: "A calendar's opening hours day by day, with public holidays and exceptions named",
          params: ById,
          querystring: CalendarDaysQuery,
          response: { 200: CalendarDays },
        },
      },
      (request) => daysOfCalendar(ctx.db, staffActor(request), request.params.id, request.query),
    );

    app.get("/sla-policies", { schema: { tags, summary: "Service-level targets (admins)", response: { 200: SlaPolicyList } } }, (request) =>
      listSlaPolicies(ctx.db, staffActor(request)),
    );
    app.put(
      "/sla-policies",
      {
        schema: {
          tags,
          summary: "Set the targets of a scope: category, priority, both or neither (technical admin)",
          body: SlaPolicyInput,
          response: { 200: SlaPolicy },
        },
      },
      (request) => setSlaPolicy(ctx.db, staffActor(request), request.body),
    );
    app.delete(
      "/sla-policies/:id",
      { schema: { tags, summary: "Remove a policy (technical admin)", params: ById, response: { 204: z.null() } } },
      async (request, reply) => {
        await deleteSlaPolicy(ctx.db, staffActor(request), request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
