/**
 * Changes to tickets. Each change runs in one transaction that locks the ticket, checks the
 * actor's rights, applies the change and writes its event.
 */

import { randomUUID } from "node:crypto";
import {
  type Channel,
  type ExtraFieldValues,
  finishedStates,
  type GeoPoint,
  type Language,
  type Priority,
  type TicketState,
  type TicketType,
} from "@yhteys/contracts";
import { and, eq, sql } from "drizzle-orm";
import type { Store } from "../../context.ts";
import { type Queryable, queryRows, type Tx } from "../../db/client.ts";
import { areas, categories, handlerGroups, ticketMessages, tickets, users } from "../../db/schema.ts";
import { AppError, forbidden, notFound } from "../../http/errors.ts";
import { setAuditOrigin } from "../audit/audit.ts";
import { type Actor, actorId, type StaffActor } from "../auth/actor.ts";
import { hashToken, newToken } from "../auth/tokens.ts";
import { areaFor } from "./areas.ts";
import { validateExtraFields } from "./extra-fields.ts";
import { type EventNotice, recordEvent, type TicketEventType } from "./ticket-events.ts";
import { allowedActions, allowedStates, canSeeTicket, type TicketAction } from "./tickets.access.ts";

export type NewTicket = {
  organisation: { id: string; referencePrefix: string };
  categoryId: string;
  type?: TicketType | undefined;
  description: string;
  channel: Channel;
  language: Language;
  location?: GeoPoint | undefined;
  address?: string | undefined;
  extraFields: ExtraFieldValues;
  wantsReply: boolean;
  contact?: { name?: string | undefined; email?: string | undefined; phone?: string | undefined } | undefined;
  /** For imports and demo data; new contacts are created now. */
  createdAt?: Date;
};

type Ticket = typeof tickets.$inferSelect;

/** What creating a ticket gives back; the tracking token exists only here (its hash is stored). */
export type CreatedTicket = {
  ticket: { id: string; reference: string; state: TicketState; createdAt: Date; groupId: string | null };
  trackingToken: string;
  notice: EventNotice;
};

/** The answer to store with an Idempotency-Key, written in the same statement as the ticket. */
export type IdempotencyRecord = { key: string; fingerprint: string };

/**
 * Creates a ticket routed to its category's group (or the unclear queue), with its customer,
 * its `ticket.created` event and, if given, the idempotency record: all in one SQL statement,
 * which is atomic by itself and costs one round trip (this is the hottest write path).
 * The caller publishes `notice` once the statement (or its transaction) has committed.
 */
