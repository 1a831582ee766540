/**
 * The SLA watch (REQUIREMENTS M6): a background task that announces, once each, when an open
 * ticket's target is near (within SLA_WARNING_MS) and when it was missed, as `ticket.sla_warning`
 * and `ticket.sla_breached` events by the system. The events reach notifications, webhooks and
 * live consoles like any other. A ticket waiting for the customer is not watched (its clocks stand
 * still); new due times (a reprioritised or resumed ticket) re-arm it.
 */
import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client.ts";
import type { EventNotice } from "../tickets/ticket-events.ts";
import { SLA_WARNING_MS } from "./sla.ts";

/** Tickets announced per statement; the next round takes the rest. */
const BATCH = 200;

type Announced = { id: string; organisation_id: string; ticket_id: string; type: EventNotice["type"] };

/**
 * One statement per kind: mark at most BATCH tickets whose (first open) target is due before
 * `before`, and write their events in the same statement (so a mark is never without its event).
 */
async function announce(db: Db, kind: "breached" | "warning", now: Date, organisationId: string | null): Promise<EventNotice[]> {
  const before = kind === "breached" ? now : new Date(now.getTime() + SLA_WARNING_MS);
  const mark = kind === "breached" ? sql`sla_breached_at` : sql`sla_warned_at`;
  const type = kind === "breached" ? "ticket.sla_breached" : "ticket.sla_warning";
  const rows = await queryRows<Announced>(
    db,
    sql`WITH due AS (
          SELECT id, organisation_id,
            CASE WHEN first_response_at IS NULL AND first_response_due_at < ${before} THEN 'first_response' ELSE 'resolution' END AS target,
            CASE WHEN first_response_at IS NULL AND first_response_due_at < ${before} THEN first_response_due_at ELSE resolution_due_at END AS due_at
          FROM tickets
          WHERE state IN ('new', 'in_progress', 'waiting_for_customer') AND sla_paused_at IS NULL AND sla_breached_at IS NULL
            AND ${mark} IS NULL ${organisationId ? sql`AND organisation_id = ${organisationId}` : sql``}
            AND ((first_response_at IS NULL AND first_response_due_at < ${before}) OR resolution_due_at < ${before})
          LIMIT ${BATCH}
          FOR UPDATE SKIP LOCKED
        ), marked AS (
          UPDATE tickets t SET ${mark} = ${now}${kind === "breached" ? sql`, sla_warned_at = coalesce(t.sla_warned_at, ${now})` : sql``}
          FROM due WHERE t.id = due.id
          RETURNING t.id
        )
        INSERT INTO ticket_events (organisation_id, ticket_id, type, actor_kind, data)
        SELECT due.organisation_id, due.id, ${type}, 'system', jsonb_build_object('target', due.target, 'dueAt', due.due_at)
        FROM due JOIN marked ON marked.id = due.id
        RETURNING id::text, organisation_id, ticket_id, type`,
  );
  return rows.map((r) => ({ organisationId: r.organisation_id, ticketId: r.ticket_id, eventId: Number(r.id), type: r.type }));
}

/** Announces breaches, then warnings (of one organisation, or all); returns the notices to publish (live consoles). */
export async function watchSla(db: Db, options: { now?: Date; organisationId?: string } = {}): Promise<EventNotice[]> {
  const now = options.now ?? new Date();
  const breached = await announce(db, "breached", now, options.organisationId ?? null);
  const warned = await announce(db, "warning", now, options.organisationId ?? null);
  return [...breached, ...warned];
}

/** The watch as a task of the job runner's rounds, at most once per `everyMs`. */
export function slaWatchTask(db: Db, publish: (notices: EventNotice[]) => void, everyMs = 30_000) {
  let next = 0;
  return {
    name: "sla watch",
    run: async () => {
      if (Date.now() < next) return false;
      const notices = await watchSla(db);
      if (notices.length) publish(notices);
      // A full batch means more are due: look again at once.
      const more = notices.length >= BATCH;
      next = more ? 0 : Date.now() + everyMs;
      return more;
    },
  };
}
