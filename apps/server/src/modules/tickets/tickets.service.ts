/**
 * Changes to tickets. Each change runs in one transaction that locks the ticket, checks the
 * actor's rights, applies the change and writes its event.
 */
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
import { type Db, queryRows, type Tx } from "../../db/client.ts";
import { areas, categories, customers, handlerGroups, ticketMessages, tickets, users } from "../../db/schema.ts";
import { AppError, forbidden, notFound } from "../../http/errors.ts";
import type { Actor, StaffActor } from "../auth/actor.ts";
import { hashToken, newToken } from "../auth/tokens.ts";
import { areaFor } from "./areas.ts";
import { validateExtraFields } from "./extra-fields.ts";
import { recordEvent, type TicketEventType } from "./ticket-events.ts";
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

/** Creates a ticket routed to its category's group (or the unclear queue); returns the tracking token once. */
export async function createTicket(tx: Tx, input: NewTicket, actor: Actor): Promise<{ ticket: Ticket; trackingToken: string }> {
  const orgId = input.organisation.id;
  const [category] = await tx
    .select()
    .from(categories)
    .where(and(eq(categories.organisationId, orgId), eq(categories.id, input.categoryId), eq(categories.active, true)));
  if (!category) throw new AppError("validation_failed", "Unknown category", [{ path: "categoryId", message: "unknown category" }]);
  const [child] = await tx.select({ id: categories.id }).from(categories).where(eq(categories.parentId, category.id)).limit(1);
  if (child)
    throw new AppError("validation_failed", "Choose a more specific category", [{ path: "categoryId", message: "not a leaf category" }]);
  const fieldErrors = validateExtraFields(category.extraFields, input.extraFields);
  if (fieldErrors.length) throw new AppError("validation_failed", "Some extra fields are missing or invalid", fieldErrors);

  const groupId = category.defaultGroupId ?? (await unclearQueue(tx, orgId));
  const orgAreas = input.location
    ? await tx.select({ id: areas.id, boundary: areas.boundary }).from(areas).where(eq(areas.organisationId, orgId))
    : [];
  const [seq] = await queryRows<{ n: string }>(tx, sql`SELECT nextval('ticket_reference_seq')::text AS n`);
  const createdAt = input.createdAt ?? new Date();
  const reference = `${input.organisation.referencePrefix}-${createdAt.getUTCFullYear()}-${String(seq?.n).padStart(6, "0")}`;

  const contact = input.contact;
  const [customer] =
    contact && (contact.name || contact.email || contact.phone)
      ? await tx
          .insert(customers)
          .values({ organisationId: orgId, name: contact.name ?? null, email: contact.email ?? null, phone: contact.phone ?? null })
          .returning({ id: customers.id })
      : [];

  const trackingToken = newToken();
  const [ticket] = await tx
    .insert(tickets)
    .values({
      organisationId: orgId,
      reference,
      type: input.type ?? category.defaultType,
      categoryId: category.id,
      description: input.description,
      channel: input.channel,
      language: input.language,
      lat: input.location?.lat ?? null,
      lon: input.location?.lon ?? null,
      address: input.address || null,
      areaId: areaFor(orgAreas, input.location)?.id ?? null,
      extraFields: input.extraFields,
      groupId,
      customerId: customer?.id ?? null,
      wantsReply: input.wantsReply,
      trackingTokenHash: hashToken(trackingToken),
      createdAt,
      updatedAt: createdAt,
    })
    .returning();
  if (!ticket) throw new Error("insert returned no ticket");
  await recordEvent(tx, {
    organisationId: orgId,
    ticketId: ticket.id,
    type: "ticket.created",
    actor,
    data: { channel: ticket.channel, categoryId: ticket.categoryId, groupId },
  });
  return { ticket, trackingToken };
}

async function unclearQueue(tx: Tx, organisationId: string): Promise<string | null> {
  const [group] = await tx
    .select({ id: handlerGroups.id })
    .from(handlerGroups)
    .where(and(eq(handlerGroups.organisationId, organisationId), eq(handlerGroups.isUnclearQueue, true)))
    .limit(1);
  return group?.id ?? null;
}

/** Locks the ticket, checks the actor may see it and take `action`, runs `change`, stamps updated_at. */
async function changeTicket<T>(
  db: Db,
  actor: StaffActor,
  ticketId: string,
  action: TicketAction,
  change: (tx: Tx, ticket: Ticket, event: (type: TicketEventType, data: Record<string, unknown>) => Promise<number>) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    const [ticket] = await tx
      .select()
      .from(tickets)
      .where(and(eq(tickets.organisationId, actor.organisationId), eq(tickets.id, ticketId)))
      .for("update");
    // A ticket the actor may not see does not exist for them.
    if (!ticket || !canSeeTicket(actor, ticket)) throw notFound("The ticket");
    if (!allowedActions(actor).includes(action)) throw forbidden();
    const event = (type: TicketEventType, data: Record<string, unknown>) =>
      recordEvent(tx, { organisationId: actor.organisationId, ticketId, type, actor, data });
    const result = await change(tx, ticket, event);
    await tx.update(tickets).set({ updatedAt: new Date() }).where(eq(tickets.id, ticketId));
    return result;
  });
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

export function editTicket(db: Db, actor: StaffActor, ticketId: string, edit: TicketEdit) {
  return changeTicket(db, actor, ticketId, "edit", async (tx, ticket, event) => {
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
  db: Db,
  actor: StaffActor,
  ticketId: string,
  input: { categoryId: string; type?: TicketType | undefined },
) {
  return changeTicket(db, actor, ticketId, "reclassify", async (tx, ticket, event) => {
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
  db: Db,
  actor: StaffActor,
  ticketId: string,
  input: { groupId?: string | undefined; handlerId?: string | undefined; note?: string | undefined },
) {
  return changeTicket(db, actor, ticketId, "forward", async (tx, ticket, event) => {
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

export function replyToResident(db: Db, actor: StaffActor, ticketId: string, input: { body: string; state?: TicketState | undefined }) {
  return changeTicket(db, actor, ticketId, "reply", async (tx, ticket, event) => {
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

export function addNote(db: Db, actor: StaffActor, ticketId: string, input: { body: string }) {
  return changeTicket(db, actor, ticketId, "note", async (tx, ticket, event) => {
    const [message] = await tx
      .insert(ticketMessages)
      .values({ organisationId: actor.organisationId, ticketId: ticket.id, kind: "note", authorUserId: actor.userId, body: input.body })
      .returning({ id: ticketMessages.id });
    await event("ticket.noted", { messageId: message?.id });
  });
}

export function changeState(db: Db, actor: StaffActor, ticketId: string, input: { state: TicketState; reason?: string | undefined }) {
  return changeTicket(db, actor, ticketId, "changeState", async (tx, ticket, event) => {
    if (!allowedStates(actor, ticket.state).includes(input.state))
      throw new AppError("invalid_transition", `A ticket cannot move from ${ticket.state} to ${input.state}`);
    await tx
      .update(tickets)
      .set(stateStamps(ticket, input.state, new Date()))
      .where(eq(tickets.id, ticket.id));
    await event("ticket.state_changed", { from: ticket.state, to: input.state, reason: input.reason ?? null });
  });
}
