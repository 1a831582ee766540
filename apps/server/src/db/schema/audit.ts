import { bigint, bigserial, index, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { actorKindEnum, created, organisations, tenant } from "./tenancy.ts";

/**
 * The tamper-evident audit log (REQUIREMENTS M11): one hash chain per organisation over reads of
 * personal data, changes of tickets (one entry per `ticket_events` row, appended by a trigger)
 * and admin changes. `hash` = SHA-256 over the entry's canonical serialisation and `prev_hash`;
 * entries are appended only by the SQL function `audit_append` (see docs/architecture.md).
 */
export const auditEntries = pgTable(
  "audit_entries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    organisationId: tenant(),
    /** Position in the organisation's chain: 1, 2, 3, … without gaps. */
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
    uniqueIndex("audit_entries_org_seq").on(t.organisationId, t.seq),
    index("audit_entries_org_subject").on(t.organisationId, t.subjectId),
    index("audit_entries_actor").on(t.actorUserId),
  ],
);

/** The head of each organisation's audit chain; locking this row serialises appends. */
export const auditChainHeads = pgTable("audit_chain_heads", {
  organisationId: uuid("organisation_id")
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  lastSeq: bigint("last_seq", { mode: "number" }).notNull().default(0),
  lastHash: text("last_hash").notNull(),
});