export async function createTicket(db: Queryable, input: NewTicket, actor: Actor, idempotency?: IdempotencyRecord): Promise<CreatedTicket> {
  const orgId = input.organisation.id;
  const routing = await routingOf(db, orgId);
  const category = routing.categories.get(input.categoryId);
  if (!category) throw new AppError("validation_failed", "Unknown category", [{ path: "categoryId", message: "unknown category" }]);
  if (!category.leaf)
    throw new AppError("validation_failed", "Choose a more specific category", [{ path: "categoryId", message: "not a leaf category" }]);
  const fieldErrors = validateExtraFields(category.extraFields, input.extraFields);
  if (fieldErrors.length) throw new AppError("validation_failed", "Some extra fields are missing or invalid", fieldErrors);

  const id = randomUUID();
  const createdAt = input.createdAt ?? new Date();
  const trackingToken = newToken();
  const groupId = category.defaultGroupId ?? routing.unclearGroupId;
  const contact = input.contact;
  const hasContact = Boolean(contact?.name || contact?.email || contact?.phone);
  const type = input.type ?? category.defaultType;
  const state: TicketState = "new";
  const receipt = { trackingToken, state, createdAt: createdAt.toISOString() };

  const [row] = await queryRows<{ reference: string; event_id: string }>(
    db,
    sql`WITH customer AS (
        INSERT INTO customers (organisation_id, name, email, phone)
        SELECT ${orgId}, ${contact?.name ?? null}, ${contact?.email ?? null}, ${contact?.phone ?? null} WHERE ${hasContact}
        RETURNING id
      ), ticket AS (
        INSERT INTO tickets (id, organisation_id, reference, type, category_id, description, channel, language, lat, lon, address,
          area_id, extra_fields, state, group_id, customer_id, wants_reply, tracking_token_hash, created_at, updated_at)
        VALUES (${id}, ${orgId},
          ${`${input.organisation.referencePrefix}-${createdAt.getUTCFullYear()}-`} || lpad(nextval('ticket_reference_seq')::text, 6, '0'),
          ${type}, ${category.id}, ${input.description}, ${input.channel}, ${input.language},
          ${input.location?.lat ?? null}, ${input.location?.lon ?? null}, ${input.address || null},
          ${areaFor(routing.areas, input.location)?.id ?? null}, ${JSON.stringify(input.extraFields)}::jsonb, ${state}, ${groupId},
          (SELECT id FROM customer), ${input.wantsReply}, ${hashToken(trackingToken)}, ${createdAt}, ${createdAt})
        RETURNING reference
      ), event AS (
        INSERT INTO ticket_events (organisation_id, ticket_id, type, actor_kind, actor_id, data, created_at)
        SELECT ${orgId}, ${id}, 'ticket.created', ${actor.kind}, ${actorId(actor)},
          ${JSON.stringify({ channel: input.channel, categoryId: category.id, groupId })}::jsonb, ${createdAt}
        FROM ticket
        RETURNING id
      ), idempotency AS (
        INSERT INTO idempotency_keys (organisation_id, key, fingerprint, ticket_id, response)
        SELECT ${orgId}, ${idempotency?.key ?? null}, ${idempotency?.fingerprint ?? null}, ${id},
          ${JSON.stringify(receipt)}::jsonb || jsonb_build_object('reference', ticket.reference)
        FROM ticket WHERE ${Boolean(idempotency)}
      )
      SELECT ticket.reference, (SELECT id FROM event)::text AS event_id FROM ticket`,
  );
  if (!row) throw new Error("creating the ticket returned no row");
  return {
    ticket: { id, reference: row.reference, state, createdAt, groupId },
    trackingToken,
    notice: { organisationId: orgId, ticketId: id, eventId: Number(row.event_id), type: "ticket.created" },
  };
}

type Routing = {
  categories: Map<
    string,
    Pick<typeof categories.$inferSelect, "id" | "defaultType" | "defaultGroupId" | "extraFields"> & { leaf: boolean }
  >;
  unclearGroupId: string | null;
  areas: { id: string; boundary: typeof areas.$inferSelect.boundary }[];
};

/**
 * How an organisation routes new contacts: its active categories, unclear queue and areas.
 * Kept for a short while per process, because every submission needs it and it rarely changes;
 * a change made in the admin views reaches new submissions within ROUTING_TTL_MS.
 */
const ROUTING_TTL_MS = 30_000;
const routingCache = new Map<string, { routing: Routing; until: number }>();

async function routingOf(db: Queryable, organisationId: string): Promise<Routing> {
  const hit = routingCache.get(organisationId);
  if (hit && hit.until > Date.now()) return hit.routing;
  const [categoryRows, groups, areaRows] = await Promise.all([
    db
      .select()
      .from(categories)
      .where(and(eq(categories.organisationId, organisationId), eq(categories.active, true))),
    db
      .select({ id: handlerGroups.id })
      .from(handlerGroups)
      .where(and(eq(handlerGroups.organisationId, organisationId), eq(handlerGroups.isUnclearQueue, true)))
      .limit(1),
    db.select({ id: areas.id, boundary: areas.boundary }).from(areas).where(eq(areas.organisationId, organisationId)),
  ]);
  const parents = new Set(categoryRows.map((c) => c.parentId));
  const routing: Routing = {
    categories: new Map(categoryRows.map((c) => [c.id, { ...c, leaf: !parents.has(c.id) }])),
    unclearGroupId: groups[0]?.id ?? null,
    areas: areaRows,
  };
  routingCache.set(organisationId, { routing, until: Date.now() + ROUTING_TTL_MS });
  return routing;
}

