/**
 * Time stamps a ticket change carries with it: due times after a new category, priority or group,
 * and the stamps of a move to another state. Shared by staff changes (tickets.service.ts), rule
 * outcomes (rule-outcomes.ts), handling and incoming email.
 */
import { finishedStates, type TicketState } from "@yhteys/contracts";
import type { Tx } from "../../db/client.ts";
import type { tickets } from "../../db/schema.ts";
import { dueTimes, resumedDueTimes, slaSettingsOf } from "../sla/sla.ts";

type Ticket = typeof tickets.$inferSelect;

/**
 * Due times recomputed from the ticket's creation after its category, priority or group changed
 * (a different policy or calendar applies). Time spent waiting for the customer before is not
 * credited again.
 */
export async function restampedDues(tx: Tx, ticket: Ticket, change: Partial<Pick<Ticket, "categoryId" | "priority" | "groupId">>) {
  const settings = await slaSettingsOf(tx, ticket.organisationId);
  const due = dueTimes(
    settings,
    { categoryId: ticket.categoryId, priority: ticket.priority, groupId: ticket.groupId, ...change },
    ticket.createdAt,
  );
  // New due times: the SLA watch announces them afresh.
  return { ...due, slaWarnedAt: null, slaBreachedAt: null };
}

/** Time stamps that follow a move into `to`; waiting for the customer stops the service-level clocks. */
export async function stateStamps(tx: Tx, ticket: Ticket, to: TicketState, now: Date): Promise<Partial<Ticket>> {
  const stamps: Partial<Ticket> = finishedStates.includes(to)
    ? { state: to, resolvedAt: now }
    : { state: to, resolvedAt: finishedStates.includes(ticket.state) ? null : ticket.resolvedAt };
  // A move to another phase leaves the workflow status behind: the ticket is then in the phase's first status.
  if (to !== ticket.state) stamps.statusId = null;
  if (to === "waiting_for_customer" && !ticket.slaPausedAt) stamps.slaPausedAt = now;
  if (to !== "waiting_for_customer" && ticket.slaPausedAt)
    Object.assign(
      stamps,
      { slaPausedAt: null, slaWarnedAt: null, slaBreachedAt: null },
      resumedDueTimes(await slaSettingsOf(tx, ticket.organisationId), ticket, ticket.slaPausedAt, now),
    );
  return stamps;
}
