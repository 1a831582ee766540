/**
 * Comment requests and information sent to colleagues (REQUIREMENTS M3). A handler asks a
 * person or a group for a statement by a date, or lets them know; the recipients may then read
 * the ticket (without the resident's contact details), find it in their "requests" queue and,
 * for a comment request, answer once. Each step is an event in the ticket's history.
 */
import type { NewTicketRequest, TicketRequest } from "@yhteys/contracts";
import { and, asc, eq, exists, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { z } from "zod";
import type { Store } from "../../context.ts";
import type { Db, Queryable } from "../../db/client.ts";
import { handlerGroups, ticketRequests, tickets, users } from "../../db/schema.ts";
import { AppError, forbidden, notFound } from "../../http/errors.ts";
import { setAuditOrigin } from "../audit/audit.ts";
import type { StaffActor } from "../auth/actor.ts";
import { loadActors } from "../auth/sessions.ts";
import { assertMayReceiveSensitive } from "../tickets/sensitive.ts";
import { recordEvent } from "../tickets/ticket-events.ts";
import { canBeAsked, canSeeTicket, mayOpenSensitive, type TicketAccessFields } from "../tickets/tickets.access.ts";
import { changeTicket } from "../tickets/tickets.service.ts";

/** Roles that handle tickets can be asked; partners, viewers and reporters cannot. */
const askableRoles = ["technical_admin", "service_advisor", "content_admin", "expert"] as const;

/** Requests addressed to the actor: to them, or to a group they belong to. */
const addressedTo = (actor: StaffActor): SQL =>
  or(
    eq(ticketRequests.toUserId, actor.userId),
    actor.groupIds.length ? inArray(ticketRequests.toGroupId, actor.groupIds) : sql`false`,
  ) as SQL;

/** Still waiting for the recipient: an unanswered comment request, or information not yet opened. */
const waiting = isNull(ticketRequests.answeredAt);

/** SQL: tickets with a request to the actor that waits for them (the "requests" queue). */
export const waitingRequestTo = (actor: StaffActor): SQL =>
  exists(sql`(SELECT 1 FROM ${ticketRequests} WHERE ${ticketRequests.ticketId} = ${tickets.id} AND ${addressedTo(actor)} AND ${waiting})`);

/**
 * Whether the actor may read the ticket: in their role's scope, or asked about it by a colleague
 * (then read-only, without the customer).
 */
export async function mayReadTicket(db: Queryable, actor: StaffActor, ticket: TicketAccessFields & { id: string }): Promise<boolean> {
  if (!mayOpenSensitive(actor, ticket)) return false;
  return canSeeTicket(actor, ticket) || (canBeAsked(actor) && (await hasRequestTo(db, actor, ticket.id)));
}

/**
 * Of some users (all of the organisation's when omitted), those who may read the ticket, as
 * `mayReadTicket` decides for one: three queries however many users.
 */
export async function readersOf(
  db: Queryable,
  organisationId: string,
  ticket: TicketAccessFields & { id: string },
  userIds?: string[],
): Promise<StaffActor[]> {
  const [actors, requests] = await Promise.all([
    loadActors(db, organisationId, userIds),
    db
      .select()
      .from(ticketRequests)
      .where(and(eq(ticketRequests.organisationId, organisationId), eq(ticketRequests.ticketId, ticket.id))),
  ]);
  return actors.filter(
    (a) => mayOpenSensitive(a, ticket) && (canSeeTicket(a, ticket) || (canBeAsked(a) && requests.some((r) => isRecipient(a, r)))),
  );
}

/** Whether any request (waiting or done) gives the actor read access to the ticket. */
async function hasRequestTo(db: Queryable, actor: StaffActor, ticketId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: ticketRequests.id })
    .from(ticketRequests)
    .where(and(eq(ticketRequests.organisationId, actor.organisationId), eq(ticketRequests.ticketId, ticketId), addressedTo(actor)))
    .limit(1);
  return Boolean(row);
}

type Request = typeof ticketRequests.$inferSelect;
const isRecipient = (actor: StaffActor, r: Request) =>
  r.toUserId === actor.userId || (r.toGroupId !== null && actor.groupIds.includes(r.toGroupId));
const mayAnswer = (actor: StaffActor, r: Request) => r.kind === "comment" && r.answeredAt === null && isRecipient(actor, r);

