/**
 * Every change to a ticket writes one event row in the same transaction as the change. The row is
 * the ticket's history, the audit trail of changes, and the outbox: a NOTIFY (delivered on commit)
 * tells every app process to push live updates, and later workers read the rows for
 * notifications, webhooks and integrations.
 */
import { sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.ts";
import { ticketEvents } from "../../db/schema.ts";
import { type Actor, actorId } from "../auth/actor.ts";

export const EVENTS_CHANNEL = "yhteys_ticket_events";

export type TicketEventType =
  | "ticket.created"
  | "ticket.edited"
  | "ticket.reclassified"
  | "ticket.forwarded"
  | "ticket.replied"
  | "ticket.noted"
  | "ticket.state_changed"
  | "ticket.resident_message";

/** What travels in a NOTIFY payload: enough to find the event, nothing personal. */
export type EventNotice = { organisationId: string; ticketId: string; eventId: number; type: TicketEventType };

export async function recordEvent(
  tx: Queryable,
  event: { organisationId: string; ticketId: string; type: TicketEventType; actor: Actor; data?: Record<string, unknown>; at?: Date },
): Promise<number> {
  const [row] = await tx
    .insert(ticketEvents)
    .values({
      organisationId: event.organisationId,
      ticketId: event.ticketId,
      type: event.type,
      actorKind: event.actor.kind,
      actorId: actorId(event.actor),
      data: event.data ?? {},
      ...(event.at ? { createdAt: event.at } : {}),
    })
    .returning({ id: ticketEvents.id });
  const id = row?.id ?? 0;
  const notice: EventNotice = { organisationId: event.organisationId, ticketId: event.ticketId, eventId: id, type: event.type };
  await tx.execute(sql`SELECT pg_notify(${EVENTS_CHANNEL}, ${JSON.stringify(notice)})`);
  return id;
}
