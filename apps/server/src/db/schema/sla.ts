/** Service levels: business calendars and the policies that give tickets their due times. */

import type { BusinessCalendar, LocalizedText } from "@yhteys/contracts";
import { boolean, index, integer, jsonb, pgTable, unique, uuid } from "drizzle-orm/pg-core";
import { categories } from "./directory.ts";
import { created, priorityEnum, tenant } from "./tenancy.ts";

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
