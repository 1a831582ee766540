/**
 * Messages from a generic inbound channel (REQUIREMENTS I8). The channel's mapping (JSON pointers)
 * picks the external id, text, author, thread id, link and attachments out of whatever JSON the
 * sender posts. A message becomes a ticket (channel `social`), or a message on the ticket of its
 * thread; it is idempotent by its external id (the `channel_messages` row commits with it).
 *
 * Attachments are recorded as links in the message, not fetched: fetching any URL a sender names
 * would let the sender make the server request internal addresses, and the files come from hosts
 * nobody vetted. The handler opens a link when needed.
 *
 * Authentication: `Authorization: Bearer <secret>`, or `Yhteys-Signature: t=…,v1=…` (HMAC-SHA256
 * of "<t>.<raw body>" with the secret, as our webhooks sign) for senders that can sign.
 */
import { timingSafeEqual } from "node:crypto";
import type { ChannelMapping, ChannelReceipt } from "@yhteys/contracts";
import { and, asc, eq } from "drizzle-orm";
import type { Store } from "../../context.ts";
import type { Queryable } from "../../db/client.ts";
import { channelMessages, inboundChannels, organisations, tickets } from "../../db/schema.ts";
import { AppError, type FieldError } from "../../http/errors.ts";
import type { Actor } from "../auth/actor.ts";
import { isUniqueViolation } from "../intake/intake.service.ts";
import { addResidentMessage } from "../tickets/resident-messages.ts";
import { createTicket } from "../tickets/ticket-creation.ts";
import type { EventNotice } from "../tickets/ticket-events.ts";
import { verifyWebhookSignature } from "../webhooks/webhook-signature.ts";
import { readPointer } from "./json-pointer.ts";

type Channel = typeof inboundChannels.$inferSelect;

const sameSecret = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** The active channel of `key` when the request carries its secret or a valid signature; 401 otherwise. */
export async function authenticateChannel(
  db: Queryable,
  key: string,
  headers: { authorization?: string | undefined; signature?: string | undefined },
  rawBody: string,
): Promise<Channel> {
  const [channel] = await db
    .select()
    .from(inboundChannels)
    .where(and(eq(inboundChannels.key, key), eq(inboundChannels.active, true)));
  const bearer = headers.authorization ? /^Bearer\s+(\S+)$/i.exec(headers.authorization)?.[1] : undefined;
  const ok =
    channel &&
    ((bearer !== undefined && sameSecret(bearer, channel.secret)) ||
      (headers.signature !== undefined &&
        verifyWebhookSignature(channel.secret, headers.signature, rawBody, Math.floor(Date.now() / 1000))));
  // An unknown channel and a wrong secret answer alike, so that keys cannot be probed.
  if (!channel || !ok) throw new AppError("unauthenticated", "Send the channel's secret as a bearer token or sign the body");
  return channel;
}

const asText = (v: unknown): string | undefined =>
  typeof v === "string" ? v.trim() || undefined : typeof v === "number" && Number.isFinite(v) ? String(v) : undefined;

const isWebUrl = (v: string) => /^https?:\/\/\S+$/i.test(v) && v.length <= 2000;

type MappedMessage = {
  externalId: string;
  text: string;
  author?: string | undefined;
  threadId?: string | undefined;
  link?: string | undefined;
  attachments: string[];
};

/** Applies the mapping; every problem is a field error named by its pointer. */
function mapMessage(mapping: ChannelMapping, document: unknown): MappedMessage {
  const errors: FieldError[] = [];
  const externalId = asText(readPointer(document, mapping.externalId));
  if (!externalId || externalId.length > 200) errors.push({ path: mapping.externalId, message: "the external id is missing or too long" });
  const text = asText(readPointer(document, mapping.text));
  if (!text) errors.push({ path: mapping.text, message: "the text is missing" });
  else if (text.length > 20_000) errors.push({ path: mapping.text, message: "the text is longer than 20 000 characters" });
  const optional = (pointer: string | undefined, max: number) => {
    if (!pointer) return undefined;
    const value = asText(readPointer(document, pointer));
    if (value && value.length > max) errors.push({ path: pointer, message: `longer than ${max} characters` });
    return value;
  };
  const author = optional(mapping.author, 200);
  const threadId = optional(mapping.threadId, 200);
  const link = optional(mapping.link, 2000);
  if (link && !isWebUrl(link)) errors.push({ path: mapping.link ?? "", message: "not an http or https address" });
  const attachments: string[] = [];
  if (mapping.attachments) {
    const list = readPointer(document, mapping.attachments);
    for (const item of Array.isArray(list) ? list.slice(0, 20) : list === undefined ? [] : [list]) {
      const url = asText(item && typeof item === "object" ? (item as { url?: unknown }).url : item);
      if (url && isWebUrl(url)) attachments.push(url);
      else errors.push({ path: mapping.attachments, message: "an attachment is not an http or https address" });
    }
  }
  if (errors.length || !externalId || !text)
    throw new AppError("validation_failed", "The message does not fit the channel's mapping", errors);
  return { externalId, text, author, threadId, link, attachments };
}

