/** Communication (REQUIREMENTS P6) and the embeddable form (P3): notices, FAQ entries, embedding origins. */

import type { LocalizedLongText, LocalizedText, NoticeKind } from "@yhteys/contracts";
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { categories, handlerGroups, users } from "./directory.ts";
import { created, organisations, tenant } from "./tenancy.ts";

/**
 * News and disruption notices (häiriötiedotteet), shown from `valid_from` until `valid_until`
 * (open-ended when null). Targeted ones (by category with its subtree, and/or by area) appear on
 * the contact form when the resident's choice matches.
 */
export const notices = pgTable(
  "notices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: tenant(),
    kind: text("kind").$type<NoticeKind>().notNull(),
    title: jsonb("title").$type<LocalizedText>().notNull(),
    body: jsonb("body").$type<LocalizedLongText>().notNull(),
    validFrom: timestamp("valid_from", { withTimezone: true }).notNull(),
    validUntil: timestamp("valid_until", { withTimezone: true }),
    /** Category ids (a notice for a parent covers its subtree); empty: any category. */
    categoryIds: jsonb("category_ids").$type<string[]>().notNull().default([]),
    /** Area ids; empty: anywhere. */
    areaIds: jsonb("area_ids").$type<string[]>().notNull().default([]),
    /** Whose content admins may change it; null: the organisation's (technical admins). */
    groupId: uuid("group_id").references(() => handlerGroups.id, { onDelete: "set null" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: created(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("notices_org_valid").on(t.organisationId, t.validFrom, t.validUntil)],
);

/** Frequently asked questions with their answers, per language. */
export const faqEntries = pgTable(
  "faq_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: tenant(),
    question: jsonb("question").$type<LocalizedText>().notNull(),
    answer: jsonb("answer").$type<LocalizedLongText>().notNull(),
    categoryId: uuid("category_id").references(() => categories.id, { onDelete: "set null" }),
    position: integer("position").notNull().default(100),
    published: boolean("published").notNull().default(true),
    groupId: uuid("group_id").references(() => handlerGroups.id, { onDelete: "set null" }),
    createdAt: created(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("faq_entries_org_position").on(t.organisationId, t.position)],
);

/** The web origins that may embed the organisation's form in an iframe (CSP frame-ancestors). */
export const embedSettings = pgTable("embed_settings", {
  organisationId: uuid("organisation_id")
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  allowedOrigins: jsonb("allowed_origins").$type<string[]>().notNull().default([]),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