/** The ticket's requests for its detail view; opening the ticket marks information sent to the actor as seen. */
export async function requestsOf(db: Db, actor: StaffActor, ticketId: string): Promise<TicketRequest[]> {
  const requester = alias(users, "requester");
  const answerer = alias(users, "answerer");
  const recipient = alias(users, "recipient");
  const rows = await db
    .select({ r: ticketRequests, requester: requester.name, answerer: answerer.name, user: recipient.name, group: handlerGroups.name })
    .from(ticketRequests)
    .leftJoin(requester, eq(requester.id, ticketRequests.requestedByUserId))
    .leftJoin(answerer, eq(answerer.id, ticketRequests.answeredByUserId))
    .leftJoin(recipient, eq(recipient.id, ticketRequests.toUserId))
    .leftJoin(handlerGroups, eq(handlerGroups.id, ticketRequests.toGroupId))
    .where(and(eq(ticketRequests.organisationId, actor.organisationId), eq(ticketRequests.ticketId, ticketId)))
    .orderBy(asc(ticketRequests.createdAt));
  // Written only when there is something to mark: most reads of a ticket are not its recipients'.
  const seen = rows.filter(({ r }) => r.kind === "information" && r.answeredAt === null && isRecipient(actor, r)).map(({ r }) => r.id);
  if (seen.length) await db.update(ticketRequests).set({ answeredAt: new Date() }).where(inArray(ticketRequests.id, seen));
  return rows.map(({ r, requester, answerer, user, group }) => ({
    id: r.id,
    kind: r.kind,
    requestedBy: requester,
    to: r.toUserId
      ? { kind: "user", id: r.toUserId, name: user ?? "" }
      : { kind: "group", id: r.toGroupId as string, name: group ?? { fi: "" } },
    message: r.message,
    dueOn: r.dueOn,
    answer: r.answer,
    answeredBy: answerer,
    answeredAt: r.answeredAt && r.kind === "comment" ? r.answeredAt.toISOString() : null,
    createdAt: r.createdAt.toISOString(),
    mayAnswer: mayAnswer(actor, r),
  }));
}

/** Asks a colleague or a group for a statement, or sends them the ticket for information. */
export function createRequest(store: Store, actor: StaffActor, ticketId: string, input: z.output<typeof NewTicketRequest>) {
  return changeTicket(store, actor, ticketId, "request", async (tx, ticket, event) => {
    if (input.toUserId) {
      const [user] = await tx
        .select({ id: users.id })
        .from(users)
        .where(
          and(
            eq(users.organisationId, actor.organisationId),
            eq(users.id, input.toUserId),
            eq(users.active, true),
            inArray(users.role, [...askableRoles]),
          ),
        );
      if (!user)
        throw new AppError("validation_failed", "Unknown colleague", [
          { path: "toUserId", message: "not a colleague who handles tickets" },
        ]);
    }
    if (input.toGroupId) {
      const [group] = await tx
        .select({ id: handlerGroups.id })
        .from(handlerGroups)
        .where(and(eq(handlerGroups.organisationId, actor.organisationId), eq(handlerGroups.id, input.toGroupId)));
      if (!group) throw new AppError("validation_failed", "Unknown group", [{ path: "toGroupId", message: "unknown group" }]);
    }
    if (ticket.sensitive)
      await assertMayReceiveSensitive(
        tx,
        actor.organisationId,
        { groupId: input.toGroupId, userId: input.toUserId },
        { group: "toGroupId", user: "toUserId" },
      );
    const [row] = await tx
      .insert(ticketRequests)
      .values({
        organisationId: actor.organisationId,
        ticketId: ticket.id,
        kind: input.kind,
        requestedByUserId: actor.userId,
        toUserId: input.toUserId ?? null,
        toGroupId: input.toGroupId ?? null,
        message: input.message,
        dueOn: input.kind === "comment" ? (input.dueOn ?? null) : null,
      })
      .returning({ id: ticketRequests.id });
    // Who was asked and by when; the message itself stays in the request (it may quote the resident).
    await event(input.kind === "comment" ? "ticket.comment_requested" : "ticket.sent_for_information", {
      requestId: row?.id,
      toUserId: input.toUserId ?? null,
      toGroupId: input.toGroupId ?? null,
      dueOn: input.kind === "comment" ? input.dueOn : null,
    });
  });
}

/** Answers a comment request to the actor or their group; once, by one of its recipients. */
export async function answerRequest(store: Store, actor: StaffActor, ticketId: string, requestId: string, answer: string) {
  const notice = await store.db.transaction(async (tx) => {
    await setAuditOrigin(tx, actor.origin);
    const [ticket] = await tx
      .select({ id: tickets.id })
      .from(tickets)
      .where(and(eq(tickets.organisationId, actor.organisationId), eq(tickets.id, ticketId)))
      .for("update");
    const [request] = ticket
      ? await tx
          .select()
          .from(ticketRequests)
          .where(and(eq(ticketRequests.id, requestId), eq(ticketRequests.ticketId, ticketId)))
      : [];
    if (!request) throw notFound("The request");
    if (!isRecipient(actor, request)) throw forbidden("Only the colleagues asked may answer this request");
    if (request.kind !== "comment") throw new AppError("conflict", "Information sent to you needs no answer");
    if (request.answeredAt) throw new AppError("conflict", "This request has been answered already");
    await tx
      .update(ticketRequests)
      .set({ answer, answeredByUserId: actor.userId, answeredAt: new Date() })
      .where(eq(ticketRequests.id, requestId));
    await tx.update(tickets).set({ updatedAt: new Date() }).where(eq(tickets.id, ticketId));
    return recordEvent(tx, {
      organisationId: actor.organisationId,
      ticketId,
      type: "ticket.comment_answered",
      actor,
      data: { requestId },
    });
  });
  store.events.publish([notice]);
}
