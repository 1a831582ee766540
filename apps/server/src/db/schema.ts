/**
 * The data model. Every domain table carries `organisation_id` (the tenant) so that one
 * installation hosts many municipalities and PostgreSQL can later be distributed by tenant.
 * Personal data lives only in `customers` (and in free text written by residents).
 */

import {
  type BusinessCalendar,
  channels,
  type ExtraFieldDefinition,
  type ExtraFieldValues,
  type LocalizedText,
  languages,
  notificationKinds,
  priorities,
  type RuleAction,
  type RuleCondition,
  roles,
  ruleTriggers,
  scanStatuses,
  ticketRequestKinds,
  ticketStates,
  ticketTypes,
  type ViewFilters,
  viewScopes,
} from "@yhteys/contracts";
import { type SQL, sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  customType,
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
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

/** GeoJSON Polygon or MultiPolygon geometry in WGS84 ([lon, lat] positions). */
export type AreaBoundary = { type: "Polygon"; coordinates: number[][][] } | { type: "MultiPolygon"; coordinates: number[][][][] };

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });
const created = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const tenant = () =>
  uuid("organisation_id")
    .notNull()
    .references(() => organisations.id, { onDelete: "cascade" });

export const roleEnum = pgEnum("role", roles);
export const languageEnum = pgEnum("language", languages);
export const ticketTypeEnum = pgEnum("ticket_type", ticketTypes);
export const channelEnum = pgEnum("channel", channels);
export const ticketStateEnum = pgEnum("ticket_state", ticketStates);
export const priorityEnum = pgEnum("priority", priorities);
export const messageKindEnum = pgEnum("message_kind", ["resident", "reply", "note"]);
export const actorKindEnum = pgEnum("actor_kind", ["user", "resident", "api_client", "system"]);
export const ruleTriggerEnum = pgEnum("rule_trigger", ruleTriggers);

/** Installation-wide so that a reference names one ticket even across tenants (e.g. in email subjects). */
export const ticketReferenceSeq = pgSequence("ticket_reference_seq", { startWith: 1 });

export const organisations = pgTable("organisations", {
  id: uuid("id").primaryKey().defaultRandom(),
  slug: text("slug").notNull().unique(),
  name: jsonb("name").$type<LocalizedText>().notNull(),
  referencePrefix: text("reference_prefix").notNull().default("YH"),
  defaultLanguage: languageEnum("default_language").notNull().default("fi"),
  createdAt: created(),
});

/** Districts and other areas (GeoJSON boundary); a located ticket belongs to the area that contains it. */
export const areas = pgTable(
  "areas",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: tenant(),
    code: text("code").notNull(),
    name: jsonb("name").$type<LocalizedText>().notNull(),
    boundary: jsonb("boundary").$type<AreaBoundary>().notNull(),
  },
  (t) => [uniqueIndex("areas_org_code").on(t.organisationId, t.code)],
);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: tenant(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: roleEnum("role").notNull(),
    language: languageEnum("language").notNull().default("fi"),
    /** Null for users who sign in only through single sign-on. */
    passwordHash: text("password_hash"),
    active: boolean("active").notNull().default(true),
    createdAt: created(),
  },
  (t) => [uniqueIndex("users_org_email").on(t.organisationId, sql`lower(${t.email})`)],
);

/** The areas a viewer (or other area-scoped user) may see. */
export const userAreas = pgTable(
  "user_areas",
  {
    organisationId: tenant(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    areaId: uuid("area_id")
      .notNull()
      .references(() => areas.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.areaId] })],
);

/** A handler group (käsittelijäryhmä); its tickets form its queue (työjono). */
export const handlerGroups = pgTable(
  "handler_groups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: tenant(),
    code: text("code").notNull(),
    name: jsonb("name").$type<LocalizedText>().notNull(),
    /** The service advisors' queue for contacts with no clear owner. */
    isUnclearQueue: boolean("is_unclear_queue").notNull().default(false),
    /** What the group handles, shown to admins and colleagues who forward to it. */
    description: jsonb("description").$type<LocalizedText>(),
    /** The group's opening hours for service-level clocks; null uses the organisation's default calendar. */
    calendarId: uuid("calendar_id").references(() => businessCalendars.id, { onDelete: "set null" }),
    createdAt: created(),
  },
  (t) => [uniqueIndex("handler_groups_org_code").on(t.organisationId, t.code)],
);

/** Opening hours of a service: service-level clocks run only while its calendar is open. */
export const businessCalendars = pgTable(
  "business_calendars",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: tenant(),
    name: jsonb("name").$type<LocalizedText>().notNull(),
    calendar: jsonb("calendar").$type<BusinessCalendar>().notNull(),
    /** The organisation's calendar for groups that have none of their own. */
    isDefault: boolean("is_default").notNull().default(false),
    createdAt: created(),
  },
  (t) => [index("business_calendars_org").on(t.organisationId)],
);

