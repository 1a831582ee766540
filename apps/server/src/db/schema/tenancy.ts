/** Tenants and the column types, helpers and enums that every domain's tables share. */

import { channels, type LocalizedText, languages, priorities, roles, ruleTriggers, ticketStates, ticketTypes } from "@yhteys/contracts";
import { customType, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });
export const created = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
export const tenant = () =>
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

export const organisations = pgTable("organisations", {
  id: uuid("id").primaryKey().defaultRandom(),
  slug: text("slug").notNull().unique(),
  name: jsonb("name").$type<LocalizedText>().notNull(),
  referencePrefix: text("reference_prefix").notNull().default("YH"),
  defaultLanguage: languageEnum("default_language").notNull().default("fi"),
  createdAt: created(),
});
