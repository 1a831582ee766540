/**
 * Appending to the tamper-evident audit log (REQUIREMENTS M11). Every append goes through the SQL
 * function `audit_append`, which extends the organisation's hash chain under a lock of its chain
 * head; changes of tickets enter the chain through a trigger on `ticket_events`.
 */
import { sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.ts";
import type { RequestOrigin, StaffActor } from "../auth/actor.ts";

/** What the audit log records besides who acted and from where. */
export type AuditRecord = {
  action: string;
  subjectType:
    | "ticket"
    | "customer"
    | "user"
    | "group"
    | "audit_log"
    | "calendar"
    | "sla_policy"
    | "rule"
    | "address_list"
    | "area_list"
    | "notice"
    | "faq_entry"
    | "embed_settings"
    | "theme"
    | "map_settings"
    | "webhook"
    | "api_client"
    | "inbound_channel"
    | "open311_route"
    | "ticket_type"
    | "mail_settings"
    | "email"
    | "mailbox"
    | "category";
  subjectId: string | null;
  detail?: Record<string, unknown>;
};

/** Appends an entry by a staff user; in a transaction, the entry commits or rolls back with it. */
export async function appendAudit(db: Queryable, actor: StaffActor, record: AuditRecord) {
  const origin = actor.origin;
  await db.execute(
    sql`SELECT audit_append(${actor.organisationId}, 'user', ${actor.userId}, ${record.action}, ${record.subjectType},
      ${record.subjectId}, NULL, NULL, ${origin?.ip ?? null}, ${origin?.userAgent ?? null},
      ${record.detail ? JSON.stringify(record.detail) : null}::jsonb)`,
  );
}

/** Logs a read of personal data, e.g. opening a ticket. */
export function auditRead(
  db: Queryable,
  actor: StaffActor,
  subject: { subjectType: "ticket" | "customer"; subjectId: string; action: string; detail?: Record<string, unknown> },
) {
  return appendAudit(db, actor, subject);
}

/**
 * Makes the request's origin visible to the audit trigger of ticket events for the rest of the
 * transaction, so that changes are logged with "from where" like reads are.
 */
export async function setAuditOrigin(tx: Queryable, origin: RequestOrigin | undefined) {
  if (!origin) return;
  await tx.execute(
    sql`SELECT set_config('yhteys.origin_ip', ${origin.ip}, true), set_config('yhteys.origin_user_agent', ${origin.userAgent ?? ""}, true)`,
  );
}
