/**
 * Internal customers (city employees, REQUIREMENTS M10) submit internal service requests and
 * follow their own: they see their requests' answers and state, reply on them, and nothing else
 * (no queues, no other tickets, no customer data, no staff directory).
 */
import type { InternalRequestDetail, InternalRequestSubmission, InternalRequestSummary } from "@yhteys/contracts";
import { and, desc, eq } from "drizzle-orm";
import type { z } from "zod";
import type { Store } from "../../context.ts";
import type { Db } from "../../db/client.ts";
import { categories, ticketMessages, tickets } from "../../db/schema.ts";
import { forbidden, notFound } from "../../http/errors.ts";
import { auditRead } from "../audit/audit.ts";
import type { StaffActor } from "../auth/actor.ts";
import { residentConversation } from "../intake/intake.service.ts";
import { ticketOrganisation } from "../organisations/organisations.ts";
import { recordEvent } from "../tickets/ticket-events.ts";
import { submitsInternalRequests } from "../tickets/tickets.access.ts";
import { iso } from "../tickets/tickets.presenter.ts";

const MAX_LISTED = 200;

function assertInternalCustomer(actor: StaffActor) {
  if (!submitsInternalRequests(actor)) throw forbidden("Only internal customers submit internal requests here");
}

type Row = { t: typeof tickets.$inferSelect; categoryName: typeof categories.$inferSelect.name };
const summary = ({ t, categoryName }: Row): InternalRequestSummary => ({
  id: t.id,
  reference: t.reference,
  state: t.state,
  category: { id: t.categoryId, name: categoryName },
  description: t.description,
  createdAt: iso(t.createdAt),
  updatedAt: iso(t.updatedAt),
});

const ownRequests = (actor: StaffActor) =>
  and(eq(tickets.organisationId, actor.organisationId), eq(tickets.requesterId, actor.userId), eq(tickets.channel, "internal"));

/**
 * Creates the request through the same path as every contact (rules, routing, SLA), on the
 * internal channel; the employee's name and email are its customer details, so replies reach them.
 */
export async function submitInternalRequest(
  store: Store,
  actor: StaffActor,
  input: z.output<typeof InternalRequestSubmission>,
): Promise<InternalRequestDetail> {
  assertInternalCustomer(actor);
  const { ticket, notice } = await store.tickets.create(
    {
      organisation: await ticketOrganisation(store.db, actor.organisationId),
      categoryId: input.categoryId,
      description: input.description,
      channel: "internal",
      language: input.language,
      location: input.location,
      address: input.address,
      extraFields: input.extraFields,
      wantsReply: true,
      contact: { name: actor.name, email: actor.email },
      requesterId: actor.userId,
    },
    actor,
  );
  store.events.publish([notice]);
  return getInternalRequest(store.db, actor, ticket.id);
}

export async function listInternalRequests(db: Db, actor: StaffActor): Promise<{ items: InternalRequestSummary[] }> {
  assertInternalCustomer(actor);
  const rows = await db
    .select({ t: tickets, categoryName: categories.name })
    .from(tickets)
    .innerJoin(categories, eq(categories.id, tickets.categoryId))
    .where(ownRequests(actor))
    .orderBy(desc(tickets.createdAt))
    .limit(MAX_LISTED);
  return { items: rows.map(summary) };
}

async function ownRequest(db: Db, actor: StaffActor, id: string): Promise<Row> {
  assertInternalCustomer(actor);
  const [row] = await db
    .select({ t: tickets, categoryName: categories.name })
    .from(tickets)
    .innerJoin(categories, eq(categories.id, tickets.categoryId))
    .where(and(ownRequests(actor), eq(tickets.id, id)));
  // Someone else's ticket does not exist for them.
  if (!row) throw notFound("The request");
  return row;
}

export async function getInternalRequest(db: Db, actor: StaffActor, id: string): Promise<InternalRequestDetail> {
  const row = await ownRequest(db, actor, id);
  const conversation = await residentConversation(db, row.t);
  await auditRead(db, actor, { action: "ticket.read", subjectType: "ticket", subjectId: id, detail: { as: "requester" } });
  return {
    ...summary(row),
    address: row.t.address,
    messages: conversation.messages.map((m) => ({
      from: m.fromResident ? "me" : "city",
      body: m.body,
      html: m.html,
      createdAt: m.createdAt,
    })),
    timeline: conversation.timeline,
  };
}

/** The requester's message on their request; its handler is notified as for a resident's message. */
export async function addInternalMessage(store: Store, actor: StaffActor, id: string, body: string): Promise<InternalRequestDetail> {
  await ownRequest(store.db, actor, id);
  const notice = await store.db.transaction(async (tx) => {
    const [message] = await tx
      .insert(ticketMessages)
      .values({ organisationId: actor.organisationId, ticketId: id, kind: "resident", authorUserId: actor.userId, body })
      .returning({ id: ticketMessages.id });
    await tx.update(tickets).set({ updatedAt: new Date() }).where(eq(tickets.id, id));
    return recordEvent(tx, {
      organisationId: actor.organisationId,
      ticketId: id,
      type: "ticket.resident_message",
      actor,
      data: { messageId: message?.id ?? null, channel: "internal" },
    });
  });
  store.events.publish([notice]);
  return getInternalRequest(store.db, actor, id);
}
