/**
 * Ticket workflows at run time: the status a ticket is in, where it may move, and checking a
 * requested move. A type without statuses follows the built-in state machine (`stateTransitions`);
 * a ticket's `state` is always its status's phase, so everything that works on the five states
 * (SLA pauses, queues, Open311, reports, rules, webhooks) keeps working.
 */
import { stateTransitions, type TicketState, type TicketStatusRef } from "@yhteys/contracts";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Queryable } from "../../db/client.ts";
import { ticketStatuses, ticketStatusTransitions, type tickets, ticketTypeSettings } from "../../db/schema.ts";
import { AppError } from "../../http/errors.ts";
import type { StaffActor } from "../auth/actor.ts";
import { allowedStates } from "../tickets/tickets.access.ts";

type Ticket = Pick<typeof tickets.$inferSelect, "organisationId" | "type" | "typeId" | "state" | "statusId">;
/** Which of the organisation's types: an added one by id, else the built-in type of the kind (its key). */
export type TypeRef = Pick<Ticket, "type" | "typeId">;
export type StatusRow = typeof ticketStatuses.$inferSelect;

/** A type's statuses in order and the moves between them (from id → to ids). */
export type WorkflowGraph = { statuses: StatusRow[]; next: Map<string, Set<string>> };

/**
 * The workflow of a type, or null when it has no active statuses (the built-in states apply);
 * `asStored` returns it whenever it has statuses at all (for the admin view).
 */
export async function workflowOf(db: Queryable, organisationId: string, ref: TypeRef, asStored = false): Promise<WorkflowGraph | null> {
  const statuses = await db
    .select({ s: ticketStatuses })
    .from(ticketStatuses)
    .innerJoin(ticketTypeSettings, eq(ticketTypeSettings.id, ticketStatuses.typeId))
    .where(
      and(
        eq(ticketTypeSettings.organisationId, organisationId),
        ref.typeId ? eq(ticketTypeSettings.id, ref.typeId) : eq(ticketTypeSettings.key, ref.type),
      ),
    )
    .orderBy(asc(ticketStatuses.position), asc(ticketStatuses.createdAt));
  if (asStored ? !statuses.length : !statuses.some(({ s }) => s.active)) return null;
  const moves = await db
    .select()
    .from(ticketStatusTransitions)
    .where(
      inArray(
        ticketStatusTransitions.fromId,
        statuses.map(({ s }) => s.id),
      ),
    );
  const next = new Map<string, Set<string>>();
  for (const m of moves) next.set(m.fromId, (next.get(m.fromId) ?? new Set()).add(m.toId));
  return { statuses: statuses.map(({ s }) => s), next };
}

/** The ticket's status: its own when it matches its phase, else the first active status of its phase. */
export function currentStatus(graph: WorkflowGraph, ticket: Pick<Ticket, "state" | "statusId">): StatusRow | undefined {
  const own = graph.statuses.find((s) => s.id === ticket.statusId);
  if (own && own.phase === ticket.state) return own;
  return graph.statuses.find((s) => s.active && s.phase === ticket.state);
}

/**
 * The active statuses the ticket may move to. A ticket in a phase that has no status of the
 * workflow may move to the statuses of the phases the built-in machine allows from there.
 */
export function nextStatuses(graph: WorkflowGraph, ticket: Ticket): StatusRow[] {
  const current = currentStatus(graph, ticket);
  if (!current) return graph.statuses.filter((s) => s.active && stateTransitions[ticket.state].includes(s.phase));
  const next = graph.next.get(current.id);
  return graph.statuses.filter((s) => s.active && s.id !== current.id && next?.has(s.id));
}

export const statusRef = (s: StatusRow): TicketStatusRef => ({ id: s.id, key: s.key, name: s.name, phase: s.phase });

/** What a ticket's status and the actor's choices are, for the ticket view. */
export async function statusChoices(db: Queryable, actor: StaffActor, ticket: Ticket, inScope: boolean) {
  const graph = await workflowOf(db, ticket.organisationId, ticket);
  if (!graph) return { status: null, allowedStatuses: [] };
  const current = currentStatus(graph, ticket);
  const mayChange = inScope && allowedStates(actor, ticket.state).length > 0;
  return {
    status: current ? statusRef(current) : null,
    allowedStatuses: mayChange ? nextStatuses(graph, ticket).map(statusRef) : [],
  };
}

/** What residents see of a ticket's status: its public name, or null (they see the state). */
export async function publicStatusName(db: Queryable, ticket: Ticket) {
  const graph = await workflowOf(db, ticket.organisationId, ticket);
  return (graph && currentStatus(graph, ticket)?.publicName) ?? null;
}

/** A move as it is stored and told in the history. */
export type Move = { state: TicketState; statusId: string | null; from?: StatusRow | undefined; to?: StatusRow | undefined };

/**
 * Checks a requested move against the type's workflow (or the built-in machine) and the actor's
 * rights: a status of the workflow, or a phase (the first status of that phase the ticket may
 * move to). 409 for a move the workflow does not allow, 422 for a status the type does not have.
 */
export async function resolveMove(
  db: Queryable,
  actor: StaffActor,
  ticket: Ticket,
  want: { state?: TicketState | undefined; statusId?: string | undefined },
): Promise<Move> {
  const refuse = (to: string) => new AppError("invalid_transition", `A ticket cannot move from ${ticket.state} to ${to}`);
  const mayChange = allowedStates(actor, ticket.state).length > 0;
  const graph = await workflowOf(db, ticket.organisationId, ticket);
  if (!graph) {
    if (want.statusId) throw new AppError("unprocessable", "The ticket's type has no such status");
    const to = want.state as TicketState;
    if (!allowedStates(actor, ticket.state).includes(to)) throw refuse(to);
    return { state: to, statusId: null };
  }
  const from = currentStatus(graph, ticket);
  if (want.statusId) {
    const target = graph.statuses.find((s) => s.id === want.statusId);
    if (!target || (want.state && want.state !== target.phase))
      throw new AppError("unprocessable", "The ticket's type has no such status in that state");
    if (!mayChange || !nextStatuses(graph, ticket).includes(target)) throw refuse(target.key);
    return { state: target.phase, statusId: target.id, from, to: target };
  }
  const to = want.state as TicketState;
  const target = mayChange ? nextStatuses(graph, ticket).find((s) => s.phase === to) : undefined;
  if (!target) throw refuse(to);
  return { state: target.phase, statusId: target.id, from, to: target };
}

/**
 * A rule's move to a status, by the system: the status must be an active one of the workflow of
 * the ticket's type, and a move the workflow allows from where the ticket is (as `nextStatuses`
 * tells it, a ticket without a status included). "stays" when the ticket is in it already.
 */
export async function ruleMove(db: Queryable, ticket: Ticket, statusId: string): Promise<Move | "stays" | "refused"> {
  const graph = await workflowOf(db, ticket.organisationId, ticket);
  if (!graph) return "refused";
  const from = currentStatus(graph, ticket);
  if (from?.id === statusId) return "stays";
  const to = nextStatuses(graph, ticket).find((s) => s.id === statusId);
  return to ? { state: to.phase, statusId: to.id, from, to } : "refused";
}

/** The history's account of a move: the phases, and the statuses by key and name when the type has a workflow. */
export const moveEvent = (fromState: TicketState, move: Move, reason: string | null) => ({
  from: fromState,
  to: move.state,
  reason,
  ...(move.from ? { fromStatus: { key: move.from.key, name: move.from.name } } : {}),
  ...(move.to ? { toStatus: { key: move.to.key, name: move.to.name } } : {}),
});
