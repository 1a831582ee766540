/**
 * What an external system says about a forwarded ticket, whichever way it came (a polled Open311
 * status, or an answer by email): a change of status or notes is a `ticket.external_updated`
 * event, and a closed request whose notes contain the route's "not ours" marker returns the ticket
 * to the unclear queue (`ticket.external_returned`, and `ticket.forwarded` by the system).
 */
import { and, eq } from "drizzle-orm";
import type { Tx } from "../../db/client.ts";
import { externalRequests, handlerGroups, tickets } from "../../db/schema.ts";
import { type EventNotice, recordEvent } from "../tickets/ticket-events.ts";

export type ExternalChange = { status: string | null; notes: string | null; externalUpdatedAt?: string | null; via?: "email" };

/** Whether closed notes say "not ours" (case-insensitively). */
const saysNotOurs = (status: string | null, notes: string | null, marker: string) =>
  status === "closed" && notes !== null && notes.toLowerCase().includes(marker.toLowerCase());

/** Applies one change to the ticket's external request, in `tx`; returns the events written. */
export async function applyExternalChange(
  tx: Tx,
  target: { ticketId: string; organisationId: string; notOursMarker: string },
  change: ExternalChange,
): Promise<EventNotice[]> {
  const { status, notes } = change;
  const now = new Date();
  // Locks the row: two processes polling at once apply one change once.
  const [current] = await tx.select().from(externalRequests).where(eq(externalRequests.ticketId, target.ticketId)).for("update");
  if (!current || current.returnedAt) return [];
  const changed = change.via === "email" || status !== current.status || notes !== current.statusNotes;
  await tx
    .update(externalRequests)
    .set({ lastPolledAt: now, status, statusNotes: notes, externalUpdatedAt: change.externalUpdatedAt ?? null })
    .where(eq(externalRequests.ticketId, target.ticketId));
  if (!changed) return [];
  const actor = { kind: "system", organisationId: target.organisationId } as const;
  const base = { organisationId: target.organisationId, ticketId: target.ticketId, actor };
  const notices = [
    await recordEvent(tx, {
      ...base,
      type: "ticket.external_updated",
      data: { serviceRequestId: current.serviceRequestId, status, statusNotes: notes, ...(change.via ? { via: change.via } : {}) },
    }),
  ];
  if (!saysNotOurs(status, notes, target.notOursMarker)) return notices;
  const [ticket] = await tx.select().from(tickets).where(eq(tickets.id, target.ticketId)).for("update");
  const [unclear] = await tx
    .select({ id: handlerGroups.id })
    .from(handlerGroups)
    .where(and(eq(handlerGroups.organisationId, target.organisationId), eq(handlerGroups.isUnclearQueue, true)))
    .limit(1);
  await tx.update(externalRequests).set({ returnedAt: now }).where(eq(externalRequests.ticketId, target.ticketId));
  notices.push(
    await recordEvent(tx, {
      ...base,
      type: "ticket.external_returned",
      data: { serviceRequestId: current.serviceRequestId, statusNotes: notes },
    }),
  );
  if (ticket && unclear) {
    await tx.update(tickets).set({ groupId: unclear.id, handlerId: null, updatedAt: now }).where(eq(tickets.id, ticket.id));
    notices.push(
      await recordEvent(tx, {
        ...base,
        type: "ticket.forwarded",
        data: {
          from: { groupId: ticket.groupId, handlerId: ticket.handlerId },
          to: { groupId: unclear.id, handlerId: null },
          noteId: null,
          reason: "external_not_ours",
        },
      }),
    );
  }
  return notices;
}
