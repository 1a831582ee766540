/**
 * Handling across tickets (REQUIREMENTS M3): link related tickets, merge a duplicate into the
 * ticket that carries on, split a multi-topic contact into tickets routed on their own, and change
 * many tickets at once. Each change goes through `changeTicket` (lock, rights, events in the same
 * transaction); a change that touches a second ticket writes an event on that one too.
 */
import type { BulkRequest, BulkResult, SplitRequest } from "@yhteys/contracts";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Store } from "../../context.ts";
import { queryRows, type Tx } from "../../db/client.ts";
import { customers, handlerGroups, organisations, ticketFollowers, ticketLinks, tickets } from "../../db/schema.ts";
import { AppError, notFound } from "../../http/errors.ts";
import type { StaffActor } from "../auth/actor.ts";
import { digest } from "../nearby/followers.service.ts";
import { createTicket } from "../tickets/ticket-creation.ts";
import { restampedDues, stateStamps } from "../tickets/ticket-stamps.ts";
import { canSeeTicket, visibleTickets } from "../tickets/tickets.access.ts";
import { changeState, changeTicket, editTicket, forwardTicket } from "../tickets/tickets.service.ts";

/** A pair of tickets as stored in `ticket_links`: the smaller id first. */
const pair = (a: string, b: string) => (a < b ? { ticketId: a, otherTicketId: b } : { ticketId: b, otherTicketId: a });

/** The other ticket of a link or merge, by reference, locked; one the actor may not see does not exist for them. */
async function otherTicket(tx: Tx, actor: StaffActor, reference: string) {
  const [other] = await tx
    .select()
    .from(tickets)
    .where(and(eq(tickets.organisationId, actor.organisationId), eq(tickets.reference, reference)))
    .for("update");
  if (!other || !canSeeTicket(actor, other))
    throw new AppError("not_found", `No ticket ${reference} that you may see`, [{ path: "reference", message: "unknown ticket" }]);
  return other;
}

const notItself = () =>
  new AppError("validation_failed", "A ticket cannot be linked or merged with itself", [{ path: "reference", message: "the same ticket" }]);

export function linkTicket(store: Store, actor: StaffActor, ticketId: string, reference: string) {
  return changeTicket(store, actor, ticketId, "link", async (tx, ticket, event) => {
    const other = await otherTicket(tx, actor, reference);
    if (other.id === ticket.id) throw notItself();
    const added = await tx
      .insert(ticketLinks)
      .values({ organisationId: actor.organisationId, ...pair(ticket.id, other.id), createdByUserId: actor.userId })
      .onConflictDoNothing()
      .returning({ id: ticketLinks.id });
    // Linking twice changes nothing.
    if (!added.length) return;
    await event("ticket.linked", { ticketId: other.id, reference: other.reference });
    await event("ticket.linked", { ticketId: ticket.id, reference: ticket.reference }, other.id);
  });
}

export function unlinkTicket(store: Store, actor: StaffActor, ticketId: string, otherId: string) {
  return changeTicket(store, actor, ticketId, "link", async (tx, ticket, event) => {
    const [removed] = await tx
      .delete(ticketLinks)
      .where(
        and(
          eq(ticketLinks.organisationId, actor.organisationId),
          eq(ticketLinks.ticketId, pair(ticket.id, otherId).ticketId),
          eq(ticketLinks.otherTicketId, pair(ticket.id, otherId).otherTicketId),
        ),
      )
      .returning({ id: ticketLinks.id });
    if (!removed) throw notFound("The link");
    const [other] = await tx.select({ reference: tickets.reference }).from(tickets).where(eq(tickets.id, otherId));
    await event("ticket.unlinked", { ticketId: otherId, reference: other?.reference ?? null });
    await event("ticket.unlinked", { ticketId: ticket.id, reference: ticket.reference }, otherId);
  });
}

/**
 * Merges the duplicate `ticketId` into the ticket `reference`, which carries on. The duplicate is
 * closed with the reason "merged into …" and points to the target; its resident and its followers
 * become followers of the target, so they hear of its progress; its messages are shown on the
 * target. Duplicates merged earlier into this one move to the target too, so there are never chains.
 */
