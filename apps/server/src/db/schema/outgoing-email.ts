/** Outgoing email to residents: sender settings, deliveries and opt-outs (REQUIREMENTS P4, I8). */

import { emailFailureReasons } from "@yhteys/contracts";
import { bigint, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { users } from "./directory.ts";
import { created, languageEnum, organisations, tenant } from "./tenancy.ts";
import { customers, ticketFollowers, tickets } from "./tickets.ts";

export const emailKindEnum = pgEnum("email_kind", ["confirmation", "reply", "resolved", "closed", "test", "external"]);
/** `unconfigured`: no SMTP_URL or no sender address when it was due; visible, and sent again on retry. */
export const emailStateEnum = pgEnum("email_state", ["queued", "sent", "failed", "unconfigured", "suppressed"]);
export const emailFailureReasonEnum = pgEnum("email_failure_reason", emailFailureReasons);

/** An organisation's sender: the From, the Reply-To mailbox that routes answers back in, and optional DKIM. */
export const mailSettings = pgTable("mail_settings", {
  organisationId: uuid("organisation_id")
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  fromName: text("from_name").notNull(),
  fromAddress: text("from_address").notNull(),
  replyTo: text("reply_to"),
  dkimDomain: text("dkim_domain"),
  dkimSelector: text("dkim_selector"),
  /** PEM; write-only: never returned by the API nor logged. */
  dkimPrivateKey: text("dkim_private_key"),
  updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One email to one resident (the ticket's customer, or a follower's customer row) about one ticket
 * event, an admin's test email, or a ticket forwarded by email to an external system (`external`,
 * REQUIREMENTS I4). A resident's address is read from the customer row when sending.
 */
export const emailDeliveries = pgTable(
  "email_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: tenant(),
    ticketId: uuid("ticket_id").references(() => tickets.id, { onDelete: "cascade" }),
    customerId: uuid("customer_id").references(() => customers.id, { onDelete: "set null" }),
    /** Set when the recipient follows the ticket rather than being its sender. */
    followerId: uuid("follower_id").references(() => ticketFollowers.id, { onDelete: "set null" }),
    /** The address of emails without a customer: test emails and those to external systems. */
    testAddress: text("test_address"),
    eventId: bigint("event_id", { mode: "number" }),
    kind: emailKindEnum("kind").notNull(),
    language: languageEnum("language").notNull(),
    state: emailStateEnum("state").notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    /** `lastError` classified when it happened (contracts' `emailFailureReasons`). */
    failureReason: emailFailureReasonEnum("failure_reason"),
    /** `<YH-2026-000123.{random}@{sender domain}>`, fixed when the delivery is made so retries reuse it. */
    messageId: text("message_id").notNull(),
    createdAt: created(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    unique("email_deliveries_event_customer").on(t.eventId, t.customerId),
    index("email_deliveries_org_state").on(t.organisationId, t.state, t.createdAt),
    index("email_deliveries_ticket").on(t.ticketId, t.customerId),
  ],
);

/** A resident who asked for no more email about a ticket. */
export const emailUnsubscribes = pgTable(
  "email_unsubscribes",
  {
    organisationId: tenant(),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    createdAt: created(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.customerId] })],
);
