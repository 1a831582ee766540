/**
 * Outbound webhooks (REQUIREMENTS I8): technical admins subscribe external systems to ticket
 * events; each event is POSTed as a signed JSON document that names the ticket but carries no
 * personal data of the resident (receivers read details through the API).
 */
import { z } from "zod";
import { IsoDateTime, Uuid } from "./common.ts";
import { channels, priorities, ticketEventTypes, ticketStates, ticketTypes } from "./constants.ts";

export const WebhookEventType = z.enum(ticketEventTypes);
export type WebhookEventType = z.infer<typeof WebhookEventType>;

/** The event type of a test delivery sent from the admin view. */
export const PING_EVENT = "webhook.ping";

/** Where deliveries go: http or https, no user name or password in the address. */
export const WebhookUrl = z
  .url({ protocol: /^https?$/, error: "an http or https address" })
  .max(2000)
  .refine((u) => !/^https?:\/\/[^/?#]*@/i.test(u), "no user name or password in the address");

/** What a delivery's body says about the ticket: identifiers and classification, nothing personal. */
export const WebhookTicket = z.object({
  id: Uuid,
  reference: z.string(),
  state: z.enum(ticketStates),
  type: z.enum(ticketTypes),
  priority: z.enum(priorities),
  channel: z.enum(channels),
  categoryId: Uuid,
  groupId: Uuid.nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});

/**
 * The JSON body of a delivery. `id` names the event (the same for every subscription and every
 * retry); for ticket events it is the event's sequence number, which grows in commit order.
 */
export const WebhookPayload = z.object({
  id: z.string(),
  type: z.union([WebhookEventType, z.literal(PING_EVENT)]),
  occurredAt: IsoDateTime,
  organisation: z.object({ id: Uuid, slug: z.string() }),
  /** Null for a test ping; the ticket as it was when the delivery was made otherwise. */
  ticket: WebhookTicket.nullable(),
});
export type WebhookPayload = z.infer<typeof WebhookPayload>;

export const WebhookSubscription = z.object({
  id: Uuid,
  url: z.string(),
  /** Empty: every event type. */
  eventTypes: z.array(WebhookEventType),
  active: z.boolean(),
  description: z.string().nullable(),
  createdBy: z.object({ id: Uuid, name: z.string() }).nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type WebhookSubscription = z.infer<typeof WebhookSubscription>;

export const WebhookSubscriptionList = z.object({ items: z.array(WebhookSubscription) });
export type WebhookSubscriptionList = z.infer<typeof WebhookSubscriptionList>;

/** Answer to creating a subscription: the signing secret, shown this once and never again. */
export const CreatedWebhookSubscription = WebhookSubscription.extend({ secret: z.string() });
export type CreatedWebhookSubscription = z.infer<typeof CreatedWebhookSubscription>;

export const NewWebhookSubscription = z.object({
  url: WebhookUrl,
  eventTypes: z.array(WebhookEventType).max(ticketEventTypes.length).default([]),
  description: z.string().trim().max(500).nullable().default(null),
  active: z.boolean().default(true),
});
export type NewWebhookSubscription = z.input<typeof NewWebhookSubscription>;

export const WebhookSubscriptionUpdate = z
  .object({
    url: WebhookUrl,
    eventTypes: z.array(WebhookEventType).max(ticketEventTypes.length),
    description: z.string().trim().max(500).nullable(),
    active: z.boolean(),
  })
  .partial()
  .refine((u) => Object.keys(u).length > 0, "Change at least one field");
export type WebhookSubscriptionUpdate = z.input<typeof WebhookSubscriptionUpdate>;

export const webhookDeliveryStates = ["pending", "delivered", "dead"] as const;

/** One HTTP attempt of a delivery. */
export const WebhookAttempt = z.object({
  attempt: z.number().int(),
  at: IsoDateTime,
  statusCode: z.number().int().nullable(),
  durationMs: z.number().int(),
  error: z.string().nullable(),
  /** The first kilobyte of the receiver's answer. */
  responseBody: z.string().nullable(),
});
export type WebhookAttempt = z.infer<typeof WebhookAttempt>;

/** One event for one subscription; `id` is sent as `Yhteys-Delivery` for receivers to dedupe. */
export const WebhookDelivery = z.object({
  id: Uuid,
  subscriptionId: Uuid,
  eventId: z.string().nullable(),
  eventType: z.string(),
  state: z.enum(webhookDeliveryStates),
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  deliveredAt: IsoDateTime.nullable(),
  attemptLog: z.array(WebhookAttempt),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const WebhookDeliveryList = z.object({ items: z.array(WebhookDelivery) });
export type WebhookDeliveryList = z.infer<typeof WebhookDeliveryList>;

export const WebhookDeliveryQuery = z.object({
  state: z.enum(webhookDeliveryStates).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type WebhookDeliveryQuery = z.infer<typeof WebhookDeliveryQuery>;