export function mergeTicket(store: Store, actor: StaffActor, ticketId: string, reference: string) {
  return changeTicket(store, actor, ticketId, "merge", async (tx, duplicate, event) => {
    if (duplicate.mergedIntoId) throw new AppError("conflict", `${duplicate.reference} has already been merged`);
    const target = await otherTicket(tx, actor, reference);
    if (target.id === duplicate.id) throw notItself();
    if (target.mergedIntoId)
      throw new AppError("conflict", `${target.reference} has itself been merged; merge into the ticket it was merged into`, [
        { path: "reference", message: "merged ticket" },
      ]);
    // The duplicate's messages show on the target: special categories of personal data must stay behind the flag.
    if (duplicate.sensitive && !target.sensitive)
      throw new AppError("validation_failed", `Flag ${target.reference} as holding special categories of personal data first`, [
        { path: "reference", message: "the target is not flagged" },
      ]);
    const now = new Date();

    const earlier = await tx
      .update(tickets)
      .set({ mergedIntoId: target.id })
      .where(and(eq(tickets.organisationId, actor.organisationId), eq(tickets.mergedIntoId, duplicate.id)))
      .returning({ id: tickets.id, reference: tickets.reference });
    const followersAdded = await moveFollowers(tx, duplicate, target);

    const closes = duplicate.state !== "closed_unnecessary";
    await tx
      .update(tickets)
      .set({ mergedIntoId: target.id, ...(closes ? await stateStamps(tx, duplicate, "closed_unnecessary", now) : {}) })
      .where(eq(tickets.id, duplicate.id));
    await tx.update(tickets).set({ updatedAt: now }).where(eq(tickets.id, target.id));

    await event("ticket.merged", { intoTicketId: target.id, intoReference: target.reference, followersAdded });
    if (closes)
      await event("ticket.state_changed", { from: duplicate.state, to: "closed_unnecessary", reason: `merged into ${target.reference}` });
    await event(
      "ticket.merged_from",
      { ticketId: duplicate.id, reference: duplicate.reference, followersAdded, alsoMoved: earlier.map((e) => e.reference) },
      target.id,
    );
  });
}

type MergeSide = { id: string; organisationId: string; customerId: string | null };

/**
 * Makes the duplicate's resident and followers followers of the target (one per email; those
 * without an email count each). The target's own resident is not made a follower of their own
 * ticket. Returns how many followers the target gained.
 */
async function moveFollowers(tx: Tx, duplicate: MergeSide, target: MergeSide): Promise<number> {
  const emails = await tx
    .select({ id: customers.id, email: customers.email })
    .from(customers)
    .where(
      inArray(
        customers.id,
        [duplicate.customerId, target.customerId].filter((id): id is string => id !== null),
      ),
    );
  const emailOf = (id: string | null) => emails.find((c) => c.id === id)?.email ?? null;
  const targetDigest = emailOf(target.customerId) ? digest(emailOf(target.customerId) as string) : null;
  let added = 0;
  if (duplicate.customerId) {
    const email = emailOf(duplicate.customerId);
    const emailDigest = email ? digest(email) : null;
    if (!emailDigest || emailDigest !== targetDigest) {
      const rows = await tx
        .insert(ticketFollowers)
        .values({ organisationId: duplicate.organisationId, ticketId: target.id, customerId: duplicate.customerId, emailDigest })
        .onConflictDoNothing()
        .returning({ id: ticketFollowers.id });
      added += rows.length;
    }
  }
  const copied = await queryRows<{ id: string }>(
    tx,
    sql`
    INSERT INTO ${ticketFollowers} (organisation_id, ticket_id, customer_id, email_digest)
    SELECT organisation_id, ${target.id}, customer_id, email_digest FROM ${ticketFollowers}
    WHERE ticket_id = ${duplicate.id} AND email_digest IS DISTINCT FROM ${targetDigest}
    ON CONFLICT DO NOTHING RETURNING id`,
  );
  return added + copied.length;
}

/**
 * Splits a multi-topic contact: each part becomes a new ticket created through the usual path
 * (category routing and the "created" rules), or put in the group chosen for it, with the
 * resident's contact details, channel, language, place and answer about publishing of the source,
 * and linked to it.
 */