/** Locks the ticket, checks the actor may see it and take `action`, runs `change`, stamps updated_at. */
async function changeTicket<T>(
  store: Store,
  actor: StaffActor,
  ticketId: string,
  action: TicketAction,
  change: (tx: Tx, ticket: Ticket, event: (type: TicketEventType, data: Record<string, unknown>) => Promise<void>) => Promise<T>,
): Promise<T> {
  const notices: EventNotice[] = [];
  const result = await store.db.transaction(async (tx) => {
    await setAuditOrigin(tx, actor.origin);
    const [ticket] = await tx
      .select()
      .from(tickets)
      .where(and(eq(tickets.organisationId, actor.organisationId), eq(tickets.id, ticketId)))
      .for("update");
    // A ticket the actor may not see does not exist for them.
    if (!ticket || !canSeeTicket(actor, ticket)) throw notFound("The ticket");
    if (!allowedActions(actor).includes(action)) throw forbidden();
    const event = async (type: TicketEventType, data: Record<string, unknown>) => {
      notices.push(await recordEvent(tx, { organisationId: actor.organisationId, ticketId, type, actor, data }));
    };
    const result = await change(tx, ticket, event);
    await tx.update(tickets).set({ updatedAt: new Date() }).where(eq(tickets.id, ticketId));
    return result;
  });
  store.events.publish(notices);
  return result;
}

type TicketEdit = Partial<{
  description: string;
  type: TicketType;
  priority: Priority;
  language: Language;
  address: string | null;
  location: GeoPoint | null;
  extraFields: ExtraFieldValues;
}>;

export function editTicket(store: Store, actor: StaffActor, ticketId: string, edit: TicketEdit) {
  return changeTicket(store, actor, ticketId, "edit", async (tx, ticket, event) => {
    const { location, ...rest } = edit;
    const values: Partial<Ticket> = { ...rest };
    if (location !== undefined) {
      values.lat = location?.lat ?? null;
      values.lon = location?.lon ?? null;
      const orgAreas = location
        ? await tx.select({ id: areas.id, boundary: areas.boundary }).from(areas).where(eq(areas.organisationId, actor.organisationId))
        : [];
      values.areaId = areaFor(orgAreas, location)?.id ?? null;
    }
    if (edit.extraFields) {
      const [category] = await tx.select().from(categories).where(eq(categories.id, ticket.categoryId));
      const errors = validateExtraFields(category?.extraFields ?? [], edit.extraFields);
      if (errors.length) throw new AppError("validation_failed", "Some extra fields are invalid", errors);
    }
    const changed = Object.keys(values).filter(
      (k) => JSON.stringify(values[k as keyof Ticket]) !== JSON.stringify(ticket[k as keyof Ticket]),
    );
    if (!changed.length) return;
    await tx.update(tickets).set(values).where(eq(tickets.id, ticket.id));
    // Field names only: the history must not copy personal data out of the description.
    await event("ticket.edited", { fields: changed });
  });
}

export function reclassifyTicket(
  store: Store,
  actor: StaffActor,
  ticketId: string,
  input: { categoryId: string; type?: TicketType | undefined },
) {
  return changeTicket(store, actor, ticketId, "reclassify", async (tx, ticket, event) => {
    const [category] = await tx
      .select({ id: categories.id, defaultType: categories.defaultType })
      .from(categories)
      .where(and(eq(categories.organisationId, actor.organisationId), eq(categories.id, input.categoryId), eq(categories.active, true)));
    if (!category) throw new AppError("validation_failed", "Unknown category", [{ path: "categoryId", message: "unknown category" }]);
    const type = input.type ?? ticket.type;
    await tx.update(tickets).set({ categoryId: category.id, type }).where(eq(tickets.id, ticket.id));
    await event("ticket.reclassified", {
      from: { categoryId: ticket.categoryId, type: ticket.type },
      to: { categoryId: category.id, type },
    });
  });
}

