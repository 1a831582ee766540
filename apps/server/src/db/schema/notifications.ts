/** In-app notifications. */

import { notificationKinds } from "@yhteys/contracts";
import { bigint, bigserial, index, pgEnum, pgTable, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
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
    createdAt: created(),
  },
  (t) => [uniqueIndex("notifications_event_user").on(t.eventId, t.userId), index("notifications_user").on(t.userId, t.id)],
);
