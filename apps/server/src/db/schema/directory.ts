/** Who works in an organisation and what they work on: users, groups, categories, sessions, API clients. */

import type { ApiClientPermission, ExtraFieldDefinition, LocalizedText } from "@yhteys/contracts";
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { areas } from "./geography.ts";
import { businessCalendars } from "./sla.ts";
import { created, languageEnum, roleEnum, tenant, ticketTypeEnum } from "./tenancy.ts";

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
    /** Absence (leave): routing to this person between these instants goes to a substitute or the group's queue. */
    absentFrom: timestamp("absent_from", { withTimezone: true }),
    absentUntil: timestamp("absent_until", { withTimezone: true }),
    /** Who takes the tickets routed to this person while they are absent or off duty. */
    substituteId: uuid("substitute_id").references((): AnyPgColumn => users.id, { onDelete: "set null" }),
    /** Weekly working hours (a business calendar); outside them the person counts as off duty for routing. */
    workingCalendarId: uuid("working_calendar_id").references(() => businessCalendars.id, { onDelete: "set null" }),
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
    /** Members may open tickets flagged as holding special categories of personal data (REQUIREMENTS M10, D1). */
    sensitiveAccess: boolean("sensitive_access").notNull().default(false),
    createdAt: created(),
  },
  (t) => [uniqueIndex("handler_groups_org_code").on(t.organisationId, t.code)],
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
    /** What the key may do besides submitting Open311 requests (e.g. `telephony`). */
    permissions: text("permissions").array().$type<ApiClientPermission[]>().notNull().default(sql`'{}'::text[]`),
    /** Where telephony contacts go when a call names no category. */
    defaultCategoryId: uuid("default_category_id").references((): AnyPgColumn => categories.id, { onDelete: "set null" }),
    active: boolean("active").notNull().default(true),
    createdAt: created(),
  },
  (t) => [uniqueIndex("api_clients_key").on(t.keyHash)],
);
