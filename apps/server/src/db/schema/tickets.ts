/** Tickets and everything that hangs on them: customers, messages, attachments, events, requests, followers. */

import { type AttachmentRejection, attachmentStatuses, type ExtraFieldValues, scanStatuses, ticketRequestKinds } from "@yhteys/contracts";
import { type SQL, sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { categories, handlerGroups, users } from "./directory.ts";
import { areas } from "./geography.ts";
import {
  actorKindEnum,
  channelEnum,
  created,
  languageEnum,
  messageKindEnum,
  priorityEnum,
  tenant,
  ticketStateEnum,
  ticketTypeEnum,
  tsvector,
} from "./tenancy.ts";
import { ticketStatuses, ticketTypeSettings } from "./workflows.ts";

/** Installation-wide so that a reference names one ticket even across tenants (e.g. in email subjects). */
export const ticketReferenceSeq = pgSequence("ticket_reference_seq", { startWith: 1 });

/** A resident's contact details, kept apart from tickets so they can be shown, retained and erased on their own. */
export const customers = pgTable(
  "customers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: tenant(),
    name: text("name"),
    email: text("email"),
    phone: text("phone"),
    /** When email to this address last bounced (a delivery status notification came back). */
    emailBouncedAt: timestamp("email_bounced_at", { withTimezone: true }),
    createdAt: created(),
  },
  (t) => [index("customers_org_email").on(t.organisationId, sql`lower(${t.email})`)],
);

/** Stems text with the search configuration of its language (constant configs keep it immutable). */
const stemmed = (language: SQL, text: SQL) =>
  sql`CASE ${language} WHEN 'sv' THEN to_tsvector('swedish', ${text}) WHEN 'en' THEN to_tsvector('english', ${text}) ELSE to_tsvector('finnish', ${text}) END`;

/**
 * The week a ticket was created in (weeks since 1970-01-01 UTC) as a one-lexeme tsvector, the
 * second column of the text index: a search can then take "matches from these weeks" from the
 * index alone, and ranks the newest matches without reading older ones (`tickets.queries.ts`).
 * Queries must repeat this exact expression for PostgreSQL to use the index.
 */
export const createdWeekVector = (createdAt: SQL | AnyPgColumn) =>
  sql`array_to_tsvector(ARRAY[floor(extract(epoch FROM ${createdAt} - '1970-01-01 00:00:00+00'::timestamptz) / 604800)::int::text])`;

