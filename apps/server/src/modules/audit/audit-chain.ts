/**
 * Verifies the audit hash chains. The hashes are recomputed here in TypeScript from the stored
 * fields, independently of the SQL function that wrote them, with the same canonical
 * serialisation: every field as `<UTF-8 octets>:<value>`, or `-` for null (see the migration that
 * defines `audit_append`).
 */
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { type Queryable, queryRows } from "../../db/client.ts";

const GENESIS = "0".repeat(64);
const BATCH = 5000;

/** Why an organisation's chain does not verify, at its first broken entry. */
export type ChainBreak = { seq: number; entryId: number | null; reason: string };

/** The result of verifying one organisation's chain. */
export type ChainReport = {
  organisationId: string;
  slug: string;
  entries: number;
  headSeq: number;
  headHash: string;
  broken: ChainBreak | null;
};

const field = (v: string | null) => (v === null ? "-" : `${Buffer.byteLength(v, "utf8")}:${v}`);
const sha256 = (v: string) => createHash("sha256").update(v, "utf8").digest("hex");

type EntryRow = {
  id: string;
  seq: string;
  at: string;
  actor_kind: string;
  actor_user_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  ticket_event_id: string | null;
  event_digest: string | null;
  ip: string | null;
  user_agent: string | null;
  detail: string | null;
  prev_hash: string;
  hash: string;
  e_id: string | null;
  e_org: string | null;
  e_ticket: string | null;
  e_type: string | null;
  e_actor_kind: string | null;
  e_actor_id: string | null;
  e_data: string | null;
  e_at: string | null;
};

/** The digest of a ticket event row, as `audit_event_digest` computes it. */
function eventDigest(r: EntryRow): string {
  return sha256(
    `event-v1${field(r.e_id)}${field(r.e_org)}${field(r.e_ticket)}${field(r.e_type)}${field(r.e_actor_kind)}${field(r.e_actor_id)}${field(r.e_data)}${field(r.e_at)}`,
  );
}

function entryHash(organisationId: string, r: EntryRow): string {
  return sha256(
    `entry-v1${field(organisationId)}${field(r.seq)}${field(r.at)}${field(r.actor_kind)}${field(r.actor_user_id)}${field(r.action)}` +
      `${field(r.subject_type)}${field(r.subject_id)}${field(r.ticket_event_id)}${field(r.event_digest)}${field(r.ip)}` +
      `${field(r.user_agent)}${field(r.detail)}${field(r.prev_hash)}`,
  );
}

function checkEntry(organisationId: string, r: EntryRow, expectedSeq: number, prevHash: string): string | null {
  if (Number(r.seq) !== expectedSeq) return `entry ${expectedSeq} is missing (next is ${r.seq})`;
  if (r.prev_hash !== prevHash) return "its previous hash does not match the entry before it";
  if (entryHash(organisationId, r) !== r.hash) return "its content does not match its hash";
  if (r.ticket_event_id !== null) {
    if (r.e_id === null) return `ticket event ${r.ticket_event_id} is missing`;
    if (eventDigest(r) !== r.event_digest) return `ticket event ${r.ticket_event_id} does not match its digest`;
  }
  return null;
}

/** Reads the chain in order, recomputing every hash; stops at the first broken entry. */
export async function verifyChain(db: Queryable, organisation: { id: string; slug: string }): Promise<ChainReport> {
  const [head] = await queryRows<{ last_seq: string; last_hash: string }>(
    db,
    sql`SELECT last_seq::text, last_hash FROM audit_chain_heads WHERE organisation_id = ${organisation.id}`,
  );
  const report: ChainReport = {
    organisationId: organisation.id,
    slug: organisation.slug,
    entries: 0,
    headSeq: Number(head?.last_seq ?? 0),
    headHash: head?.last_hash ?? GENESIS,
    broken: null,
  };
  let prevHash = GENESIS;
  let seq = 0;
  for (;;) {
    const rows = await queryRows<EntryRow>(
      db,
      // Everything as text, as the SQL side serialises it (drivers would parse numbers, uuids and JSON).
      sql`SELECT a.id::text, a.seq::text, audit_time(a.created_at) AS at, a.actor_kind::text, a.actor_user_id::text, a.action,
          a.subject_type, a.subject_id::text, a.ticket_event_id::text, a.event_digest, a.ip, a.user_agent, a.detail::text AS detail,
          a.prev_hash, a.hash, e.id::text AS e_id, e.organisation_id::text AS e_org, e.ticket_id::text AS e_ticket, e.type AS e_type,
          e.actor_kind::text AS e_actor_kind, e.actor_id::text AS e_actor_id, e.data::text AS e_data, audit_time(e.created_at) AS e_at
        FROM audit_entries a
        LEFT JOIN ticket_events e ON e.id = a.ticket_event_id AND e.organisation_id = a.organisation_id
        WHERE a.organisation_id = ${organisation.id} AND a.seq > ${seq}
        ORDER BY a.seq LIMIT ${BATCH}`,
    );
    for (const r of rows) {
      const reason = checkEntry(organisation.id, r, seq + 1, prevHash);
      if (reason) return { ...report, broken: { seq: seq + 1, entryId: Number(r.id), reason } };
      seq += 1;
      prevHash = r.hash;
      report.entries += 1;
    }
    if (rows.length < BATCH) break;
  }
  // Entries cut off the end of the chain leave the head pointing past it.
  if (seq !== report.headSeq || prevHash !== report.headHash)
    return { ...report, broken: { seq: seq + 1, entryId: null, reason: `the chain ends at ${seq} but its head is at ${report.headSeq}` } };
  const [unlogged] = await queryRows<{ id: string }>(
    db,
    sql`SELECT e.id::text FROM ticket_events e WHERE e.organisation_id = ${organisation.id}
      AND NOT EXISTS (SELECT 1 FROM audit_entries a WHERE a.organisation_id = e.organisation_id AND a.ticket_event_id = e.id)
      ORDER BY e.id LIMIT 1`,
  );
  if (unlogged) return { ...report, broken: { seq: seq + 1, entryId: null, reason: `ticket event ${unlogged.id} is not in the chain` } };
  return report;
}

/** Verifies every organisation's chain. */
export async function verifyAllChains(db: Queryable): Promise<ChainReport[]> {
  const orgs = await queryRows<{ id: string; slug: string }>(db, sql`SELECT id::text, slug FROM organisations ORDER BY slug`);
  const reports: ChainReport[] = [];
  for (const org of orgs) reports.push(await verifyChain(db, org));
  return reports;
}
