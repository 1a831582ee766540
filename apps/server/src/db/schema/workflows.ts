/**
 * Admin-edited ticket types and their workflows (REQUIREMENTS M6). The four built-in kinds stay
 * the pg enum `ticket_type` (Open311, SLA, reports, webhooks and the contracts rely on them); a
 * row here is one of the organisation's types: a built-in one (key = its kind, created the first
 * time an admin changes it) or one the organisation added (its own key, on a base kind). It
 * carries the names, description, order and whether the type is offered on forms. A type's workflow is its statuses (each in one of the five lifecycle phases, which stay
 * in `tickets.state`) and the transitions between them; a type without statuses follows the
 * built-in state machine.
 */

import type { LocalizedText } from "@yhteys/contracts";
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, unique, uuid } from "drizzle-orm/pg-core";
import { created, tenant, ticketStateEnum, ticketTypeEnum } from "./tenancy.ts";

export const ticketTypeSettings = pgTable(
  "ticket_types",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: tenant(),
    /** The base kind: what `tickets.type` holds for tickets of this type. */
    kind: ticketTypeEnum("kind").notNull(),
    /** Stable slug, unique in the organisation: a built-in type's key is its kind. */
    key: text("key").notNull(),
    /** The organisation's own name (required for an added type); null keeps the standard name of the kind. */
    name: jsonb("name").$type<LocalizedText>(),
    description: jsonb("description").$type<LocalizedText>(),
    /** Offered on the public form and on staff's new-contact form; old tickets of an inactive type stay readable. */
    active: boolean("active").notNull().default(true),
    position: integer("position").notNull().default(0),
    createdAt: created(),
  },
  (t) => [unique("ticket_types_org_key").on(t.organisationId, t.key)],
);

/** A step of a type's workflow, in one lifecycle phase; `publicName` is what residents see (else the phase's name). */
export const ticketStatuses = pgTable(
  "ticket_statuses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: tenant(),
    typeId: uuid("type_id")
      .notNull()
      .references(() => ticketTypeSettings.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    name: jsonb("name").$type<LocalizedText>().notNull(),
    publicName: jsonb("public_name").$type<LocalizedText>(),
    phase: ticketStateEnum("phase").notNull(),
    position: integer("position").notNull().default(0),
    active: boolean("active").notNull().default(true),
    createdAt: created(),
  },
  (t) => [unique("ticket_statuses_type_key").on(t.typeId, t.key), index("ticket_statuses_org").on(t.organisationId)],
);

/** An allowed move of a type's workflow, from one of its statuses to another. */
export const ticketStatusTransitions = pgTable(
  "ticket_status_transitions",
  {
    organisationId: tenant(),
    fromId: uuid("from_id")
      .notNull()
      .references(() => ticketStatuses.id, { onDelete: "cascade" }),
    toId: uuid("to_id")
      .notNull()
      .references(() => ticketStatuses.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.fromId, t.toId] })],
);