export const tickets = pgTable(
  "tickets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: tenant(),
    reference: text("reference").notNull(),
    /** The base kind of the ticket's type (what Open311, SLA, reports and webhooks read). */
    type: ticketTypeEnum("type").notNull(),
    /** The organisation's added type, when the ticket has one; null is the built-in type of `type`. */
    typeId: uuid("type_id").references(() => ticketTypeSettings.id),
    categoryId: uuid("category_id")
      .notNull()
      .references(() => categories.id),
    description: text("description").notNull(),
    channel: channelEnum("channel").notNull(),
    language: languageEnum("language").notNull(),
    lat: doublePrecision("lat"),
    lon: doublePrecision("lon"),
    address: text("address"),
    areaId: uuid("area_id").references(() => areas.id, { onDelete: "set null" }),
    extraFields: jsonb("extra_fields").$type<ExtraFieldValues>().notNull().default({}),
    state: ticketStateEnum("state").notNull().default("new"),
    /** The step of the type's workflow (its phase is `state`); null is the phase itself (no own workflow, or a move outside it). */
    statusId: uuid("status_id").references(() => ticketStatuses.id, { onDelete: "set null" }),
    priority: priorityEnum("priority").notNull().default("normal"),
    groupId: uuid("group_id").references(() => handlerGroups.id, { onDelete: "set null" }),
    handlerId: uuid("handler_id").references(() => users.id, { onDelete: "set null" }),
    customerId: uuid("customer_id").references(() => customers.id, { onDelete: "set null" }),
    wantsReply: boolean("wants_reply").notNull().default(false),
    /** Holds special categories of personal data (health, social welfare…): only groups with sensitive access open it. */
    sensitive: boolean("sensitive").notNull().default(false),
    /** The resident's answer on the web form to "may this be published without personal data"; null when not asked (other channels). */
    publishConsent: boolean("publish_consent"),
    /** SHA-256 of the resident's tracking token; the token itself is never stored. */
    trackingTokenHash: text("tracking_token_hash").notNull(),
    /** The tracking token encrypted with a key derived from SECRET, for links in emails; only when an email was given. */
    trackingTokenSealed: text("tracking_token_sealed"),
    createdAt: created(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /** When the ticket entered its current state or workflow status: the start of its status period ("in this state since"). */
    statusChangedAt: timestamp("status_changed_at", { withTimezone: true }).notNull().defaultNow(),
    firstResponseAt: timestamp("first_response_at", { withTimezone: true }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    /** Service-level due times (working time of the group's calendar); null without a policy. */
    firstResponseDueAt: timestamp("first_response_due_at", { withTimezone: true }),
    resolutionDueAt: timestamp("resolution_due_at", { withTimezone: true }),
    /** Set while the ticket waits for the customer: the service-level clocks stand still. */
    slaPausedAt: timestamp("sla_paused_at", { withTimezone: true }),
    /** When the SLA watch announced that a target is near, and that one was missed; cleared when due times change. */
    slaWarnedAt: timestamp("sla_warned_at", { withTimezone: true }),
    slaBreachedAt: timestamp("sla_breached_at", { withTimezone: true }),
    /** Short labels set by staff or rules, lower-case, each once. */
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    /** Set when this ticket was merged into another as a duplicate: that one carries on. Never a chain. */
    mergedIntoId: uuid("merged_into_id").references((): AnyPgColumn => tickets.id, { onDelete: "set null" }),
    /** The internal customer (a city employee signed in) who submitted this internal request; they follow it. */
    requesterId: uuid("requester_id").references(() => users.id, { onDelete: "set null" }),
    searchVector: tsvector("search_vector").generatedAlwaysAs(
      (): SQL =>
        sql`setweight(to_tsvector('simple', ${tickets.reference}), 'A') || ${stemmed(sql`${tickets.language}`, sql`coalesce(${tickets.description}, '') || ' ' || coalesce(${tickets.address}, '')`)}`,
    ),
  },
  (t) => [
    uniqueIndex("tickets_reference").on(t.reference),
    uniqueIndex("tickets_tracking_token").on(t.trackingTokenHash),
    index("tickets_org_created").on(t.organisationId, t.createdAt),
    index("tickets_org_group_state_created").on(t.organisationId, t.groupId, t.state, t.createdAt),
    // Open tickets are about a tenth of all; these partial indexes serve a queue's default views
    // (open states, newest first or by priority) without reading the finished ones.
    index("tickets_open_org_group_created")
      .on(t.organisationId, t.groupId, t.createdAt)
      .where(sql`${t.state} IN ('new', 'in_progress', 'waiting_for_customer')`),
    index("tickets_open_org_group_priority")
      .on(t.organisationId, t.groupId, t.priority, t.createdAt)
      .where(sql`${t.state} IN ('new', 'in_progress', 'waiting_for_customer')`),
    index("tickets_org_handler_state").on(t.organisationId, t.handlerId, t.state),
    index("tickets_org_area").on(t.organisationId, t.areaId),
    /** Counts per category for the category tree, and the check before a category is deleted. */
    index("tickets_org_category").on(t.organisationId, t.categoryId),
    index("tickets_org_requester").on(t.organisationId, t.requesterId, t.createdAt).where(sql`${t.requesterId} IS NOT NULL`),
    index("tickets_merged_into").on(t.mergedIntoId).where(sql`${t.mergedIntoId} IS NOT NULL`),
    index("tickets_org_type").on(t.organisationId, t.typeId).where(sql`${t.typeId} IS NOT NULL`),
    index("tickets_org_point").on(t.organisationId, t.lat, t.lon),
    index("tickets_search").using("gin", t.searchVector, createdWeekVector(t.createdAt)),
    index("tickets_tags").using("gin", t.tags),
    // The time-rule scan reads open tickets of an organisation by the instant a rule counts from.
    index("tickets_open_org_updated")
      .on(t.organisationId, t.updatedAt)
      .where(sql`${t.state} IN ('new', 'in_progress', 'waiting_for_customer')`),
    index("tickets_open_org_created_at")
      .on(t.organisationId, t.createdAt)
      .where(sql`${t.state} IN ('new', 'in_progress', 'waiting_for_customer')`),
    index("tickets_open_org_status_changed")
      .on(t.organisationId, t.statusChangedAt)
      .where(sql`${t.state} IN ('new', 'in_progress', 'waiting_for_customer')`),
    index("tickets_org_waiting").on(t.organisationId, t.slaPausedAt).where(sql`${t.slaPausedAt} IS NOT NULL`),
    index("tickets_open_org_sla_warned")
      .on(t.organisationId, t.slaWarnedAt)
      .where(sql`${t.slaWarnedAt} IS NOT NULL AND ${t.state} IN ('new', 'in_progress', 'waiting_for_customer')`),
    index("tickets_open_org_sla_breached")
      .on(t.organisationId, t.slaBreachedAt)
      .where(sql`${t.slaBreachedAt} IS NOT NULL AND ${t.state} IN ('new', 'in_progress', 'waiting_for_customer')`),
    // The SLA watch looks only at open tickets it has not yet announced as breached.
    index("tickets_sla_watch_response")
      .on(t.firstResponseDueAt)
      .where(
        sql`${t.state} IN ('new', 'in_progress', 'waiting_for_customer') AND ${t.slaBreachedAt} IS NULL AND ${t.firstResponseAt} IS NULL`,
      ),
    index("tickets_sla_watch_resolution")
      .on(t.resolutionDueAt)
      .where(sql`${t.state} IN ('new', 'in_progress', 'waiting_for_customer') AND ${t.slaBreachedAt} IS NULL`),
  ],
);

export const ticketMessages = pgTable(
  "ticket_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: tenant(),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    kind: messageKindEnum("kind").notNull(),
    authorUserId: uuid("author_user_id").references(() => users.id, { onDelete: "set null" }),
    /** The plain text; of a rich-text reply, derived from `body_html`. */
    body: text("body").notNull(),
    /** A staff reply written as rich text, sanitised (templates/richtext.ts); null for plain text. */
    bodyHtml: text("body_html"),
    /** Colleagues mentioned in a note ("@Name" in its text), notified by the outbox. */
    mentions: uuid("mentions").array().notNull().default(sql`'{}'::uuid[]`),
    createdAt: created(),
  },
  (t) => [index("ticket_messages_ticket").on(t.ticketId, t.createdAt)],
);

