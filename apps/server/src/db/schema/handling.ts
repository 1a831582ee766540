/** Handling across tickets: links between related tickets (merges are `tickets.merged_into_id`). */

import { sql } from "drizzle-orm";
import { check, index, pgTable, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./directory.ts";
import { created, tenant } from "./tenancy.ts";
import { tickets } from "./tickets.ts";

/**
 * "Related to": one row per pair, stored with the smaller id first so that a pair is linked once
 * whichever ticket it was linked from; it is read in both directions. A split links the new
 * tickets to their source too.
 */
export const ticketLinks = pgTable(
  "ticket_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: tenant(),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    otherTicketId: uuid("other_ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: created(),
  },
  (t) => [
    uniqueIndex("ticket_links_pair").on(t.ticketId, t.otherTicketId),
    index("ticket_links_other").on(t.otherTicketId),
    check("ticket_links_ordered", sql`${t.ticketId} < ${t.otherTicketId}`),
  ],
);