/**
 * Service-level targets in working minutes. A ticket gets the most specific policy: its category
 * and priority, then its category, then its priority, then the organisation's default (neither).
 */
export const slaPolicies = pgTable(
  "sla_policies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: tenant(),
    categoryId: uuid("category_id").references(() => categories.id, { onDelete: "cascade" }),
    priority: priorityEnum("priority"),
    firstResponseMinutes: integer("first_response_minutes").notNull(),
    resolutionMinutes: integer("resolution_minutes").notNull(),
    createdAt: created(),
  },
  (t) => [unique("sla_policies_org_scope").on(t.organisationId, t.categoryId, t.priority).nullsNotDistinct()],
);

export const groupMemberships = pgTable(
  "group_memberships",
  {
    organisationId: tenant(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => handlerGroups.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index("group_memberships_user").on(t.userId)],
);

/** The category tree; leaves are what residents pick and what Open311 calls services. */
export const categories = pgTable(
  "categories",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: tenant(),
    parentId: uuid("parent_id"),
    code: text("code").notNull(),
    name: jsonb("name").$type<LocalizedText>().notNull(),
    description: jsonb("description").$type<LocalizedText>(),
    defaultType: ticketTypeEnum("default_type").notNull().default("feedback"),
    /** Where new contacts of this category go; null sends them to the unclear queue. */
    defaultGroupId: uuid("default_group_id").references(() => handlerGroups.id, { onDelete: "set null" }),
    extraFields: jsonb("extra_fields").$type<ExtraFieldDefinition[]>().notNull().default([]),
    keywords: text("keywords").array().notNull().default([]),
    sortOrder: integer("sort_order").notNull().default(0),
    active: boolean("active").notNull().default(true),
    createdAt: created(),
  },
  (t) => [uniqueIndex("categories_org_code").on(t.organisationId, t.code), index("categories_parent").on(t.parentId)],
);

/** A resident's contact details, kept apart from tickets so they can be shown, retained and erased on their own. */
export const customers = pgTable(
  "customers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: tenant(),
    name: text("name"),
    email: text("email"),
    phone: text("phone"),
    createdAt: created(),
  },
  (t) => [index("customers_org_email").on(t.organisationId, sql`lower(${t.email})`)],
);

/** Stems text with the search configuration of its language (constant configs keep it immutable). */
const stemmed = (language: SQL, text: SQL) =>
  sql`CASE ${language} WHEN 'sv' THEN to_tsvector('swedish', ${text}) WHEN 'en' THEN to_tsvector('english', ${text}) ELSE to_tsvector('finnish', ${text}) END`;

export const tickets = pgTable(
  "tickets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: tenant(),
    reference: text("reference").notNull(),
    type: ticketTypeEnum("type").notNull(),
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
    priority: priorityEnum("priority").notNull().default("normal"),
    groupId: uuid("group_id").references(() => handlerGroups.id, { onDelete: "set null" }),
    handlerId: uuid("handler_id").references(() => users.id, { onDelete: "set null" }),
    customerId: uuid("customer_id").references(() => customers.id, { onDelete: "set null" }),
    wantsReply: boolean("wants_reply").notNull().default(false),
    /** SHA-256 of the resident's tracking token; the token itself is never stored. */
    trackingTokenHash: text("tracking_token_hash").notNull(),
    createdAt: created(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
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
    index("tickets_org_point").on(t.organisationId, t.lat, t.lon),
    index("tickets_search").using("gin", t.searchVector),
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
    body: text("body").notNull(),
    createdAt: created(),
  },
  (t) => [index("ticket_messages_ticket").on(t.ticketId, t.createdAt)],
);

// --- Attachments (photos and PDFs on contacts) -------------------------------------------------
export const scanStatusEnum = pgEnum("attachment_scan_status", scanStatuses);

/**
 * Metadata of a stored file; the bytes live in the attachment store (local disk or S3) under
 * `storage_key`, the thumbnail under `storage_key` + `.thumb`. `content_type` is sniffed from the
 * content; `file_name` is the sender's name made safe. Infected files stay quarantined (never served).
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
    uploadedBy: actorKindEnum("uploaded_by").notNull().default("resident"),
    /** Shown with the published contact (M5); never by default. */
    published: boolean("published").notNull().default(false),
    createdAt: created(),
  },
  (t) => [index("attachments_ticket").on(t.ticketId)],
);
// --- end of attachments ------------------------------------------------------------------------

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

