/** Automation rules and saved views. */

import { type RuleAction, type RuleCondition, type ViewFilters, viewScopes } from "@yhteys/contracts";
import { boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { handlerGroups, users } from "./directory.ts";
import { created, ruleTriggerEnum, tenant } from "./tenancy.ts";
import { tickets } from "./tickets.ts";

/**
 * Automation rules: tried in `position` order per trigger when a ticket is created or changed;
 * conditions and actions are JSON checked by the contracts' RuleCondition and RuleAction.
 */
export const automationRules = pgTable(
  "automation_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: tenant(),
    name: text("name").notNull(),
    description: text("description"),
    trigger: ruleTriggerEnum("trigger").notNull(),
    position: integer("position").notNull(),
    active: boolean("active").notNull().default(true),
    stopsProcessing: boolean("stops_processing").notNull().default(false),
    conditions: jsonb("conditions").$type<RuleCondition[]>().notNull(),
    actions: jsonb("actions").$type<RuleAction[]>().notNull(),
    createdAt: created(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("automation_rules_org_trigger").on(t.organisationId, t.trigger, t.position)],
);

/**
 * Each time rule fires once per ticket and period: the period starts at the instant its "elapsed"
 * condition counts from (a ticket changed again starts a new "since the last change" period). The
 * row is written in the transaction that applies the rule, so a restart or a second server never
 * fires it twice.
 */
export const ruleFirings = pgTable(
  "rule_firings",
  {
    ruleId: uuid("rule_id")
      .notNull()
      .references(() => automationRules.id, { onDelete: "cascade" }),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    periodStart: timestamp("period_start", { withTimezone: true }).notNull(),
    firedAt: created(),
  },
  (t) => [primaryKey({ columns: [t.ruleId, t.ticketId, t.periodStart] }), index("rule_firings_ticket").on(t.ticketId)],
);

/**
 * A time rule tested on a ticket that did not match: the scan does not test the pair again while
 * the ticket keeps the `updated_at` it had (`ticketVersion`) and the rule the conditions it had
 * (`conditionsVersion`, a digest of the conditions that look at the ticket). One row per pair, so
 * the table stays within rules × open tickets; rows of changed or finished tickets are removed by
 * the scan.
 */
export const ruleMisses = pgTable(
  "rule_misses",
  {
    ruleId: uuid("rule_id")
      .notNull()
      .references(() => automationRules.id, { onDelete: "cascade" }),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    ticketVersion: timestamp("ticket_version", { withTimezone: true }).notNull(),
    conditionsVersion: text("conditions_version").notNull(),
  },
  (t) => [primaryKey({ columns: [t.ruleId, t.ticketId] }), index("rule_misses_ticket").on(t.ticketId)],
);

/**
 * Whose turn it is in a group for "assign in turn" routing: the member who got the last ticket.
 * One atomic upsert moves the turn on, so parallel tickets and servers never get the same turn.
 */
export const groupTurns = pgTable("group_turns", {
  groupId: uuid("group_id")
    .primaryKey()
    .references(() => handlerGroups.id, { onDelete: "cascade" }),
  organisationId: tenant(),
  lastUserId: uuid("last_user_id").notNull(),
});

/** Saved views: a queue's filters under a name, personal (owner), a group's, or the organisation's. */
export const viewScopeEnum = pgEnum("view_scope", viewScopes);
export const savedViews = pgTable(
  "saved_views",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: tenant(),
    name: text("name").notNull(),
    scope: viewScopeEnum("scope").notNull(),
    ownerUserId: uuid("owner_user_id").references(() => users.id, { onDelete: "cascade" }),
    groupId: uuid("group_id").references(() => handlerGroups.id, { onDelete: "cascade" }),
    filters: jsonb("filters").$type<ViewFilters>().notNull(),
    createdAt: created(),
  },
  (t) => [index("saved_views_org_scope").on(t.organisationId, t.scope), index("saved_views_owner").on(t.ownerUserId)],
);