export function splitTicket(store: Store, actor: StaffActor, ticketId: string, input: SplitRequest) {
  return changeTicket(store, actor, ticketId, "split", async (tx, source, event, publish) => {
    const [org] = await tx
      .select({ id: organisations.id, referencePrefix: organisations.referencePrefix })
      .from(organisations)
      .where(eq(organisations.id, actor.organisationId));
    if (!org) throw notFound("The organisation");
    const [customer] = source.customerId ? await tx.select().from(customers).where(eq(customers.id, source.customerId)) : [];
    const groupIds = [...new Set(input.parts.flatMap((p) => (p.groupId ? [p.groupId] : [])))];
    const groups = groupIds.length
      ? await tx
          .select({ id: handlerGroups.id })
          .from(handlerGroups)
          .where(and(eq(handlerGroups.organisationId, actor.organisationId), inArray(handlerGroups.id, groupIds)))
      : [];
    const created: { id: string; reference: string }[] = [];
    for (const [i, part] of input.parts.entries()) {
      if (part.groupId && !groups.some((g) => g.id === part.groupId))
        throw new AppError("validation_failed", "Unknown group", [{ path: `parts.${i}.groupId`, message: "unknown group" }]);
      const made = await createTicket(
        tx,
        {
          organisation: org,
          categoryId: part.categoryId,
          description: part.description,
          channel: source.channel,
          language: source.language,
          location: source.lat !== null && source.lon !== null ? { lat: source.lat, lon: source.lon } : undefined,
          address: source.address ?? undefined,
          extraFields: {},
          wantsReply: source.wantsReply,
          // The resident's "no" to publishing covers every part of what they wrote.
          publishConsent: source.publishConsent,
          contact: customer
            ? { name: customer.name ?? undefined, email: customer.email ?? undefined, phone: customer.phone ?? undefined }
            : undefined,
        },
        actor,
      ).catch((e: unknown) => {
        // Point the caller at the part whose category (or required extra fields) failed.
        if (e instanceof AppError && e.errors)
          throw new AppError(
            e.code,
            e.message,
            e.errors.map((f) => ({ ...f, path: `parts.${i}.${f.path}` })),
          );
        throw e;
      });
      publish(made.notice);
      const { ticket } = made;
      // Parts of a flagged contact hold the same special categories of personal data.
      if (source.sensitive) await tx.update(tickets).set({ sensitive: true }).where(eq(tickets.id, ticket.id));
      const [row] = await tx.select().from(tickets).where(eq(tickets.id, ticket.id));
      if (row && part.groupId && part.groupId !== row.groupId) {
        await tx
          .update(tickets)
          .set({ groupId: part.groupId, handlerId: null, ...(await restampedDues(tx, row, { groupId: part.groupId })) })
          .where(eq(tickets.id, row.id));
        await event(
          "ticket.forwarded",
          { from: { groupId: row.groupId, handlerId: row.handlerId }, to: { groupId: part.groupId, handlerId: null }, noteId: null },
          row.id,
        );
      }
      await tx
        .insert(ticketLinks)
        .values({ organisationId: actor.organisationId, ...pair(source.id, ticket.id), createdByUserId: actor.userId });
      await event("ticket.split_from", { ticketId: source.id, reference: source.reference }, ticket.id);
      created.push({ id: ticket.id, reference: (await referenceOf(tx, ticket.id)) ?? "" });
    }
    await event("ticket.split", { tickets: created });
  });
}

async function referenceOf(tx: Tx, id: string) {
  const [row] = await tx.select({ reference: tickets.reference }).from(tickets).where(eq(tickets.id, id));
  return row?.reference ?? null;
}

/**
 * One change to many tickets, each through the same service as a single change (its own
 * transaction, rights and events): a refusal concerns that ticket only and is reported with why.
 */
export async function bulkChange(store: Store, actor: StaffActor, input: BulkRequest): Promise<BulkResult> {
  const ids = [...new Set(input.ticketIds)];
  // References only of tickets the actor may see: a refusal must not reveal others.
  const visible = await store.db
    .select({ id: tickets.id, reference: tickets.reference })
    .from(tickets)
    .where(and(visibleTickets(actor), inArray(tickets.id, ids)));
  const referenceById = new Map(visible.map((v) => [v.id, v.reference]));
  const result: BulkResult = { changed: [], refused: [] };
  const { change } = input;
  for (const id of ids) {
    try {
      if (change.action === "assign")
        await forwardTicket(store, actor, id, {
          ...(change.groupId ? { groupId: change.groupId } : {}),
          ...(change.handlerId ? { handlerId: change.handlerId } : {}),
        });
      else if (change.action === "state") await changeState(store, actor, id, { state: change.state, reason: change.reason });
      else await editTicket(store, actor, id, { priority: change.priority });
      result.changed.push({ id, reference: referenceById.get(id) ?? "" });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      result.refused.push({ id, reference: referenceById.get(id) ?? null, code: e.code, detail: e.message });
    }
  }
  return result;
}