/**
 * The tamper-evident audit log (REQUIREMENTS M11): one hash chain per organisation over reads of
 * personal data, changes of tickets (one entry per `ticket_events` row, appended by a trigger)
 * and admin changes. `hash` = SHA-256 over the entry's canonical serialisation and `prev_hash`;
 * entries are appended only by the SQL function `audit_append` (see docs/architecture.md).
 */
export const auditEntries = pgTable(
  "audit_entries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    organisationId: tenant(),
    /** Position in the organisation's chain: 1, 2, 3, … without gaps. */
    seq: bigint("seq", { mode: "number" }).notNull(),
    actorKind: actorKindEnum("actor_kind").notNull().default("user"),
    actorUserId: uuid("actor_user_id"),
    action: text("action").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: uuid("subject_id"),
    /** For changes of tickets: the event row and the SHA-256 of its content (no foreign key: erasure must not rewrite the chain). */
    ticketEventId: bigint("ticket_event_id", { mode: "number" }),
    eventDigest: text("event_digest"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    detail: jsonb("detail").$type<Record<string, unknown>>(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
    createdAt: created(),
  },
  (t) => [
    uniqueIndex("audit_entries_org_seq").on(t.organisationId, t.seq),
    index("audit_entries_org_subject").on(t.organisationId, t.subjectId),
    index("audit_entries_actor").on(t.actorUserId),
  ],
);

/** The head of each organisation's audit chain; locking this row serialises appends. */
export const auditChainHeads = pgTable("audit_chain_heads", {
  organisationId: uuid("organisation_id")
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  lastSeq: bigint("last_seq", { mode: "number" }).notNull().default(0),
  lastHash: text("last_hash").notNull(),
});

export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: tenant(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    csrfToken: text("csrf_token").notNull(),
    createdAt: created(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("sessions_token").on(t.tokenHash)],
);

/** Client applications of the public API (Open311 `api_key`), e.g. the city's mobile app. */
export const apiClients = pgTable(
  "api_clients",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: tenant(),
    name: text("name").notNull(),
    keyHash: text("key_hash").notNull(),
    active: boolean("active").notNull().default(true),
    createdAt: created(),
  },
  (t) => [uniqueIndex("api_clients_key").on(t.keyHash)],
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
 * Automation rules: tried in `position` order per trigger when a ticket is created or changed;
 * conditions and actions are JSON checked by the contracts' RuleCondition and RuleAction.
 */
export const automationRules = pgTable(
  "automation_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: tenant(),
    name: text("name").notNull(),
    description: text("description"),
    trigger: ruleTriggerEnum("trigger").notNull(),
    position: integer("position").notNull(),
    active: boolean("active").notNull().default(true),
    stopsProcessing: boolean("stops_processing").notNull().default(false),
    conditions: jsonb("conditions").$type<RuleCondition[]>().notNull(),
    actions: jsonb("actions").$type<RuleAction[]>().notNull(),
    createdAt: created(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("automation_rules_org_trigger").on(t.organisationId, t.trigger, t.position)],
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

/** Saved views: a queue's filters under a name, personal (owner), a group's, or the organisation's. */
export const viewScopeEnum = pgEnum("view_scope", viewScopes);
export const savedViews = pgTable(
  "saved_views",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: tenant(),
    name: text("name").notNull(),
    scope: viewScopeEnum("scope").notNull(),
    ownerUserId: uuid("owner_user_id").references(() => users.id, { onDelete: "cascade" }),
    groupId: uuid("group_id").references(() => handlerGroups.id, { onDelete: "cascade" }),
    filters: jsonb("filters").$type<ViewFilters>().notNull(),
    createdAt: created(),
  },
  (t) => [index("saved_views_org_scope").on(t.organisationId, t.scope), index("saved_views_owner").on(t.ownerUserId)],
);

// ── Jobs, the outbox relay and webhooks (REQUIREMENTS I8; docs/architecture.md "Jobs and the outbox relay") ──

export const jobStateEnum = pgEnum("job_state", ["queued", "running", "done", "dead"]);
export const webhookDeliveryStateEnum = pgEnum("webhook_delivery_state", ["pending", "delivered", "dead"]);

/**
 * Background work as rows: workers claim due jobs with `FOR UPDATE SKIP LOCKED` and hold them for
 * a lease (`locked_until`), so that a killed worker's job is claimed again when its lease ends.
 * Enqueuing a job whose (name, dedupe key) exists does nothing.
 */
export const jobs = pgTable(
  "jobs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** Null for installation-wide work. */
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    payload: jsonb("payload").$type<unknown>().notNull(),
    dedupeKey: text("dedupe_key"),
    /** Jobs with the same serial key run one at a time, in id order (a job waiting to retry steps aside). */
    serialKey: text("serial_key"),
    state: jobStateEnum("state").notNull().default("queued"),
    runAt: timestamp("run_at", { withTimezone: true }).notNull().defaultNow(),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull(),
    lastError: text("last_error"),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    createdAt: created(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("jobs_name_dedupe").on(t.name, t.dedupeKey),
    // Claiming reads only unfinished jobs, oldest due first.
    index("jobs_pending").on(t.runAt).where(sql`${t.state} IN ('queued', 'running')`),
    index("jobs_pending_serial").on(t.serialKey, t.id).where(sql`${t.state} IN ('queued', 'running')`),
  ],
);

/** How far each consumer of the outbox (`ticket_events`, in id order) has read. */
export const outboxCursors = pgTable("outbox_cursors", {
  consumer: text("consumer").primaryKey(),
  position: bigint("position", { mode: "number" }).notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** An external system's subscription to ticket events; the secret signs every delivery. */
export const webhookSubscriptions = pgTable(
  "webhook_subscriptions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: tenant(),
    url: text("url").notNull(),
    /** Event types delivered; empty means every type. */
    eventTypes: text("event_types").array().notNull().default([]),
    secret: text("secret").notNull(),
    active: boolean("active").notNull().default(true),
    description: text("description"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: created(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("webhook_subscriptions_org").on(t.organisationId)],
);

/** One event (or test ping) for one subscription; the body is fixed when the delivery is made. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: tenant(),
    subscriptionId: uuid("subscription_id")
      .notNull()
      .references(() => webhookSubscriptions.id, { onDelete: "cascade" }),
    /** The ticket event delivered; null for a test ping. */
    eventId: bigint("event_id", { mode: "number" }),
    eventType: text("event_type").notNull(),
    body: text("body").notNull(),
    state: webhookDeliveryStateEnum("state").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    createdAt: created(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
  },
  (t) => [
    unique("webhook_deliveries_subscription_event").on(t.subscriptionId, t.eventId),
    index("webhook_deliveries_org_created").on(t.organisationId, t.createdAt),
    index("webhook_deliveries_org_state").on(t.organisationId, t.state, t.createdAt),
  ],
);

/** Every HTTP attempt of a delivery: status, duration, error and the start of the response body. */
export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    organisationId: tenant(),
    deliveryId: uuid("delivery_id")
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    attempt: integer("attempt").notNull(),
    statusCode: integer("status_code"),
    durationMs: integer("duration_ms").notNull(),
    error: text("error"),
    /** At most 1 kB of what the receiver answered. */
    responseBody: text("response_body"),
    createdAt: created(),
  },
  (t) => [index("webhook_attempts_delivery").on(t.deliveryId, t.id)],
);

/** In-app notifications, made from ticket events by the outbox's notifications consumer. */
export const notificationKindEnum = pgEnum("notification_kind", notificationKinds);
export const notifications = pgTable(
  "notifications",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    organisationId: tenant(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    kind: notificationKindEnum("kind").notNull(),
    /** The event it came from: one notification per event and user, however often the event is relayed. */
    eventId: bigint("event_id", { mode: "number" }).notNull(),
    byUserId: uuid("by_user_id").references(() => users.id, { onDelete: "set null" }),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: created(),
  },
  (t) => [uniqueIndex("notifications_event_user").on(t.eventId, t.userId), index("notifications_user").on(t.userId, t.id)],
);

/**
 * Geocoding and the duplicate hint (REQUIREMENTS P2): the organisation's address list for the
 * built-in geocoder, and residents who follow an earlier contact instead of sending a new one.
 */
export const addresses = pgTable(
  "addresses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: tenant(),
    street: text("street").notNull(),
    number: text("number").notNull(),
    postalCode: text("postal_code").notNull(),
    city: text("city").notNull(),
    lat: doublePrecision("lat").notNull(),
    lon: doublePrecision("lon").notNull(),
    /** Lower case without diacritics, "hameenkatu 10": what searches match the beginning of. */
    searchKey: text("search_key").notNull(),
  },
  (t) => [
    index("addresses_org_search").on(t.organisationId, t.searchKey.op("text_pattern_ops")),
    index("addresses_org_point").on(t.organisationId, t.lat, t.lon),
  ],
);

/** An organisation's own base map for the location picker; without a row the installation's MAP_* settings apply. */
export const mapSettings = pgTable("map_settings", {
  organisationId: uuid("organisation_id")
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  styleUrl: text("style_url"),
  tileUrl: text("tile_url"),
  attribution: text("attribution"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

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
