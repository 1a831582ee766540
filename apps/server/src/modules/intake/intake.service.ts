/**
 * Contacts from residents through the public API. A submission that was answered is committed;
 * with an Idempotency-Key, a retry returns the first answer instead of creating a second ticket.
 */
import { createHash } from "node:crypto";
import type { ContactReceipt, ContactSubmission, TicketState, TrackedContact } from "@yhteys/contracts";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import type { Store } from "../../context.ts";
import type { Db, Queryable } from "../../db/client.ts";
import { categories, idempotencyKeys, publications, ticketEvents, ticketMessages, tickets } from "../../db/schema.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { toPublicAttachment } from "../attachments/attachments.presenter.ts";
import { listAttachments } from "../attachments/attachments.queries.ts";
import type { Actor } from "../auth/actor.ts";
import { hashToken } from "../auth/tokens.ts";
import type { Organisation } from "../organisations/organisations.ts";
import type { IdempotencyRecord, NewTicket } from "../tickets/ticket-creation.ts";
import { iso } from "../tickets/tickets.presenter.ts";
import { typeNameOf } from "../workflows/ticket-types.ts";
import { publicStatusName } from "../workflows/workflows.ts";

type Submission = z.output<typeof ContactSubmission>;

const fingerprint = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("base64url");
export const isUniqueViolation = (e: unknown): boolean =>
  (e as { code?: string })?.code === "23505" || (e instanceof Error && e.cause !== undefined && isUniqueViolation(e.cause));

export const idempotencyOf = (key: string | undefined, sent: unknown): IdempotencyRecord | undefined =>
  key ? { key, fingerprint: fingerprint(sent) } : undefined;

/**
 * Runs `write` once per Idempotency-Key of the organisation: `write` stores its answer in
 * `idempotency_keys` in the same commit, and a retry (or the loser of two concurrent requests)
 * gets that answer back. A key used for something else is refused (422). Without a key, `write` runs.
 */
export async function answerOnce<T>(
  db: Queryable,
  organisationId: string,
  idempotency: IdempotencyRecord | undefined,
  write: () => Promise<T>,
): Promise<{ answer: T; replayed: boolean }> {
  const earlier = async () => {
    if (!idempotency) return null;
    const [row] = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.organisationId, organisationId), eq(idempotencyKeys.key, idempotency.key)));
    if (!row) return null;
    if (row.fingerprint !== idempotency.fingerprint)
      throw new AppError("unprocessable", "This Idempotency-Key was already used for a different submission");
    return { answer: row.response as T, replayed: true };
  };
  const replay = await earlier();
  if (replay) return replay;
  try {
    return { answer: await write(), replayed: false };
  } catch (e) {
    // Two concurrent requests with one key: the loser answers with the winner's answer.
    if (idempotency && isUniqueViolation(e)) {
      const winner = await earlier();
      if (winner) return winner;
    }
    throw e;
  }
}

/** Creates the ticket for a submission, or returns the stored answer for a repeated Idempotency-Key. */
export async function submitContact(
  store: Store,
  org: Organisation,
  submission: Submission,
  options: { channel: NewTicket["channel"]; actor: Actor; idempotencyKey?: string | undefined },
): Promise<{ receipt: ContactReceipt; replayed: boolean }> {
  const idempotency = idempotencyOf(options.idempotencyKey, submission);
  const { answer, replayed } = await answerOnce(store.db, org.id, idempotency, async (): Promise<ContactReceipt> => {
    const { ticket, trackingToken, notice } = await store.tickets.create(
      {
        organisation: org,
        categoryId: submission.categoryId,
        type: submission.type,
        typeId: submission.typeId,
        description: submission.description,
        channel: options.channel,
        language: submission.language,
        location: submission.location,
        address: submission.address,
        extraFields: submission.extraFields,
        wantsReply: submission.wantsReply,
        publishConsent: submission.publishConsent,
        contact: submission.contact,
      },
      options.actor,
      idempotency,
    );
    store.events.publish([notice]);
    return { reference: ticket.reference, trackingToken, state: ticket.state, createdAt: iso(ticket.createdAt) };
  });
  return { receipt: answer, replayed };
}

/** The resident's view of their contact, found by the tracking token alone. */
export async function trackContact(db: Db, org: Organisation, token: string): Promise<TrackedContact> {
  const [row] = await db
    .select({ t: tickets, categoryName: categories.name })
    .from(tickets)
    .innerJoin(categories, eq(categories.id, tickets.categoryId))
    .where(and(eq(tickets.organisationId, org.id), eq(tickets.trackingTokenHash, hashToken(token))));
  if (!row) throw notFound("The contact");
  const t = row.t;
  const [conversation, files, mergedInto, statusName, typeName] = await Promise.all([
    residentConversation(db, t),
    listAttachments(db, org.id, t.id, "resident"),
    t.mergedIntoId ? mergeTarget(db, org.id, t.mergedIntoId) : null,
    publicStatusName(db, t),
    typeNameOf(db, org.id, t),
  ]);
  return {
    reference: t.reference,
    type: t.type,
    typeName,
    state: t.state,
    statusName,
    category: { id: t.categoryId, name: row.categoryName },
    description: t.description,
    address: t.address,
    createdAt: iso(t.createdAt),
    updatedAt: iso(t.updatedAt),
    messages: conversation.messages.map((m) => ({
      from: m.fromResident ? "resident" : "city",
      body: m.body,
      html: m.html,
      createdAt: m.createdAt,
    })),
    timeline: conversation.timeline,
    attachments: files.map(toPublicAttachment),
    publishConsent: t.publishConsent,
    mergedInto,
  };
}

/** The ticket a contact was merged into, as much of it as its resident may know (not its messages: they are another resident's). */
export async function mergeTarget(db: Queryable, organisationId: string, ticketId: string): Promise<TrackedContact["mergedInto"]> {
  const [row] = await db
    .select({ reference: tickets.reference, state: tickets.state, updatedAt: tickets.updatedAt, published: publications.ticketId })
    .from(tickets)
    .leftJoin(publications, eq(publications.ticketId, tickets.id))
    .where(and(eq(tickets.organisationId, organisationId), eq(tickets.id, ticketId)));
  return row ? { reference: row.reference, state: row.state, updatedAt: iso(row.updatedAt), published: row.published !== null } : null;
}

/**
 * What the person who sent a contact sees of it: their messages and the city's replies (never
 * internal notes), and when its state changed.
 */
export async function residentConversation(db: Queryable, ticket: { id: string; state: TicketState }) {
  const [messages, events] = await Promise.all([
    db
      .select()
      .from(ticketMessages)
      .where(and(eq(ticketMessages.ticketId, ticket.id), inArray(ticketMessages.kind, ["resident", "reply"])))
      .orderBy(asc(ticketMessages.createdAt)),
    db
      .select()
      .from(ticketEvents)
      .where(and(eq(ticketEvents.ticketId, ticket.id), inArray(ticketEvents.type, ["ticket.created", "ticket.state_changed"])))
      .orderBy(asc(ticketEvents.id)),
  ]);
  return {
    messages: messages.map((m) => ({
      fromResident: m.kind === "resident",
      body: m.body,
      html: m.kind === "reply" ? m.bodyHtml : null,
      createdAt: iso(m.createdAt),
    })),
    timeline: events.map((e) => ({
      state: e.type === "ticket.created" ? "new" : ((e.data as { to?: TicketState }).to ?? ticket.state),
      at: iso(e.createdAt),
    })),
  };
}
