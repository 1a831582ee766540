/** Staff routes for a ticket's context: the customer's other tickets, tickets nearby and the base map they are drawn on. */
import { CustomerTicketList, MapSettings, NearbyTicketList, NearbyTicketsQuery } from "@yhteys/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../context.ts";
import { ById } from "../../http/routes.ts";
import { staffActor, staffGuard } from "../auth/auth.guard.ts";
import { mapSettings } from "../geocoding/map-settings.ts";
import { customerTickets, ticketsNearby } from "./context.service.ts";

const tags = ["tickets"];

export function contextRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook("preHandler", staffGuard(ctx));

    app.get(
      "/tickets/:id/customer-tickets",
      {
        schema: {
          tags,
          summary: "The customer's other tickets (same email or phone) that I may open, newest first, at most 20 (audited)",
          params: ById,
          response: { 200: CustomerTicketList },
        },
      },
      (request) => customerTickets(ctx.db, staffActor(request), request.params.id),
    );

    app.get(
      "/tickets/:id/nearby",
      {
        schema: {
          tags,
          summary: "Tickets within `radius` metres (default 250, at most 2000): open, or resolved in the last 90 days",
          params: ById,
          querystring: NearbyTicketsQuery,
          response: { 200: NearbyTicketList },
        },
      },
      (request) => ticketsNearby(ctx.db, staffActor(request), request.params.id, request.query.radius),
    );

    app.get(
      "/map",
      {
        schema: {
          tags,
          summary:
            "The organisation's base map, as the portal draws it (the same settings as GET /api/public/{org}), for the console's maps",
          response: { 200: MapSettings },
        },
      },
      (request) => mapSettings(ctx.db, ctx.config, staffActor(request).organisationId),
    );
  };
}
