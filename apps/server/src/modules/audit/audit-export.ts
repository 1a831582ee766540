/**
 * Log requests (REQUIREMENTS M11, GDPR art. 15): one person's audit entries, found by their email
 * address or name, both where their data was read or changed (tickets whose customer they are,
 * their staff account) and where they acted as a staff user. Reading the export is itself audited.
 */
import type { LogEntry, LogExport, LogRequestQuery } from "@yhteys/contracts";
import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client.ts";
import { requireTechnicalAdmin } from "../admin/admin.access.ts";
import type { StaffActor } from "../auth/actor.ts";
import { appendAudit } from "./audit.ts";

/** Entries per export; a larger log is exported in parts by narrowing the request. */
const MAX_EXPORT_ENTRIES = 50_000;

type Row = {
  lane: number;
  seq: string;
  at: string;
  relation: "subject" | "actor";
  action: string;
  actor_kind: LogEntry["actorKind"];
  actor_name: string | null;
  actor_email: string | null;
  subject_type: string;
  subject_id: string | null;
  ticket_reference: string | null;
  ip: string | null;
  user_agent: string | null;
};

/** Exports the log entries of the person named by `query.email` or `query.name` (case-insensitive, exact). */
export async function exportPersonLog(db: Db, actor: StaffActor, query: LogRequestQuery): Promise<LogExport> {
  requireTechnicalAdmin(actor);
  const org = actor.organisationId;
  const match = query.email
    ? { column: sql.raw("email"), value: query.email.trim().toLowerCase() }
    : { column: sql.raw("name"), value: (query.name ?? "").trim().toLowerCase() };
  const rows = await queryRows<Row & { customers: string; users: string }>(
    db,
    sql`WITH person_customers AS (
        SELECT id FROM customers WHERE organisation_id = ${org} AND lower(${match.column}) = ${match.value}
      ), person_users AS (
        SELECT id FROM users WHERE organisation_id = ${org} AND lower(${match.column}) = ${match.value}
      ), person_tickets AS (
        SELECT id FROM tickets WHERE organisation_id = ${org} AND customer_id IN (SELECT id FROM person_customers)
      ), hits AS (
        SELECT a.id, 'subject' AS relation FROM audit_entries a
        WHERE a.organisation_id = ${org} AND (
          (a.subject_type = 'ticket' AND a.subject_id IN (SELECT id FROM person_tickets))
          OR (a.subject_type = 'customer' AND a.subject_id IN (SELECT id FROM person_customers))
          OR (a.subject_type = 'user' AND a.subject_id IN (SELECT id FROM person_users)))
        UNION ALL
        SELECT a.id, 'actor' FROM audit_entries a
        WHERE a.organisation_id = ${org} AND a.actor_user_id IN (SELECT id FROM person_users)
      )
      SELECT a.lane, a.seq::text, to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, h.relation, a.action,
        a.actor_kind::text, u.name AS actor_name, u.email AS actor_email, a.subject_type, a.subject_id::text,
        t.reference AS ticket_reference, a.ip, a.user_agent,
        (SELECT count(*) FROM person_customers)::text AS customers, (SELECT count(*) FROM person_users)::text AS users
      FROM hits h
      JOIN audit_entries a ON a.id = h.id
      LEFT JOIN users u ON u.id = a.actor_user_id
      LEFT JOIN tickets t ON a.subject_type = 'ticket' AND t.id = a.subject_id
      ORDER BY a.created_at, a.id, h.relation DESC
      LIMIT ${MAX_EXPORT_ENTRIES + 1}`,
  );
  // Counts come with the rows; without rows, ask for them alone.
  const [counts] = rows.length
    ? rows
    : await queryRows<{ customers: string; users: string }>(
        db,
        sql`SELECT (SELECT count(*) FROM customers WHERE organisation_id = ${org} AND lower(${match.column}) = ${match.value})::text AS customers,
          (SELECT count(*) FROM users WHERE organisation_id = ${org} AND lower(${match.column}) = ${match.value})::text AS users`,
      );
  const truncated = rows.length > MAX_EXPORT_ENTRIES;
  const entries = rows.slice(0, MAX_EXPORT_ENTRIES).map(
    (r): LogEntry => ({
      lane: r.lane,
      seq: Number(r.seq),
      at: r.at,
      relation: r.relation,
      action: r.action,
      actorKind: r.actor_kind,
      actorName: r.actor_name,
      actorEmail: r.actor_email,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      ticketReference: r.ticket_reference,
      ip: r.ip,
      userAgent: r.user_agent,
    }),
  );
  const matched = { customers: Number(counts?.customers ?? 0), users: Number(counts?.users ?? 0) };
  await appendAudit(db, actor, {
    action: "audit.log_request_exported",
    subjectType: "audit_log",
    subjectId: null,
    detail: {
      ...(query.email ? { email: query.email } : { name: query.name }),
      format: query.format ?? "json",
      entries: entries.length,
      ...matched,
    },
  });
  return {
    query: query.email ? { email: query.email } : { name: query.name ?? "" },
    generatedAt: new Date().toISOString(),
    matched,
    truncated,
    entries,
  };
}

const CSV_COLUMNS: (keyof LogEntry)[] = [
  "lane",
  "seq",
  "at",
  "relation",
  "action",
  "actorKind",
  "actorName",
  "actorEmail",
  "subjectType",
  "subjectId",
  "ticketReference",
  "ip",
  "userAgent",
];

/**
 * One CSV cell: quoted, quotes doubled, and a cell that a spreadsheet would run as a formula
 * (starting with =, +, -, @, tab or carriage return) prefixed with an apostrophe.
 */
export function csvCell(value: string | number | null): string {
  const text = value === null ? "" : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** The export as CSV (RFC 4180, CRLF lines, UTF-8 with a byte-order mark so that Excel reads ä and ö). */
export function logExportCsv(log: LogExport): string {
  const lines = [CSV_COLUMNS.map(csvCell).join(","), ...log.entries.map((e) => CSV_COLUMNS.map((c) => csvCell(e[c])).join(","))];
  return `\ufeff${lines.join("\r\n")}\r\n`;
}
