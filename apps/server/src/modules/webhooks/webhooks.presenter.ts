/** What the admin API shows of subscriptions and deliveries: never the signing secret. */
import type { WebhookAttempt, WebhookDelivery, WebhookEventType, WebhookSubscription } from "@yhteys/contracts";
import type { webhookAttempts, webhookDeliveries, webhookSubscriptions } from "../../db/schema.ts";

type SubscriptionRow = Omit<typeof webhookSubscriptions.$inferSelect, "secret"> & { creatorName: string | null };

export const presentSubscription = (row: SubscriptionRow): WebhookSubscription => ({
  id: row.id,
  url: row.url,
  eventTypes: row.eventTypes as WebhookEventType[],
  active: row.active,
  description: row.description,
  createdBy: row.createdBy && row.creatorName ? { id: row.createdBy, name: row.creatorName } : null,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

const presentAttempt = (row: typeof webhookAttempts.$inferSelect): WebhookAttempt => ({
  attempt: row.attempt,
  at: row.createdAt.toISOString(),
  statusCode: row.statusCode,
  durationMs: row.durationMs,
  error: row.error,
  responseBody: row.responseBody,
});

export const presentDelivery = (
  row: Omit<typeof webhookDeliveries.$inferSelect, "body">,
  attempts: (typeof webhookAttempts.$inferSelect)[],
): WebhookDelivery => ({
  id: row.id,
  subscriptionId: row.subscriptionId,
  eventId: row.eventId === null ? null : String(row.eventId),
  eventType: row.eventType,
  state: row.state,
  attempts: row.attempts,
  lastStatusCode: row.lastStatusCode,
  lastError: row.lastError,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  deliveredAt: row.deliveredAt?.toISOString() ?? null,
  attemptLog: attempts.filter((a) => a.deliveryId === row.id).map(presentAttempt),
});
