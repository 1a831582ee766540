/**
 * Changes to tickets. Each change runs in one transaction that locks the ticket, checks the
 * actor's rights, applies the change and writes its event. Creating tickets is in ticket-creation.ts,
 * applying rule outcomes in rule-outcomes.ts.
 */
import type { ExtraFieldValues, GeoPoint, Language, Priority, TicketState, TicketType } from "@yhteys/contracts";
import { and, eq } from "drizzle-orm";
import type { Store } from "../../context.ts";
import type { Tx } from "../../db/client.ts";
import { areas, categories, handlerGroups, ticketMessages, tickets, users } from "../../db/schema.ts";
import { AppError, forbidden, notFound } from "../../http/errors.ts";
import { takesTickets } from "../absence/absence.ts";
import { setAuditOrigin } from "../audit/audit.ts";
import type { StaffActor } from "../auth/actor.ts";
import { richText } from "../templates/richtext.ts";
import { signatureFor } from "../templates/templates.ts";
import { retype, wantedType } from "../workflows/ticket-types.ts";
import { type Move, moveEvent, resolveMove } from "../workflows/workflows.ts";
import { areaFor } from "./areas.ts";
import { validateExtraFields } from "./extra-fields.ts";
import { applyUpdatedRules } from "./rule-outcomes.ts";
import { assertMayReceiveSensitive, sensitiveNotAllowed, withdrawPublication } from "./sensitive.ts";
import { type EventNotice, recordEvent, type TicketEventType } from "./ticket-events.ts";
import { restampedDues, stateStamps, statusPeriod } from "./ticket-stamps.ts";
import { allowedActions, allowedStates, canSeeTicket, type TicketAction } from "./tickets.access.ts";

type Ticket = typeof tickets.$inferSelect;

/** Writes an event of the change: on the changed ticket, or on another one it touches (a merge's target). */
export type RecordEvent = (type: TicketEventType, data: Record<string, unknown>, onTicketId?: string) => Promise<void>;

/**
 * Locks the ticket, checks the actor may see it and take `action`, runs `change`, runs the
 * "updated" rules, stamps updated_at, and publishes the events after commit. Every staff change
 * of a ticket, in any module, goes through here.
 */
export async function changeTicket<T>(
  store: Store,
  actor: StaffActor,
  ticketId: string,
  action: TicketAction,
  change: (tx: Tx, ticket: Ticket, event: RecordEvent, publish: (notice: EventNotice) => void) => Promise<T>,
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
    const event: RecordEvent = async (type, data, onTicketId = ticketId) => {
      notices.push(await recordEvent(tx, { organisationId: actor.organisationId, ticketId: onTicketId, type, actor, data }));
    };
    const result = await change(tx, ticket, event, (notice) => notices.push(notice));
    notices.push(...(await applyUpdatedRules(tx, ticket)));
    await tx.update(tickets).set({ updatedAt: new Date() }).where(eq(tickets.id, ticketId));
    return result;
  });
  store.events.publish(notices);
  return result;
}

type TicketEdit = Partial<{
  description: string;
  type: TicketType;
  typeId: string;
  priority: Priority;
  language: Language;
  address: string | null;
  location: GeoPoint | null;
  extraFields: ExtraFieldValues;
  tags: string[];
}>;

export function editTicket(store: Store, actor: StaffActor, ticketId: string, edit: TicketEdit) {
  return changeTicket(store, actor, ticketId, "edit", async (tx, ticket, event) => {
    const { location, type, typeId, ...rest } = edit;
    const values: Partial<Ticket> = { ...rest };
    // Another type has another workflow: the ticket goes to the first status of its phase there.
    const wanted = await wantedType(tx, actor.organisationId, { type, typeId });
    const retyped = wanted && (await retype(tx, ticket, wanted));
    if (retyped) Object.assign(values, retyped.values);
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
    if (changed.includes("priority")) Object.assign(values, await restampedDues(tx, ticket, { priority: values.priority }));
    await tx
      .update(tickets)
      .set({ ...values, ...statusPeriod(ticket, values, new Date()) })
      .where(eq(tickets.id, ticket.id));
    // Field names only: the history must not copy personal data out of the description.
    const fields = changed.filter((f) => f !== "typeId" && f !== "statusId");
    if (retyped && !fields.includes("type")) fields.push("type");
    await event("ticket.edited", { fields, ...(retyped ? { typeId: retyped.values.typeId, ...retyped.event } : {}) });
  });
}

