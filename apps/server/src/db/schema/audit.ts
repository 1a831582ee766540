import { bigint, bigserial, index, jsonb, pgTable, primaryKey, smallint, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { actorKindEnum, created, organisations, tenant } from "./tenancy.ts";

/**
 * The tamper-evident audit log (REQUIREMENTS M11): hash chains per organisation over reads of
 * personal data, changes of tickets (one entry per `ticket_events` row, appended by a trigger)
 * and admin changes. `hash` = SHA-256 over the entry's canonical serialisation and `prev_hash`;
 * entries are appended only by the SQL functions `audit_append` and `audit_ticket_events` (see
 * docs/architecture.md). An organisation's log is `AUDIT_LANES` parallel chains ("lanes"): a
 * transaction appends to a lane no other transaction holds, so that concurrent writers do not
 * wait for each other's commits; each lane verifies on its own.
 */
export const auditEntries = pgTable(
  "audit_entries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    organisationId: tenant(),
    /** The chain (0 … AUDIT_LANES − 1) of the organisation's log that holds the entry. */
    lane: smallint("lane").notNull().default(0),
    /** Position in the lane: 1, 2, 3, … without gaps. */
    seq: bigint("seq", { mode: "number" }).notNull(),
    actorKind: actorKindEnum("actor_kind").notNull().default("user"),
    actorUserId: uuid("actor_user_id"),
    action: text("action").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: uuid("subject_id"),
    /** For changes of tickets: the event row and the SHA-256 of its content (no foreign key: erasure must not rewrite the chain). */
    ticketEventId: bigint("ticket_event_id", { mode: "number" }),
    eventDigest: text("event_digest"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    detail: jsonb("detail").$type<Record<string, unknown>>(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
    createdAt: created(),
  },
  (t) => [
    uniqueIndex("audit_entries_org_lane_seq").on(t.organisationId, t.lane, t.seq),
    index("audit_entries_org_subject").on(t.organisationId, t.subjectId),
    index("audit_entries_actor").on(t.actorUserId),
  ],
);

/** How many lanes an organisation's audit log has (the SQL functions use the same number). */
export const AUDIT_LANES = 8;

/** The head of each lane of an organisation's audit log; locking this row serialises the lane's appends. */
export const auditChainHeads = pgTable(
  "audit_chain_heads",
  {
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    lane: smallint("lane").notNull().default(0),
    lastSeq: bigint("last_seq", { mode: "number" }).notNull().default(0),
    lastHash: text("last_hash").notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.lane] })],
);
