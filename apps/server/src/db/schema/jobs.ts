/** Jobs, the outbox relay and webhooks (REQUIREMENTS I8; docs/architecture.md "Jobs and the outbox relay"). */

import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./directory.ts";
import { created, organisations, tenant } from "./tenancy.ts";

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
