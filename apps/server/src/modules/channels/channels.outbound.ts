/**
 * Staff replies on channel tickets go back to the channel's reply URL, signed like our webhooks
 * (`Yhteys-Signature` with the channel's secret), at least once: the outbox consumer writes an
 * outgoing `channel_messages` row and a `channel_reply` job in the relay's transaction; the job
 * retries with doubling delays and is a dead job after its last attempt (admins see it in jobs).
 * The reply's message id is the delivery id (`Yhteys-Delivery`) for the receiver to deduplicate.
 */
import type { ChannelReplyPayload } from "@yhteys/contracts";
import { and, desc, eq, inArray, isNotNull } from "drizzle-orm";
import { z } from "zod";
import type { Db, Tx } from "../../db/client.ts";
import { channelMessages, inboundChannels, ticketEvents, ticketMessages, tickets } from "../../db/schema.ts";
import { defineJob, enqueueJobs, exponentialBackoff, type JobDefinition } from "../jobs/jobs.ts";
import type { OutboxConsumer, OutboxEvent } from "../outbox/outbox-relay.ts";
import { WEBHOOK_TIMEOUT_MS, type WebhookSettings } from "../webhooks/webhook-delivery.ts";
import { postJson } from "../webhooks/webhook-http.ts";
import { signWebhook } from "../webhooks/webhook-signature.ts";

export const DeliverChannelReply = z.object({ outgoingId: z.uuid() });

export function channelReplyJob(db: Db, settings: WebhookSettings) {
  return defineJob({
    name: "channel_reply",
    payload: DeliverChannelReply,
    maxAttempts: settings.maxAttempts,
    retryDelayMs: exponentialBackoff(settings.retryBaseMs, settings.retryBaseMs * 240),
    async run({ outgoingId }) {
      const [row] = await db
        .select({
          messageId: channelMessages.externalId,
          threadId: channelMessages.threadId,
          ticketId: channelMessages.ticketId,
          channelKey: inboundChannels.key,
          replyUrl: inboundChannels.replyUrl,
          secret: inboundChannels.secret,
          reference: tickets.reference,
          body: ticketMessages.body,
          sentAt: ticketMessages.createdAt,
        })
        .from(channelMessages)
        .innerJoin(inboundChannels, eq(inboundChannels.id, channelMessages.channelId))
        .innerJoin(tickets, eq(tickets.id, channelMessages.ticketId))
        .innerJoin(ticketMessages, eq(ticketMessages.id, channelMessages.messageId))
        .where(eq(channelMessages.id, outgoingId));
      if (!row?.replyUrl) return;
      // The latest incoming message of the ticket is what this answers.
      const [last] = await db
        .select({ externalId: channelMessages.externalId, createdAt: channelMessages.createdAt })
        .from(channelMessages)
        .where(and(eq(channelMessages.ticketId, row.ticketId), eq(channelMessages.direction, "in")))
        .orderBy(desc(channelMessages.createdAt))
        .limit(1);
      const payload: ChannelReplyPayload = {
        id: row.messageId,
        type: "channel.reply",
        channel: row.channelKey,
        threadId: row.threadId,
        inReplyTo: last?.externalId ?? null,
        reference: row.reference,
        text: row.body,
        sentAt: row.sentAt.toISOString(),
      };
      const body = JSON.stringify(payload);
      const result = await postJson(
        row.replyUrl,
        body,
        {
          "user-agent": "Yhteys-Channels/1",
          "yhteys-event": "channel.reply",
          "yhteys-delivery": row.messageId,
          "yhteys-signature": signWebhook(row.secret, body, Math.floor(Date.now() / 1000)),
        },
        { timeoutMs: WEBHOOK_TIMEOUT_MS, allowPrivate: settings.allowPrivate },
      );
      const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
      if (!ok) throw new Error(result.error ?? `the channel answered HTTP ${result.statusCode}`);
    },
  });
}

/** The outbox consumer: a reply on a ticket that came in through a channel with a reply URL becomes a delivery. */
export function channelReplies(deliver: JobDefinition<typeof DeliverChannelReply>): OutboxConsumer {
  return {
    name: "channel-replies",
    async handle(tx: Tx, events: OutboxEvent[]) {
      const replies = events.filter((e) => e.type === "ticket.replied");
      if (!replies.length) return;
      const eventRows = await tx
        .select({
          id: ticketEvents.id,
          ticketId: ticketEvents.ticketId,
          organisationId: ticketEvents.organisationId,
          data: ticketEvents.data,
        })
        .from(ticketEvents)
        .where(
          inArray(
            ticketEvents.id,
            replies.map((e) => e.id),
          ),
        );
      const threads = await tx
        .selectDistinctOn([channelMessages.ticketId], {
          ticketId: channelMessages.ticketId,
          channelId: channelMessages.channelId,
          threadId: channelMessages.threadId,
        })
        .from(channelMessages)
        .innerJoin(inboundChannels, eq(inboundChannels.id, channelMessages.channelId))
        .where(
          and(
            inArray(channelMessages.ticketId, [...new Set(eventRows.map((e) => e.ticketId))]),
            eq(channelMessages.direction, "in"),
            isNotNull(inboundChannels.replyUrl),
          ),
        )
        .orderBy(channelMessages.ticketId, channelMessages.createdAt);
      const byTicket = new Map(threads.map((t) => [t.ticketId, t]));
      for (const event of eventRows) {
        const thread = byTicket.get(event.ticketId);
        const messageId = (event.data as { messageId?: string }).messageId;
        if (!thread || !messageId) continue;
        const [outgoing] = await tx
          .insert(channelMessages)
          .values({
            organisationId: event.organisationId,
            channelId: thread.channelId,
            direction: "out",
            externalId: messageId,
            threadId: thread.threadId,
            ticketId: event.ticketId,
            messageId,
          })
          .onConflictDoNothing()
          .returning({ id: channelMessages.id });
        if (outgoing)
          await enqueueJobs(tx, deliver, [
            {
              organisationId: event.organisationId,
              payload: { outgoingId: outgoing.id },
              dedupeKey: outgoing.id,
              serialKey: `channel:${event.ticketId}`,
            },
          ]);
      }
    },
  };
}
