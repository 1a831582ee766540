/**
 * A resident's message joins a ticket, whatever way it came: an email reply, the tracking page, a
 * social-media thread or a phone call. One rule for all that reopen: a finished ticket (resolved or
 * closed) goes back to handling, and so does one waiting for the customer — the resident has said
 * something the city should read. The ticket's handler hears of it through the notifications
 * consumer (`ticket.resident_message`).
 */
import { finishedStates, type TicketState } from "@yhteys/contracts";
import { eq } from "drizzle-orm";
import type { Tx } from "../../db/client.ts";
import { ticketMessages, tickets } from "../../db/schema.ts";
import type { Actor } from "../auth/actor.ts";
import { type EventNotice, recordEvent } from "./ticket-events.ts";
import { stateStamps } from "./ticket-stamps.ts";

export type ResidentMessage = {
  body: string;
  actor: Actor;
  /** The way it came (`email`, `web`, `phone`, a social channel's key), in the event's data. */
  channel: string;
  /**
   * Whether it moves the ticket back to handling, and why (the state change's `reason`). Null for
   * messages that never move a ticket: automatic email replies, and channels that join only open tickets.
   */
  reopen: { reason: string } | null;
  /** More of the event's data (the email's headers). */
  data?: Record<string, unknown>;
};

/** A ticket state that a resident's message moves back to handling. */
export const reopenedBy = (state: TicketState) => finishedStates.includes(state) || state === "waiting_for_customer";

/**
 * Adds the message to the ticket (locked for the change), moves the ticket back to handling when
 * `message.reopen` asks and its state calls for it, and records `ticket.resident_message` (then
 * `ticket.state_changed`). The notices are the caller's to publish after the commit.
 */
export async function addResidentMessage(tx: Tx, ticketId: string, message: ResidentMessage) {
  const [ticket] = await tx.select().from(tickets).where(eq(tickets.id, ticketId)).for("update");
  if (!ticket) throw new Error("the ticket of a resident's message is gone");
  const now = new Date();
  const [row] = await tx
    .insert(ticketMessages)
    .values({ organisationId: ticket.organisationId, ticketId, kind: "resident", body: message.body, createdAt: now })
    .returning({ id: ticketMessages.id, createdAt: ticketMessages.createdAt });
  if (!row) throw new Error("the message was not written");
  const reopened = message.reopen !== null && reopenedBy(ticket.state);
  const stamps = reopened ? await stateStamps(tx, ticket, "in_progress", now) : {};
  await tx
    .update(tickets)
    .set({ ...stamps, updatedAt: now })
    .where(eq(tickets.id, ticketId));
  const base = { organisationId: ticket.organisationId, ticketId, actor: message.actor };
  const notices: EventNotice[] = [
    await recordEvent(tx, {
      ...base,
      type: "ticket.resident_message",
      data: { messageId: row.id, channel: message.channel, ...message.data },
    }),
  ];
  if (reopened && message.reopen)
    notices.push(
      await recordEvent(tx, {
        ...base,
        type: "ticket.state_changed",
        data: { from: ticket.state, to: "in_progress", reason: message.reopen.reason },
      }),
    );
  return {
    messageId: row.id,
    createdAt: row.createdAt,
    state: reopened ? ("in_progress" as const) : ticket.state,
    reopened,
    ticket,
    notices,
  };
}