export const scanStatusEnum = pgEnum("attachment_scan_status", scanStatuses);
export const attachmentStatusEnum = pgEnum("attachment_status", attachmentStatuses);

/**
 * Metadata of a stored file; the bytes live in the attachment store (local disk or S3) under
 * `storage_key`, the thumbnail under `storage_key` + `.thumb`. `content_type` is sniffed from the
 * content; `file_name` is the sender's name made safe. Infected files stay quarantined (never served).
 * A photo is `processing` while its original waits under `quarantine/` for the cleaning job
 * (attachments/photo-cleaning.ts); `size` and `sha256` are then the original's.
 */
export const attachments = pgTable(
  "attachments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: tenant(),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    messageId: uuid("message_id").references(() => ticketMessages.id, { onDelete: "set null" }),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    storageKey: text("storage_key").notNull(),
    hasThumbnail: boolean("has_thumbnail").notNull().default(false),
    scanStatus: scanStatusEnum("scan_status").notNull().default("pending"),
    status: attachmentStatusEnum("status").notNull().default("ready"),
    rejectedReason: text("rejected_reason").$type<AttachmentRejection>(),
    uploadedBy: actorKindEnum("uploaded_by").notNull().default("resident"),
    /** Shown with the published contact (M5); never by default. */
    published: boolean("published").notNull().default(false),
    createdAt: created(),
  },
  (t) => [index("attachments_ticket").on(t.ticketId)],
);

/**
 * One row for every change of a ticket, written in the same transaction as the change:
 * the ticket's history, the audit trail of changes and the outbox that workers read.
 */
export const ticketEvents = pgTable(
  "ticket_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    organisationId: tenant(),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    actorKind: actorKindEnum("actor_kind").notNull(),
    actorId: uuid("actor_id"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: created(),
  },
  (t) => [index("ticket_events_ticket").on(t.ticketId, t.id)],
);

/** Answers to submissions made with an Idempotency-Key, so that a retry gets the same answer. */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    organisationId: tenant(),
    key: text("key").notNull(),
    fingerprint: text("fingerprint").notNull(),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    response: jsonb("response").$type<Record<string, unknown>>().notNull(),
    createdAt: created(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.key] })],
);

/**
 * Comment requests and information sent to a colleague or a group (REQUIREMENTS M3). The
 * recipient may read the ticket while the request exists; a comment request is answered once.
 */
export const ticketRequestKindEnum = pgEnum("ticket_request_kind", ticketRequestKinds);
export const ticketRequests = pgTable(
  "ticket_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: tenant(),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    kind: ticketRequestKindEnum("kind").notNull(),
    requestedByUserId: uuid("requested_by_user_id").references(() => users.id, { onDelete: "set null" }),
    toUserId: uuid("to_user_id").references(() => users.id, { onDelete: "cascade" }),
    toGroupId: uuid("to_group_id").references(() => handlerGroups.id, { onDelete: "cascade" }),
    message: text("message").notNull(),
    dueOn: text("due_on"),
    answer: text("answer"),
    answeredByUserId: uuid("answered_by_user_id").references(() => users.id, { onDelete: "set null" }),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    createdAt: created(),
  },
  (t) => [
    index("ticket_requests_ticket").on(t.ticketId),
    index("ticket_requests_to_user").on(t.toUserId),
    index("ticket_requests_to_group").on(t.toGroupId),
  ],
);

/**
 * "I have the same issue": one row per resident who follows a contact. Their email (if given) is
 * a customer row like any resident's contact details; `email_digest` keeps one row per email.
 */
export const ticketFollowers = pgTable(
  "ticket_followers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: tenant(),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    customerId: uuid("customer_id").references(() => customers.id, { onDelete: "set null" }),
    /** SHA-256 of the lower-cased email; null for a follower who left none. */
    emailDigest: text("email_digest"),
    createdAt: created(),
  },
  // Also serves counting a ticket's followers (ticket_id first).
  (t) => [uniqueIndex("ticket_followers_ticket_email").on(t.ticketId, t.emailDigest)],
);
