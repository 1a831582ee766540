/**
 * Who may see and do what with tickets (REQUIREMENTS M10). Every ticket query is scoped by
 * `visibleTickets`, and every action checks `allowedActions`, so the rules live in one place.
 */
import { type Role, stateTransitions, type TicketState, ticketActions } from "@yhteys/contracts";
import { and, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import { tickets } from "../../db/schema.ts";
import type { StaffActor } from "../auth/actor.ts";

export type TicketAction = (typeof ticketActions)[number];

type Scope = "all" | "groups" | "areas" | "assigned" | "none";

/** Handlers may take every action, publishing (M5) too; external partners and viewers may not publish. */
const handling: readonly TicketAction[] = ticketActions;

const policy: Record<Role, { scope: Scope; actions: readonly TicketAction[]; seesCustomer: boolean }> = {
  technical_admin: { scope: "all", actions: handling, seesCustomer: true },
  service_advisor: { scope: "all", actions: handling, seesCustomer: true },
  content_admin: { scope: "groups", actions: handling, seesCustomer: true },
  expert: { scope: "groups", actions: handling, seesCustomer: true },
  reporter: { scope: "all", actions: [], seesCustomer: false },
  viewer: { scope: "areas", actions: [], seesCustomer: false },
  external_partner: { scope: "assigned", actions: ["reply", "note", "changeState"], seesCustomer: false },
  // Internal customers follow their own requests through the portal, not the staff queues.
  internal_customer: { scope: "none", actions: [], seesCustomer: false },
};

/** The fields of a ticket that decide who may see it. */
export type TicketAccessFields = { groupId: string | null; handlerId: string | null; areaId: string | null; sensitive: boolean };

/** The columns to select for `canSeeTicket`. */
export const accessColumns = {
  groupId: tickets.groupId,
  handlerId: tickets.handlerId,
  areaId: tickets.areaId,
  sensitive: tickets.sensitive,
};

/** SQL condition for the tickets the actor may see, always within their organisation. */
export function visibleTickets(actor: StaffActor): SQL {
  return and(scopedTickets(actor), sensitiveAllowed(actor)) as SQL;
}

/**
 * Special categories of personal data: a flagged ticket opens only to members of a group with
 * sensitive access, whatever their role or requests say.
 */
export const sensitiveAllowed = (actor: StaffActor): SQL => (actor.sensitiveAccess ? sql`true` : eq(tickets.sensitive, false));
export const mayOpenSensitive = (actor: StaffActor, ticket: { sensitive: boolean }) => actor.sensitiveAccess || !ticket.sensitive;

function scopedTickets(actor: StaffActor): SQL {
  const inOrg = eq(tickets.organisationId, actor.organisationId);
  const none = sql`false`;
  switch (policy[actor.role].scope) {
    case "all":
      return inOrg;
    case "groups":
      return and(
        inOrg,
        or(eq(tickets.handlerId, actor.userId), actor.groupIds.length ? inArray(tickets.groupId, actor.groupIds) : none),
      ) as SQL;
    case "areas":
      return actor.areaIds.length ? (and(inOrg, inArray(tickets.areaId, actor.areaIds)) as SQL) : none;
    case "assigned":
      return and(inOrg, eq(tickets.handlerId, actor.userId)) as SQL;
    case "none":
      return none;
  }
}

export function canSeeTicket(actor: StaffActor, ticket: TicketAccessFields): boolean {
  return mayOpenSensitive(actor, ticket) && inScope(actor, ticket);
}

function inScope(actor: StaffActor, ticket: TicketAccessFields): boolean {
  switch (policy[actor.role].scope) {
    case "all":
      return true;
    case "groups":
      return ticket.handlerId === actor.userId || (ticket.groupId !== null && actor.groupIds.includes(ticket.groupId));
    case "areas":
      return ticket.areaId !== null && actor.areaIds.includes(ticket.areaId);
    case "assigned":
      return ticket.handlerId === actor.userId;
    case "none":
      return false;
  }
}

/** May colleagues ask the actor for a statement or send them a ticket for information? */
export const canBeAsked = (actor: StaffActor) => allowedActions(actor).includes("request");

/** May the actor open staff queues at all? */
export const canUseQueues = (actor: StaffActor) => policy[actor.role].scope !== "none";

/** Sees every ticket of the organisation, and so every queue (advisors, admins, reporters). */
export const seesAllTickets = (actor: StaffActor) => policy[actor.role].scope === "all";

export const allowedActions = (actor: StaffActor): readonly TicketAction[] => policy[actor.role].actions;

export const seesCustomer = (actor: StaffActor) => policy[actor.role].seesCustomer;

/** May the actor record phone calls and visits as new tickets? Handlers may; read-only roles, partners and internal customers may not. */
export const canRecordContacts = (actor: StaffActor) => allowedActions(actor).includes("forward");

/** Internal customers submit and follow their own internal service requests, and nothing else. */
export const submitsInternalRequests = (actor: StaffActor) => actor.role === "internal_customer";

/** May the actor look up colleagues and groups (to forward)? Partners may not see the staff directory. */
export const canSeeDirectory = (actor: StaffActor) => allowedActions(actor).includes("forward");

/** States the actor may move a ticket to from `state`. */
export function allowedStates(actor: StaffActor, state: TicketState): readonly TicketState[] {
  return allowedActions(actor).includes("changeState") ? stateTransitions[state] : [];
}

/**
 * The tickets the actor's reports count (aggregates only, REQUIREMENTS R2), or null when the role
 * reads no reports. Technical admins, service advisors and reporters see the organisation's
 * figures; a content admin those of their own groups. Experts, viewers (scoped to areas),
 * partners and internal customers read none: a scoped role must not learn organisation-wide
 * figures. Flagged (sensitive) tickets are counted: a count reveals nothing of their content.
 */
export function reportScope(actor: StaffActor): SQL | null {
  const inOrg = eq(tickets.organisationId, actor.organisationId);
  if (["technical_admin", "service_advisor", "reporter"].includes(actor.role)) return inOrg;
  if (actor.role === "content_admin")
    return actor.groupIds.length ? (and(inOrg, inArray(tickets.groupId, actor.groupIds)) as SQL) : (sql`false` as SQL);
  return null;
}
