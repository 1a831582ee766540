/** Publishing contacts to the public feedback map and list (REQUIREMENTS P5, M5). */

import { boolean, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./directory.ts";
import { organisations, tenant } from "./tenancy.ts";
import { tickets } from "./tickets.ts";

/**
 * A published ticket: the text and answer the handler confirmed after personal data was removed.
 * Only these texts are ever shown publicly, never the ticket's own description or messages.
 * Approved photos are the ticket's attachments with `published` set. Unpublishing deletes the row.
 */
export const publications = pgTable(
  "publications",
  {
    ticketId: uuid("ticket_id")
      .primaryKey()
      .references(() => tickets.id, { onDelete: "cascade" }),
    organisationId: tenant(),
    publicText: text("public_text").notNull(),
    publicAnswer: text("public_answer"),
    publishedBy: uuid("published_by").references(() => users.id, { onDelete: "set null" }),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("publications_org_published").on(t.organisationId, t.publishedAt)],
);

/** An organisation's publishing settings; without a row the defaults apply. */
export const publishingSettings = pgTable("publishing_settings", {
  organisationId: uuid("organisation_id")
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  /** Remove house numbers after street names from published texts (a home address identifies a person). */
  removeStreetNumbers: boolean("remove_street_numbers").notNull().default(false),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
