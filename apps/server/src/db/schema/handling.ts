/** Handling: links between related tickets (merges are `tickets.merged_into_id`), reply templates and group signatures. */

import { sql } from "drizzle-orm";
import { check, index, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { handlerGroups, users } from "./directory.ts";
import { created, languageEnum, tenant } from "./tenancy.ts";
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

/**
 * Reply templates with placeholders (`{{resident.name}}` …), for the whole organisation
 * (`group_id` null) or one group, in one language.
 */
export const replyTemplates = pgTable(
  "reply_templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: tenant(),
    groupId: uuid("group_id").references(() => handlerGroups.id, { onDelete: "cascade" }),
    language: languageEnum("language").notNull(),
    name: text("name").notNull(),
    /** The plain text (derived from `html` when there is one). */
    body: text("body").notNull(),
    /** Sanitised rich text; null for the plain-text templates written before it. */
    html: text("html"),
    createdAt: created(),
  },
  (t) => [index("reply_templates_org_group").on(t.organisationId, t.groupId, t.language)],
);

/** A group's signature in one language, appended to the replies of its tickets in that language. */
export const groupSignatures = pgTable(
  "group_signatures",
  {
    organisationId: tenant(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => handlerGroups.id, { onDelete: "cascade" }),
    language: languageEnum("language").notNull(),
    /** The plain text (derived from `html` when there is one). */
    body: text("body").notNull(),
    /** Sanitised rich text; null for the plain-text signatures written before it. */
    html: text("html"),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.language] })],
);
