/**
 * Verifies the audit hash chains (every lane of every organisation's log). The hashes are recomputed here in TypeScript from the stored
 * fields, independently of the SQL function that wrote them, with the same canonical
 * serialisation: every field as `<UTF-8 octets>:<value>`, or `-` for null (see the migration that
 * defines `audit_append`).
 */
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { type Queryable, queryRows } from "../../db/client.ts";
import { AUDIT_LANES } from "../../db/schema/audit.ts";

const GENESIS = "0".repeat(64);
const BATCH = 5000;

/** Why an organisation's log does not verify, at the first broken entry of a lane. */
type ChainBreak = { lane: number | null; seq: number | null; entryId: number | null; reason: string };

/** One lane's head as verified. */
type LaneReport = { lane: number; entries: number; headSeq: number; headHash: string };

/** The result of verifying one organisation's log: every lane, and a seal over their heads. */
export type ChainReport = {
  organisationId: string;
  slug: string;
  entries: number;
  lanes: LaneReport[];
  /** SHA-256 over the lanes' heads in lane order: one value to note down and compare later. */
  seal: string;
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

/** Reads one lane in order, recomputing every hash; stops at its first broken entry. */
async function verifyLane(
  db: Queryable,
  organisationId: string,
  lane: number,
  head: { seq: number; hash: string },
): Promise<{ report: LaneReport; broken: ChainBreak | null }> {
  const report: LaneReport = { lane, entries: 0, headSeq: head.seq, headHash: head.hash };
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
        WHERE a.organisation_id = ${organisationId} AND a.lane = ${lane} AND a.seq > ${seq}
        ORDER BY a.seq LIMIT ${BATCH}`,
    );
    for (const r of rows) {
      const reason = checkEntry(organisationId, r, seq + 1, prevHash);
      if (reason) return { report, broken: { lane, seq: seq + 1, entryId: Number(r.id), reason } };
      seq += 1;
      prevHash = r.hash;
      report.entries += 1;
    }
    if (rows.length < BATCH) break;
  }
  // Entries cut off the end of the lane leave its head pointing past it.
  if (seq !== head.seq || prevHash !== head.hash)
    return { report, broken: { lane, seq: seq + 1, entryId: null, reason: `the chain ends at ${seq} but its head is at ${head.seq}` } };
  return { report, broken: null };
}

/** Verifies every lane of an organisation's log, and that every ticket event is in it. */
export async function verifyChain(db: Queryable, organisation: { id: string; slug: string }): Promise<ChainReport> {
  const heads = new Map(
    (
      await queryRows<{ lane: number; last_seq: string; last_hash: string }>(
        db,
        sql`SELECT lane, last_seq::text, last_hash FROM audit_chain_heads WHERE organisation_id = ${organisation.id}`,
      )
    ).map((h) => [h.lane, { seq: Number(h.last_seq), hash: h.last_hash }]),
  );
  const lanes: LaneReport[] = [];
  let broken: ChainBreak | null = null;
  // Every lane is walked, head or not: entries of a lane whose head was deleted end past a head at 0.
  for (let lane = 0; lane < AUDIT_LANES && !broken; lane++) {
    const result = await verifyLane(db, organisation.id, lane, heads.get(lane) ?? { seq: 0, hash: GENESIS });
    lanes.push(result.report);
    broken = result.broken;
  }
  const report: ChainReport = {
    organisationId: organisation.id,
    slug: organisation.slug,
    entries: lanes.reduce((sum, l) => sum + l.entries, 0),
    lanes,
    seal: sha256(lanes.map((l) => `${l.lane}:${l.headSeq}:${l.headHash}`).join("\n")),
    broken,
  };
  if (broken) return report;
  const [stray] = await queryRows<{ id: string; lane: number }>(
    db,
    sql`SELECT id::text, lane FROM audit_entries WHERE organisation_id = ${organisation.id} AND (lane < 0 OR lane >= ${AUDIT_LANES}) LIMIT 1`,
  );
  if (stray)
    return { ...report, broken: { lane: stray.lane, seq: null, entryId: Number(stray.id), reason: `lane ${stray.lane} does not exist` } };
  const [unlogged] = await queryRows<{ id: string }>(
    db,
    sql`SELECT e.id::text FROM ticket_events e WHERE e.organisation_id = ${organisation.id}
      AND NOT EXISTS (SELECT 1 FROM audit_entries a WHERE a.organisation_id = e.organisation_id AND a.ticket_event_id = e.id)
      ORDER BY e.id LIMIT 1`,
  );
  if (unlogged)
    return { ...report, broken: { lane: null, seq: null, entryId: null, reason: `ticket event ${unlogged.id} is not in the log` } };
  return report;
}

/** Verifies every organisation's chain. */
export async function verifyAllChains(db: Queryable): Promise<ChainReport[]> {
  const orgs = await queryRows<{ id: string; slug: string }>(db, sql`SELECT id::text, slug FROM organisations ORDER BY slug`);
  const reports: ChainReport[] = [];
  for (const org of orgs) reports.push(await verifyChain(db, org));
  return reports;
}