export function reclassifyTicket(
  store: Store,
  actor: StaffActor,
  ticketId: string,
  input: { categoryId: string; type?: TicketType | undefined; typeId?: string | undefined },
) {
  return changeTicket(store, actor, ticketId, "reclassify", async (tx, ticket, event) => {
    const [category] = await tx
      .select({ id: categories.id, defaultType: categories.defaultType })
      .from(categories)
      .where(and(eq(categories.organisationId, actor.organisationId), eq(categories.id, input.categoryId), eq(categories.active, true)));
    if (!category) throw new AppError("validation_failed", "Unknown category", [{ path: "categoryId", message: "unknown category" }]);
    const wanted = await wantedType(tx, actor.organisationId, input);
    const retyped = wanted && (await retype(tx, ticket, wanted));
    await tx
      .update(tickets)
      .set({
        categoryId: category.id,
        ...retyped?.values,
        ...(retyped ? statusPeriod(ticket, retyped.values, new Date()) : {}),
        ...(await restampedDues(tx, ticket, { categoryId: category.id })),
      })
      .where(eq(tickets.id, ticket.id));
    const type = retyped?.values ?? ticket;
    await event("ticket.reclassified", {
      from: { categoryId: ticket.categoryId, type: ticket.type, typeId: ticket.typeId },
      to: { categoryId: category.id, type: type.type, typeId: type.typeId },
      ...retyped?.event,
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
      if (!user || !takesTickets(user.role))
        throw new AppError("validation_failed", "Unknown handler", [{ path: "handlerId", message: "not a user who handles tickets" }]);
    }
    if (ticket.sensitive)
      await assertMayReceiveSensitive(
        tx,
        actor.organisationId,
        { groupId: input.groupId, userId: input.handlerId },
        { group: "groupId", user: "handlerId" },
      );
    const groupId = input.groupId ?? ticket.groupId;
    // Forwarding to a group without naming a person puts the ticket back in that group's queue.
    const handlerId = input.handlerId ?? (input.groupId ? null : ticket.handlerId);
    const dues = groupId === ticket.groupId ? {} : await restampedDues(tx, ticket, { groupId });
    await tx
      .update(tickets)
      .set({ groupId, handlerId, ...dues })
      .where(eq(tickets.id, ticket.id));
    const noteId = await storeNote(tx, actor, ticket.id, input.note);
    await event("ticket.forwarded", {
      from: { groupId: ticket.groupId, handlerId: ticket.handlerId },
      to: { groupId, handlerId },
      noteId,
    });
  });
}

/** Stores the staff note that goes with a change (a forward, a callback made), if there is one; its id. */
export async function storeNote(tx: Tx, actor: StaffActor, ticketId: string, body: string | undefined): Promise<string | null> {
  if (!body) return null;
  const [note] = await tx
    .insert(ticketMessages)
    .values({ organisationId: actor.organisationId, ticketId, kind: "note", authorUserId: actor.userId, body })
    .returning({ id: ticketMessages.id });
  return note?.id ?? null;
}

/**
 * Flags or unflags a ticket. Flagging needs the ticket to be in a group with sensitive access
 * (forward it there first); whoever flags it without that access loses sight of it at once.
 */
export function setSensitive(store: Store, actor: StaffActor, ticketId: string, input: { sensitive: boolean; reason: string }) {
  return changeTicket(store, actor, ticketId, "edit", async (tx, ticket, event) => {
    if (ticket.sensitive === input.sensitive) return;
    if (input.sensitive) {
      if (!ticket.groupId)
        throw new AppError("validation_failed", "Forward the ticket to a group first", [
          { path: "sensitive", message: sensitiveNotAllowed },
        ]);
      await assertMayReceiveSensitive(tx, actor.organisationId, { groupId: ticket.groupId }, { group: "sensitive", user: "sensitive" });
    }
    await tx.update(tickets).set({ sensitive: input.sensitive }).where(eq(tickets.id, ticket.id));
    await event("ticket.sensitivity_changed", { sensitive: input.sensitive, reason: input.reason });
    if (input.sensitive && (await withdrawPublication(tx, ticket.id))) await event("ticket.unpublished", { reason: "sensitive" });
  });
}

/**
 * The reply as stored: rich text sanitised with its plain text derived (or plain text alone), and
 * the group's signature under it, once (a reply pasted with the signature keeps one).
 */
function replyContent(input: { body?: string | undefined; html?: string | undefined }, signature: { text: string; html: string } | null) {
  const reply = input.html !== undefined ? richText(input.html) : { text: input.body ?? "", html: null };
  if (!reply.text)
    throw new AppError("validation_failed", "The reply has no text", [
      { path: "body.html", message: "no text after removing what is not allowed" },
    ]);
  if (!signature || reply.text.trimEnd().endsWith(signature.text.trim())) return { body: reply.text, bodyHtml: reply.html };
  return { body: `${reply.text}\n\n${signature.text}`, bodyHtml: reply.html === null ? null : `${reply.html}\n${signature.html}` };
}

export function replyToResident(
  store: Store,
  actor: StaffActor,
  ticketId: string,
  input: { body?: string | undefined; html?: string | undefined; state?: TicketState | undefined },
) {
  return changeTicket(store, actor, ticketId, "reply", async (tx, ticket, event) => {
    const now = new Date();
    const [message] = await tx
      .insert(ticketMessages)
      .values({
        organisationId: actor.organisationId,
        ticketId: ticket.id,
        kind: "reply",
        authorUserId: actor.userId,
        ...replyContent(input, await signatureFor(tx, actor, ticket.id)),
      })
      .returning({ id: ticketMessages.id });
    // Replying takes a new ticket into handling unless the reply also finishes or parks it.
    // A state asked for goes through the type's workflow; taking a new ticket into handling is the phase's own move.
    const move: Move =
      input.state && input.state !== ticket.state
        ? await resolveMove(tx, actor, ticket, { state: input.state })
        : { state: ticket.state === "new" ? "in_progress" : ticket.state, statusId: null };
    const to = move.state;
    if (to !== ticket.state && !allowedStates(actor, ticket.state).includes(to))
      throw new AppError("invalid_transition", `A ticket cannot move from ${ticket.state} to ${to}`);
    await tx
      .update(tickets)
      .set({
        ...(await stateStamps(tx, ticket, to, now, move.to ? move.statusId : undefined)),
        firstResponseAt: ticket.firstResponseAt ?? now,
      })
      .where(eq(tickets.id, ticket.id));
    await event("ticket.replied", { messageId: message?.id });
    if (to !== ticket.state) await event("ticket.state_changed", moveEvent(ticket.state, move, null));
  });
}

/** Moves a ticket to a state or to a status of its type's workflow (checked by `resolveMove`). */
export function changeState(
  store: Store,
  actor: StaffActor,
  ticketId: string,
  input: { state?: TicketState | undefined; statusId?: string | undefined; reason?: string | undefined },
) {
  return changeTicket(store, actor, ticketId, "changeState", async (tx, ticket, event) => {
    const move = await resolveMove(tx, actor, ticket, input);
    await tx
      .update(tickets)
      .set(await stateStamps(tx, ticket, move.state, new Date(), move.statusId))
      .where(eq(tickets.id, ticket.id));
    await event("ticket.state_changed", moveEvent(ticket.state, move, input.reason ?? null));
  });
}
