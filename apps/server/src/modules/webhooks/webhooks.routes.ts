/** The webhook admin API under /api/staff/admin/webhooks (technical admins; the services check). */
import {
  CreatedWebhookSubscription,
  NewWebhookSubscription,
  WebhookDelivery,
  WebhookDeliveryList,
  WebhookDeliveryQuery,
  WebhookSubscription,
  WebhookSubscriptionList,
  WebhookSubscriptionUpdate,
} from "@yhteys/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { ById } from "../../http/routes.ts";
import { staffActor, staffGuard } from "../auth/auth.guard.ts";
import { listDeadLetters, listDeliveries, pingSubscription, retryDelivery } from "./webhook-deliveries.ts";
import { createSubscription, deleteSubscription, listSubscriptions, updateSubscription } from "./webhooks.service.ts";

const tags = ["webhooks"];

export function webhookRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook("preHandler", staffGuard(ctx));

    app.get("", { schema: { tags, summary: "Webhook subscriptions", response: { 200: WebhookSubscriptionList } } }, (request) =>
      listSubscriptions(ctx, staffActor(request)),
    );
    app.post(
      "",
      {
        schema: {
          tags,
          summary: "Subscribe a receiver; the answer carries the signing secret, shown this once",
          body: NewWebhookSubscription,
          response: { 201: CreatedWebhookSubscription },
        },
      },
      async (request, reply) => reply.code(201).send(await createSubscription(ctx, staffActor(request), request.body)),
    );
    app.patch(
      "/:id",
      {
        schema: {
          tags,
          summary: "Change the address, event types, description or whether it is active",
          params: ById,
          body: WebhookSubscriptionUpdate,
          response: { 200: WebhookSubscription },
        },
      },
      (request) => updateSubscription(ctx, staffActor(request), request.params.id, request.body),
    );
    app.delete(
      "/:id",
      { schema: { tags, summary: "Delete a subscription with its deliveries", params: ById, response: { 204: z.null() } } },
      async (request, reply) => {
        await deleteSubscription(ctx, staffActor(request), request.params.id);
        return reply.code(204).send(null);
      },
    );
    app.get(
      "/:id/deliveries",
      {
        schema: {
          tags,
          summary: "A subscription's latest deliveries with their attempts",
          params: ById,
          querystring: WebhookDeliveryQuery,
          response: { 200: WebhookDeliveryList },
        },
      },
      (request) => listDeliveries(ctx, staffActor(request), request.params.id, request.query),
    );
    app.post(
      "/:id/ping",
      { schema: { tags, summary: "Send a test delivery (webhook.ping)", params: ById, response: { 202: WebhookDelivery } } },
      async (request, reply) => reply.code(202).send(await pingSubscription(ctx, staffActor(request), request.params.id)),
    );
    app.get(
      "/dead-letters",
      {
        schema: {
          tags,
          summary: "Deliveries that failed every attempt",
          querystring: WebhookDeliveryQuery.pick({ limit: true }),
          response: { 200: WebhookDeliveryList },
        },
      },
      (request) => listDeadLetters(ctx, staffActor(request), request.query),
    );
    app.post(
      "/deliveries/:id/retry",
      { schema: { tags, summary: "Send a dead letter again", params: ById, response: { 202: WebhookDelivery } } },
      async (request, reply) => reply.code(202).send(await retryDelivery(ctx, staffActor(request), request.params.id)),
    );
  };
}
