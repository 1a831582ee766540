/** Public routes under /api/public: earlier contacts near a point, and following one of them. */
import { FollowReceipt, FollowRequest, NearbyContactList, NearbyQuery, TicketReferenceParam } from "@yhteys/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../context.ts";
import { Org } from "../../http/routes.ts";
import { organisationBySlug } from "../organisations/organisations.ts";
import { followContact } from "./followers.service.ts";
import { nearbyContacts } from "./nearby.queries.ts";

const tags = ["public"];

export function nearbyRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/:org/contacts/nearby",
      {
        config: { rateLimit: { max: ctx.config.publicRateLimit * 5, timeWindow: "1 minute" } },
        schema: {
          tags,
          summary: "Open contacts within 200 m of a point, the given category first (no descriptions, no personal data)",
          params: Org,
          querystring: NearbyQuery,
          response: { 200: NearbyContactList },
        },
      },
      async (request) => {
        const org = await organisationBySlug(ctx.db, request.params.org);
        const { categoryId, ...point } = request.query;
        return { items: await nearbyContacts(ctx.db, org.id, point, categoryId) };
      },
    );

    app.post(
      "/:org/contacts/:reference/follow",
      {
        config: { rateLimit: { max: ctx.config.publicRateLimit, timeWindow: "1 minute" } },
        schema: {
          tags,
          summary: "Follow an open contact instead of sending the same issue again (idempotent per email)",
          params: Org.extend({ reference: TicketReferenceParam }),
          body: FollowRequest,
          response: { 200: FollowReceipt },
        },
      },
      async (request) => {
        const org = await organisationBySlug(ctx.db, request.params.org);
        return followContact(ctx, org, request.params.reference, request.body.email);
      },
    );
  };
}
