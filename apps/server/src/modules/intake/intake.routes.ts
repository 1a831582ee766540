/** The public REST API for residents, the embeddable form and the city's mobile app. */
import {
  CategoryList,
  ContactReceipt,
  ContactSubmission,
  languages,
  PublicOrganisation,
  ResidentMessageInput,
  ResidentMessageReceipt,
  TrackedContact,
} from "@yhteys/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { Org } from "../../http/routes.ts";
import { attachmentLimits } from "../attachments/attachment-files.ts";
import { listCategories } from "../categories/categories.ts";
import { mapSettings } from "../geocoding/map-settings.ts";
import { organisationBySlug } from "../organisations/organisations.ts";
import { logoUrl, themeState } from "../theming/theme.service.ts";
import { activeTicketTypes } from "../workflows/workflows.admin.ts";
import { submitContact, trackContact } from "./intake.service.ts";
import { addTrackedMessage } from "./tracking-messages.ts";

const tags = ["public"];
/** A contact's private tracking token (256 bits, base64url) in public paths. */
export const TrackingParams = Org.extend({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });

const IdempotencyHeader = z.object({ "idempotency-key": z.string().min(8).max(200).optional() });

export function intakeRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/:org",
      { schema: { tags, summary: "The organisation", params: Org, response: { 200: PublicOrganisation } } },
      async (request) => {
        const org = await organisationBySlug(ctx.db, request.params.org);
        const theme = await themeState(ctx.db, org.id);
        return {
          slug: org.slug,
          name: theme.settings.displayName ?? org.name,
          logoUrl: logoUrl(theme),
          languages: [...languages],
          attachments: attachmentLimits(ctx.config),
          map: await mapSettings(ctx.db, ctx.config, org.id),
          types: await activeTicketTypes(ctx.db, org.id),
        };
      },
    );

    app.get(
      "/:org/categories",
      { schema: { tags, summary: "Categories to choose from", params: Org, response: { 200: CategoryList } } },
      async (request) => {
        const org = await organisationBySlug(ctx.db, request.params.org);
        return { items: await listCategories(ctx.db, org.id) };
      },
    );

    app.post(
      "/:org/contacts",
      {
        config: { rateLimit: { max: ctx.config.publicRateLimit, timeWindow: "1 minute" } },
        schema: {
          tags,
          summary: "Send a contact (feedback, question, fault report or request)",
          description:
            "Anonymous unless contact details are given. Send an `Idempotency-Key` header so that a retry creates no second ticket.",
          params: Org,
          headers: IdempotencyHeader,
          body: ContactSubmission,
          response: { 200: ContactReceipt, 201: ContactReceipt },
        },
      },
      async (request, reply) => {
        const org = await organisationBySlug(ctx.db, request.params.org);
        const { receipt, replayed } = await submitContact(ctx, org, request.body, {
          channel: "web",
          actor: { kind: "resident", organisationId: org.id },
          idempotencyKey: request.headers["idempotency-key"],
        });
        return reply.code(replayed ? 200 : 201).send(receipt);
      },
    );

    app.get(
      "/:org/contacts/:token",
      {
        config: { rateLimit: { max: ctx.config.publicRateLimit * 5, timeWindow: "1 minute" } },
        schema: {
          tags,
          summary: "Follow one's own contact with its tracking token",
          params: TrackingParams,
          response: { 200: TrackedContact },
        },
      },
      async (request) => trackContact(ctx.db, await organisationBySlug(ctx.db, request.params.org), request.params.token),
    );

    app.post(
      "/:org/contacts/:token/messages",
      {
        config: { rateLimit: { max: ctx.config.publicRateLimit, timeWindow: "1 minute" } },
        schema: {
          tags,
          summary: "Add information or reply to one's own contact",
          description:
            "The message joins the contact as the resident's. A resolved or closed contact reopens (in_progress), and one waiting for the resident goes back to handling, as with an email reply. 404 for an unknown token; 409 `contact_merged` when the contact was merged into another (write there). Send an `Idempotency-Key` header so that a retry writes no second message.",
          params: TrackingParams,
          headers: IdempotencyHeader,
          body: ResidentMessageInput,
          response: { 200: ResidentMessageReceipt, 201: ResidentMessageReceipt },
        },
      },
      async (request, reply) => {
        const org = await organisationBySlug(ctx.db, request.params.org);
        const { receipt, replayed } = await addTrackedMessage(
          ctx,
          org,
          request.params.token,
          request.body,
          request.headers["idempotency-key"],
        );
        return reply.code(replayed ? 200 : 201).send(receipt);
      },
    );
  };
}