/** The ticket text: the message, then its link and attachment links. */
function body(message: MappedMessage): string {
  const links = [message.link, ...message.attachments].filter(Boolean);
  return links.length ? `${message.text}\n\n${links.join("\n")}` : message.text;
}

async function replayOf(db: Queryable, channelId: string, externalId: string): Promise<ChannelReceipt | null> {
  const [row] = await db
    .select({ reference: tickets.reference, messageId: channelMessages.messageId })
    .from(channelMessages)
    .innerJoin(tickets, eq(tickets.id, channelMessages.ticketId))
    .where(and(eq(channelMessages.channelId, channelId), eq(channelMessages.direction, "in"), eq(channelMessages.externalId, externalId)));
  return row ? { reference: row.reference, outcome: row.messageId ? "joined" : "created", replayed: true } : null;
}

/** Takes in one message: a new ticket, or a message on its thread's ticket; a repeat answers with the first result. */
export async function receiveChannelMessage(store: Store, channel: Channel, document: unknown): Promise<ChannelReceipt> {
  const message = mapMessage(channel.mapping, document);
  const earlier = await replayOf(store.db, channel.id, message.externalId);
  if (earlier) return earlier;
  const actor: Actor = { kind: "api_client", organisationId: channel.organisationId, clientId: channel.id };
  try {
    const { receipt, notices } = await store.db.transaction(async (tx) => {
      const notices: EventNotice[] = [];
      const [thread] = message.threadId
        ? await tx
            .select({ ticketId: channelMessages.ticketId, reference: tickets.reference })
            .from(channelMessages)
            .innerJoin(tickets, eq(tickets.id, channelMessages.ticketId))
            .where(and(eq(channelMessages.channelId, channel.id), eq(channelMessages.threadId, message.threadId)))
            .orderBy(asc(channelMessages.createdAt))
            .limit(1)
        : [];
      let ticketId: string;
      let reference: string;
      let messageId: string | null = null;
      if (thread) {
        ({ ticketId, reference } = thread);
        // A thread's later messages add to its ticket without moving its state.
        const added = await addResidentMessage(tx, ticketId, { body: body(message), actor, channel: channel.key, reopen: null });
        messageId = added.messageId;
        notices.push(...added.notices);
      } else {
        const [org] = await tx
          .select({ id: organisations.id, referencePrefix: organisations.referencePrefix })
          .from(organisations)
          .where(eq(organisations.id, channel.organisationId));
        if (!org) throw new Error("the channel's organisation is gone");
        const created = await createTicket(
          tx,
          {
            organisation: org,
            categoryId: channel.categoryId,
            description: body(message),
            channel: "social",
            language: channel.language,
            extraFields: {},
            wantsReply: channel.replyUrl !== null,
            contact: message.author ? { name: message.author } : undefined,
          },
          actor,
        );
        ({ id: ticketId, reference } = created.ticket);
        notices.push(created.notice);
      }
      await tx.insert(channelMessages).values({
        organisationId: channel.organisationId,
        channelId: channel.id,
        direction: "in",
        externalId: message.externalId,
        threadId: message.threadId ?? null,
        ticketId,
        messageId,
      });
      return { receipt: { reference, outcome: thread ? "joined" : "created", replayed: false } as ChannelReceipt, notices };
    });
    store.events.publish(notices);
    return receipt;
  } catch (e) {
    if (isUniqueViolation(e)) {
      const winner = await replayOf(store.db, channel.id, message.externalId);
      if (winner) return winner;
    }
    throw e;
  }
}
