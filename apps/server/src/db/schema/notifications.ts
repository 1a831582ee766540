/** In-app notifications. */

import { notificationDeliveries, notificationKinds } from "@yhteys/contracts";
import { sql } from "drizzle-orm";
import { bigint, bigserial, index, pgEnum, pgTable, primaryKey, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./directory.ts";
import { created, tenant } from "./tenancy.ts";
import { tickets } from "./tickets.ts";

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
    /** Set when the user wants an email at once: from then on (after NOTIFY_EMAIL_DELAY_MS) it is due; cleared when handed to a job. */
    emailWantedAt: timestamp("email_wanted_at", { withTimezone: true }),
    /** When an email (immediate or digest) told the user of it. */
    emailedAt: timestamp("emailed_at", { withTimezone: true }),
    createdAt: created(),
  },
  (t) => [
    uniqueIndex("notifications_event_user").on(t.eventId, t.userId),
    index("notifications_user").on(t.userId, t.id),
    index("notifications_email_wanted").on(t.emailWantedAt).where(sql`${t.emailWantedAt} IS NOT NULL`),
    index("notifications_not_emailed").on(t.createdAt).where(sql`${t.emailedAt} IS NULL AND ${t.readAt} IS NULL`),
  ],
);

export const notificationDeliveryEnum = pgEnum("notification_delivery", notificationDeliveries);

/** A user's choice of delivery for one kind of notification; without a row, the kind's default applies. */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    organisationId: tenant(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: notificationKindEnum("kind").notNull(),
    delivery: notificationDeliveryEnum("delivery").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

/**
 * Staff with a live console: each app process renews its connected users every 30 s and removes a
 * user when their last local socket closes. Someone renewed within the online window is online.
 */
export const staffOnline = pgTable("staff_online", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  organisationId: tenant(),
  seenAt: timestamp("seen_at", { withTimezone: true }).notNull().defaultNow(),
});
