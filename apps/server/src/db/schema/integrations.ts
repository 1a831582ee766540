/**
 * Channels beyond the web (REQUIREMENTS I4, I6, I8): telephony calls and callback requests,
 * admin-defined inbound channels and their messages, and routing categories to external Open311
 * systems with each ticket's link to its external request.
 */

import type { CallbackOutcome, ChannelMapping } from "@yhteys/contracts";
import { sql } from "drizzle-orm";
import { boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { z } from "zod";
import { categories, users } from "./directory.ts";
import { created, languageEnum, tenant } from "./tenancy.ts";
import { ticketMessages, tickets } from "./tickets.ts";

/**
 * One row per call (or callback request) the telephony system sent, by its own id: the unique
 * (organisation, call id) makes a repeated delivery write nothing. The caller's number is
 * personal data: it is read only by the join rule and shown through the ticket's customer.
 */
export const phoneCalls = pgTable(
  "phone_calls",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: tenant(),
    callId: text("call_id").notNull(),
    kind: text("kind").$type<"call" | "callback">().notNull(),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    messageId: uuid("message_id").references(() => ticketMessages.id, { onDelete: "set null" }),
    /** Digits only (with a leading + kept), so that "040 123" and "040-123" match. */
    callerNumber: text("caller_number").notNull(),
    queue: text("queue"),
    agent: text("agent"),
    startedAt: timestamp("started_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    createdAt: created(),
  },
  (t) => [
    uniqueIndex("phone_calls_org_call").on(t.organisationId, t.callId),
    index("phone_calls_org_number").on(t.organisationId, t.callerNumber, t.createdAt),
  ],
);

/** A callback request's window and, once done, its outcome: the console's callback queue. */
export const callbacks = pgTable(
  "callbacks",
  {
    ticketId: uuid("ticket_id")
      .primaryKey()
      .references(() => tickets.id, { onDelete: "cascade" }),
    organisationId: tenant(),
    phoneNumber: text("phone_number").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    windowEnd: timestamp("window_end", { withTimezone: true }).notNull(),
    topic: text("topic").notNull().default(""),
    queue: text("queue"),
    calledBackAt: timestamp("called_back_at", { withTimezone: true }),
    calledBackBy: uuid("called_back_by").references(() => users.id, { onDelete: "set null" }),
    outcome: text("outcome").$type<z.infer<typeof CallbackOutcome>>(),
    createdAt: created(),
  },
  (t) => [index("callbacks_org_open").on(t.organisationId, t.windowStart).where(sql`${t.calledBackAt} IS NULL`)],
);

/**
 * A generic inbound channel (social media, other systems). The key is installation-wide because
 * it names the channel in the public path; the secret authenticates incoming messages and signs
 * outgoing replies (kept like a webhook secret, shown to the admin once).
 */
export const inboundChannels = pgTable(
  "inbound_channels",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: tenant(),
    key: text("key").notNull(),
    name: text("name").notNull(),
    secret: text("secret").notNull(),
    mapping: jsonb("mapping").$type<ChannelMapping>().notNull(),
    categoryId: uuid("category_id")
      .notNull()
      .references(() => categories.id),
    language: languageEnum("language").notNull().default("fi"),
    replyUrl: text("reply_url"),
    active: boolean("active").notNull().default(true),
    createdAt: created(),
  },
  (t) => [uniqueIndex("inbound_channels_key").on(t.key)],
);

/** Each message in or out of a channel, by its external id; the thread id joins messages to one ticket. */
export const channelMessages = pgTable(
  "channel_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: tenant(),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => inboundChannels.id, { onDelete: "cascade" }),
    direction: text("direction").$type<"in" | "out">().notNull(),
    /** The sender's id for incoming messages; our reply message's id for outgoing ones. */
    externalId: text("external_id").notNull(),
    threadId: text("thread_id"),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    messageId: uuid("message_id").references(() => ticketMessages.id, { onDelete: "set null" }),
    createdAt: created(),
  },
  (t) => [
    uniqueIndex("channel_messages_external").on(t.channelId, t.direction, t.externalId),
    index("channel_messages_thread").on(t.channelId, t.threadId),
    index("channel_messages_ticket").on(t.ticketId),
  ],
);

/**
 * A category's tickets go to an external system: one that speaks Open311 GeoReport v2 (`api`:
 * endpoint, write-only api key, service code), or one that has no API (`email`: a formatted email
 * to `email`, whose answers come back by email).
 */
export const open311Routes = pgTable(
  "open311_routes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: tenant(),
    categoryId: uuid("category_id")
      .notNull()
      .references(() => categories.id, { onDelete: "cascade" }),
    delivery: text("delivery").$type<"api" | "email">().notNull().default("api"),
    endpoint: text("endpoint"),
    apiKey: text("api_key").notNull().default(""),
    serviceCode: text("service_code"),
    email: text("email"),
    jurisdictionId: text("jurisdiction_id"),
    notOursMarker: text("not_ours_marker").notNull().default("NOT_OURS"),
    active: boolean("active").notNull().default(true),
    createdAt: created(),
  },
  (t) => [uniqueIndex("open311_routes_category").on(t.organisationId, t.categoryId)],
);

/** A ticket's request in an external system: created by a job, then polled for status and notes. */
export const externalRequests = pgTable(
  "external_requests",
  {
    ticketId: uuid("ticket_id")
      .primaryKey()
      .references(() => tickets.id, { onDelete: "cascade" }),
    organisationId: tenant(),
    routeId: uuid("route_id")
      .notNull()
      .references(() => open311Routes.id, { onDelete: "cascade" }),
    serviceRequestId: text("service_request_id"),
    status: text("status"),
    statusNotes: text("status_notes"),
    externalUpdatedAt: text("external_updated_at"),
    lastPolledAt: timestamp("last_polled_at", { withTimezone: true }),
    /** Set when the external system answered "not ours": polling stops. */
    returnedAt: timestamp("returned_at", { withTimezone: true }),
    createdAt: created(),
  },
  (t) => [index("external_requests_polling").on(t.lastPolledAt).where(sql`${t.returnedAt} IS NULL AND ${t.serviceRequestId} IS NOT NULL`)],
);