/** Moves responsibility to a group and/or a person; a person alone keeps the group only if they belong to it. */
export function forwardTicket(
  store: Store,
  actor: StaffActor,
  ticketId: string,
  input: { groupId?: string | undefined; handlerId?: string | undefined; note?: string | undefined },
) {
  return changeTicket(store, actor, ticketId, "forward", async (tx, ticket, event) => {
    if (input.groupId) {
      const [group] = await tx
        .select({ id: handlerGroups.id })
        .from(handlerGroups)
        .where(and(eq(handlerGroups.organisationId, actor.organisationId), eq(handlerGroups.id, input.groupId)));
      if (!group) throw new AppError("validation_failed", "Unknown group", [{ path: "groupId", message: "unknown group" }]);
    }
    if (input.handlerId) {
      const [user] = await tx
        .select({ id: users.id, role: users.role })
        .from(users)
        .where(and(eq(users.organisationId, actor.organisationId), eq(users.id, input.handlerId), eq(users.active, true)));
      if (!user || ["viewer", "reporter", "internal_customer"].includes(user.role))
        throw new AppError("validation_failed", "Unknown handler", [{ path: "handlerId", message: "not a user who handles tickets" }]);
    }
    const groupId = input.groupId ?? ticket.groupId;
    // Forwarding to a group without naming a person puts the ticket back in that group's queue.
    const handlerId = input.handlerId ?? (input.groupId ? null : ticket.handlerId);
    await tx.update(tickets).set({ groupId, handlerId }).where(eq(tickets.id, ticket.id));
    let noteId: string | null = null;
    if (input.note) {
      const [note] = await tx
        .insert(ticketMessages)
        .values({ organisationId: actor.organisationId, ticketId: ticket.id, kind: "note", authorUserId: actor.userId, body: input.note })
        .returning({ id: ticketMessages.id });
      noteId = note?.id ?? null;
    }
    await event("ticket.forwarded", {
      from: { groupId: ticket.groupId, handlerId: ticket.handlerId },
      to: { groupId, handlerId },
      noteId,
    });
  });
}

/** Time stamps that follow a move into `to`. */
function stateStamps(ticket: Ticket, to: TicketState, now: Date): Partial<Ticket> {
  if (finishedStates.includes(to)) return { state: to, resolvedAt: now };
  return { state: to, resolvedAt: finishedStates.includes(ticket.state) ? null : ticket.resolvedAt };
}

export function replyToResident(
  store: Store,
  actor: StaffActor,
  ticketId: string,
  input: { body: string; state?: TicketState | undefined },
) {
  return changeTicket(store, actor, ticketId, "reply", async (tx, ticket, event) => {
    const now = new Date();
    const [message] = await tx
      .insert(ticketMessages)
      .values({ organisationId: actor.organisationId, ticketId: ticket.id, kind: "reply", authorUserId: actor.userId, body: input.body })
      .returning({ id: ticketMessages.id });
    // Replying takes a new ticket into handling unless the reply also finishes or parks it.
    const to = input.state ?? (ticket.state === "new" ? "in_progress" : ticket.state);
    if (to !== ticket.state && !allowedStates(actor, ticket.state).includes(to))
      throw new AppError("invalid_transition", `A ticket cannot move from ${ticket.state} to ${to}`);
    await tx
      .update(tickets)
      .set({ ...stateStamps(ticket, to, now), firstResponseAt: ticket.firstResponseAt ?? now })
      .where(eq(tickets.id, ticket.id));
    await event("ticket.replied", { messageId: message?.id });
    if (to !== ticket.state) await event("ticket.state_changed", { from: ticket.state, to });
  });
}

export function addNote(store: Store, actor: StaffActor, ticketId: string, input: { body: string }) {
  return changeTicket(store, actor, ticketId, "note", async (tx, ticket, event) => {
    const [message] = await tx
      .insert(ticketMessages)
      .values({ organisationId: actor.organisationId, ticketId: ticket.id, kind: "note", authorUserId: actor.userId, body: input.body })
      .returning({ id: ticketMessages.id });
    await event("ticket.noted", { messageId: message?.id });
  });
}

export function changeState(store: Store, actor: StaffActor, ticketId: string, input: { state: TicketState; reason?: string | undefined }) {
  return changeTicket(store, actor, ticketId, "changeState", async (tx, ticket, event) => {
    if (!allowedStates(actor, ticket.state).includes(input.state))
      throw new AppError("invalid_transition", `A ticket cannot move from ${ticket.state} to ${input.state}`);
    await tx
      .update(tickets)
      .set(stateStamps(ticket, input.state, new Date()))
      .where(eq(tickets.id, ticket.id));
    await event("ticket.state_changed", { from: ticket.state, to: input.state, reason: input.reason ?? null });
  });
}
