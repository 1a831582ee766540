/**
 * Time stamps a ticket change carries with it: due times after a new category, priority or group,
 * and the stamps of a move to another state or workflow status. Shared by staff changes (tickets.service.ts), rule
 * outcomes (rule-outcomes.ts), handling and incoming email.
 */
import { finishedStates, type TicketState } from "@yhteys/contracts";
import type { Tx } from "../../db/client.ts";
import type { tickets } from "../../db/schema.ts";
import { dueTimes, resumedDueTimes, slaSettingsOf } from "../sla/sla.ts";

type Ticket = typeof tickets.$inferSelect;

/**
 * The start of a new status period (`statusChangedAt`, what "time in status" rules and the
 * console's "in this state since" count from) when a change moves the ticket to another state or
 * workflow status; nothing otherwise.
 */
export function statusPeriod(
  ticket: Pick<Ticket, "state" | "statusId">,
  change: Partial<Pick<Ticket, "state" | "statusId">>,
  now: Date,
): Pick<Ticket, "statusChangedAt"> | Record<string, never> {
  const moved =
    (change.state !== undefined && change.state !== ticket.state) || (change.statusId !== undefined && change.statusId !== ticket.statusId);
  return moved ? { statusChangedAt: now } : {};
}

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

/**
 * Time stamps that follow a move into state `to` (and workflow status `statusId`, when given);
 * waiting for the customer stops the service-level clocks, and another state or status starts a
 * new status period.
 */
export async function stateStamps(tx: Tx, ticket: Ticket, to: TicketState, now: Date, statusId?: string | null): Promise<Partial<Ticket>> {
  const stamps: Partial<Ticket> = finishedStates.includes(to)
    ? { state: to, resolvedAt: now }
    : { state: to, resolvedAt: finishedStates.includes(ticket.state) ? null : ticket.resolvedAt };
  // A move to another phase leaves the workflow status behind: the ticket is then in the phase's first status.
  if (to !== ticket.state) stamps.statusId = null;
  if (statusId !== undefined) stamps.statusId = statusId;
  Object.assign(stamps, statusPeriod(ticket, stamps, now));
  if (to === "waiting_for_customer" && !ticket.slaPausedAt) stamps.slaPausedAt = now;
  if (to !== "waiting_for_customer" && ticket.slaPausedAt)
    Object.assign(
      stamps,
      { slaPausedAt: null, slaWarnedAt: null, slaBreachedAt: null },
      resumedDueTimes(await slaSettingsOf(tx, ticket.organisationId), ticket, ticket.slaPausedAt, now),
    );
  return stamps;
}
