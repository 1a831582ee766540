/**
 * The webhooks consumer of the outbox: for every ticket event, one delivery (and one delivery
 * job) per active subscription of the event's organisation that wants its type. The delivery's
 * body is fixed here, so that every retry sends the same document. The unique (subscription,
 * event) pair and the job's dedupe key make a second hand-over of the same event harmless. One
 * ticket's deliveries to one subscription share a serial key, so they arrive in event order.
 */
import type { WebhookPayload } from "@yhteys/contracts";
import { inArray, sql } from "drizzle-orm";
import type { Queryable, Tx } from "../../db/client.ts";
import { organisations, tickets, webhookDeliveries, webhookSubscriptions } from "../../db/schema.ts";
import { enqueueJobs, type JobDefinition } from "../jobs/jobs.ts";
import type { OutboxConsumer, OutboxEvent } from "../outbox/outbox-relay.ts";
import { type DeliverWebhook, deliveryJobKey } from "./webhook-delivery.ts";

/** The ticket as a delivery describes it: no description, contact details or other free text. */
async function ticketsById(tx: Queryable, ids: string[]) {
  const rows = await tx
    .select({
      id: tickets.id,
      reference: tickets.reference,
      state: tickets.state,
      type: tickets.type,
      priority: tickets.priority,
      channel: tickets.channel,
      categoryId: tickets.categoryId,
      groupId: tickets.groupId,
      createdAt: tickets.createdAt,
      updatedAt: tickets.updatedAt,
    })
    .from(tickets)
    .where(inArray(tickets.id, ids));
  return new Map(
    rows.map((t) => [
      t.id,
      { ...t, createdAt: t.createdAt.toISOString(), updatedAt: t.updatedAt.toISOString() } as WebhookPayload["ticket"],
    ]),
  );
}

/** Slugs of organisations by id. */
export async function organisationSlugs(tx: Queryable, ids: string[]): Promise<Map<string, string>> {
  const rows = await tx
    .select({ id: organisations.id, slug: organisations.slug })
    .from(organisations)
    .where(inArray(organisations.id, ids));
  return new Map(rows.map((o) => [o.id, o.slug]));
}

/** The outbox consumer that turns ticket events into webhook deliveries. */
export function webhookFanout(deliver: JobDefinition<typeof DeliverWebhook>): OutboxConsumer {
  return {
    name: "webhooks",
    async handle(tx: Tx, events: OutboxEvent[]) {
      const orgIds = [...new Set(events.map((e) => e.organisationId))];
      const subscriptions = await tx
        .select({
          id: webhookSubscriptions.id,
          organisationId: webhookSubscriptions.organisationId,
          eventTypes: webhookSubscriptions.eventTypes,
        })
        .from(webhookSubscriptions)
        .where(sql`${webhookSubscriptions.active} AND ${inArray(webhookSubscriptions.organisationId, orgIds)}`);
      const wanted = events.flatMap((event) =>
        subscriptions
          .filter((s) => s.organisationId === event.organisationId && (s.eventTypes.length === 0 || s.eventTypes.includes(event.type)))
          .map((s) => ({ event, subscriptionId: s.id })),
      );
      if (!wanted.length) return;
      const [ticketMap, slugs] = await Promise.all([
        ticketsById(tx, [...new Set(wanted.map((w) => w.event.ticketId))]),
        organisationSlugs(tx, orgIds),
      ]);
      const bodies = new Map<number, string>();
      const bodyOf = (event: OutboxEvent) => {
        let body = bodies.get(event.id);
        if (body === undefined) {
          const payload: WebhookPayload = {
            id: String(event.id),
            type: event.type as WebhookPayload["type"],
            occurredAt: event.createdAt.toISOString(),
            organisation: { id: event.organisationId, slug: slugs.get(event.organisationId) ?? "" },
            ticket: ticketMap.get(event.ticketId) ?? null,
          };
          body = JSON.stringify(payload);
          bodies.set(event.id, body);
        }
        return body;
      };
      const created = await tx
        .insert(webhookDeliveries)
        .values(
          wanted.map(({ event, subscriptionId }) => ({
            organisationId: event.organisationId,
            subscriptionId,
            eventId: event.id,
            eventType: event.type,
            body: bodyOf(event),
          })),
        )
        .onConflictDoNothing({ target: [webhookDeliveries.subscriptionId, webhookDeliveries.eventId] })
        .returning({
          id: webhookDeliveries.id,
          organisationId: webhookDeliveries.organisationId,
          subscriptionId: webhookDeliveries.subscriptionId,
          eventId: webhookDeliveries.eventId,
        });
      const ticketOf = new Map(events.map((e) => [e.id, e.ticketId]));
      // One ticket's deliveries to one receiver go one at a time, in event order.
      await enqueueJobs(
        tx,
        deliver,
        created
          .sort((a, b) => Number(a.eventId) - Number(b.eventId))
          .map((d) => ({
            organisationId: d.organisationId,
            payload: { deliveryId: d.id },
            dedupeKey: deliveryJobKey(d),
            serialKey: `webhook:${d.subscriptionId}:${ticketOf.get(Number(d.eventId))}`,
          })),
      );
    },
  };
}
