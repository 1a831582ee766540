/** Incoming email: the mailboxes technical admins configure, and every message read from them. */

import { mailboxKinds, mailboxStatuses } from "@yhteys/contracts";
import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { categories, handlerGroups } from "./directory.ts";
import { created, tenant } from "./tenancy.ts";
import { ticketMessages, tickets } from "./tickets.ts";

export const mailboxKindEnum = pgEnum("mailbox_kind", mailboxKinds);
export const mailboxStatusEnum = pgEnum("mailbox_status", mailboxStatuses);

/**
 * An address whose email becomes tickets of a handler group: read over IMAP, or received by the
 * built-in SMTP listener. The IMAP password is write-only (never returned, never logged). The
 * reader keeps the folder's UIDVALIDITY and the last UID it has ingested.
 */
export const mailboxes = pgTable(
  "mailboxes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: tenant(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => handlerGroups.id, { onDelete: "cascade" }),
    /** The category new tickets get until a handler reclassifies them. */
    categoryId: uuid("category_id")
      .notNull()
      .references(() => categories.id),
    address: text("address").notNull(),
    kind: mailboxKindEnum("kind").notNull(),
    active: boolean("active").notNull().default(true),
    imapHost: text("imap_host"),
    imapPort: integer("imap_port"),
    imapTls: boolean("imap_tls").notNull().default(true),
    imapUser: text("imap_user"),
    imapPassword: text("imap_password"),
    folder: text("folder").notNull().default("INBOX"),
    uidValidity: bigint("uid_validity", { mode: "number" }),
    lastUid: bigint("last_uid", { mode: "number" }).notNull().default(0),
    status: mailboxStatusEnum("status").notNull().default("pending"),
    lastError: text("last_error"),
    lastCheckedAt: timestamp("last_checked_at", { withTimezone: true }),
    createdAt: created(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // One address names one mailbox in the installation: the SMTP listener finds it by RCPT TO.
  (t) => [uniqueIndex("mailboxes_address").on(sql`lower(${t.address})`), index("mailboxes_org").on(t.organisationId)],
);

export const inboundOutcomes = ["ticket", "message", "bounce"] as const;
export const inboundOutcomeEnum = pgEnum("inbound_email_outcome", inboundOutcomes);

/**
 * Every email ingested, written in the same transaction as the ticket or message it became: the
 * unique (organisation, message key) makes ingesting exactly-once. The key is the Message-ID, or a
 * hash of the content when there is none. The sanitised HTML body is kept here (ticket messages
 * are plain text).
 */
export const inboundEmails = pgTable(
  "inbound_emails",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: tenant(),
    mailboxId: uuid("mailbox_id").references(() => mailboxes.id, { onDelete: "set null" }),
    messageKey: text("message_key").notNull(),
    outcome: inboundOutcomeEnum("outcome").notNull(),
    ticketId: uuid("ticket_id").references(() => tickets.id, { onDelete: "cascade" }),
    ticketMessageId: uuid("ticket_message_id").references(() => ticketMessages.id, { onDelete: "set null" }),
    autoReply: boolean("auto_reply").notNull().default(false),
    mailingList: boolean("mailing_list").notNull().default(false),
    html: text("html"),
    /** Attachments are stored after the commit; a restart completes what a crash left undone. */
    attachmentsDone: boolean("attachments_done").notNull().default(false),
    createdAt: created(),
  },
  (t) => [uniqueIndex("inbound_emails_org_key").on(t.organisationId, t.messageKey), index("inbound_emails_ticket").on(t.ticketId)],
);
