/**
 * The `webhook_delivery` job: POSTs a delivery's body, signed, to its subscription's URL and logs
 * the attempt. A 2xx answer delivers it; anything else is retried with doubling delays (about 24 h
 * with the default settings) and then becomes a dead letter that an admin can send again.
 */
import { PING_EVENT } from "@yhteys/contracts";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { webhookDeliveries, webhookSubscriptions } from "../../db/schema.ts";
import { defineJob, exponentialBackoff } from "../jobs/jobs.ts";
import { postJson } from "./webhook-http.ts";
import { signWebhook } from "./webhook-signature.ts";

export const DeliverWebhook = z.object({ deliveryId: z.uuid() });

/** The job's dedupe key: one job per subscription and event (or per ping delivery). */
export const deliveryJobKey = (d: { id: string; subscriptionId: string; eventId: number | null }) =>
  d.eventId === null ? `${d.subscriptionId}:ping:${d.id}` : `${d.subscriptionId}:${d.eventId}`;

/** The receiver has this long to answer. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** Delays double from the base up to 240 times it: with a 1 min base, 1, 2, 4 … 128, then 240 min. */
const CAP_FACTOR = 240;

export type WebhookSettings = { allowPrivate: boolean; retryBaseMs: number; maxAttempts: number };

/** The delivery job, with the retry schedule and address policy of `settings`. */
export function webhookDeliveryJob(db: Db, settings: WebhookSettings) {
  return defineJob({
    name: "webhook_delivery",
    payload: DeliverWebhook,
    maxAttempts: settings.maxAttempts,
    retryDelayMs: exponentialBackoff(settings.retryBaseMs, settings.retryBaseMs * CAP_FACTOR),
    async run({ deliveryId }, job) {
      const [delivery] = await db
        .select({
          id: webhookDeliveries.id,
          organisationId: webhookDeliveries.organisationId,
          eventType: webhookDeliveries.eventType,
          body: webhookDeliveries.body,
          state: webhookDeliveries.state,
          attempts: webhookDeliveries.attempts,
          url: webhookSubscriptions.url,
          secret: webhookSubscriptions.secret,
          active: webhookSubscriptions.active,
        })
        .from(webhookDeliveries)
        .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
        .where(eq(webhookDeliveries.id, deliveryId));
      if (!delivery || delivery.state === "delivered") return;
      // A test ping also goes to an inactive subscription, so that a receiver can be tried before it is switched on.
      if (!delivery.active && delivery.eventType !== PING_EVENT) {
        await db
          .update(webhookDeliveries)
          .set({ state: "dead", lastError: "the subscription is inactive", updatedAt: sql`now()` })
          .where(eq(webhookDeliveries.id, deliveryId));
        return;
      }
      const timestamp = Math.floor(Date.now() / 1000);
      const result = await postJson(
        delivery.url,
        delivery.body,
        {
          "user-agent": "Yhteys-Webhooks/1",
          "yhteys-event": delivery.eventType,
          "yhteys-delivery": delivery.id,
          "yhteys-signature": signWebhook(delivery.secret, delivery.body, timestamp),
        },
        { timeoutMs: WEBHOOK_TIMEOUT_MS, allowPrivate: settings.allowPrivate },
      );
      const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
      const error = ok ? null : (result.error ?? `the receiver answered HTTP ${result.statusCode}`);
      const attempt = delivery.attempts + 1;
      const state = ok ? "delivered" : job.attempt >= job.maxAttempts ? "dead" : "pending";
      // One statement (atomic by itself) logs the attempt and updates the delivery: on PGlite every
      // statement and transaction of background work waits in line with requests.
      await db.execute(
        sql`WITH logged AS (
              INSERT INTO webhook_attempts (organisation_id, delivery_id, attempt, status_code, duration_ms, error, response_body)
              VALUES (${delivery.organisationId}, ${deliveryId}, ${attempt}, ${result.statusCode}, ${result.durationMs}, ${result.error}, ${result.responseBody}))
            UPDATE webhook_deliveries SET attempts = ${attempt}, last_status_code = ${result.statusCode}, last_error = ${error},
              state = ${state}, updated_at = now(), delivered_at = CASE WHEN ${ok} THEN now() ELSE delivered_at END
            WHERE id = ${deliveryId}`,
      );
      if (error) throw new Error(error);
    },
  });
}
