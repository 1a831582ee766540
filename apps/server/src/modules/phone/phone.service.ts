/**
 * Contact-centre telephony (REQUIREMENTS I6). A call's record and transcript become a ticket
 * (channel `phone`) at once, or a message on the caller's open ticket; a callback request becomes a
 * ticket with its time window in the callback queue. Both are idempotent by the telephony system's
 * id: the `phone_calls` row is written in the same transaction as the ticket or message, so a
 * repeated delivery finds it and writes nothing.
 *
 * The join rule: a call joins a ticket when an earlier call or callback request from the same
 * number (compared as normalised digits) created or joined it within JOIN_WINDOW_DAYS and the
 * ticket is still open (new, in progress or waiting for the customer). The most recent such
 * ticket wins. Otherwise the call makes a new ticket.
 */
import {
  type CallbackDone,
  type Callback as CallbackItem,
  type CallbackList,
  type CallbackQuery,
  CallbackRequest,
  type Language,
  openStates,
  PhoneCall,
  type PhoneReceipt,
} from "@yhteys/contracts";
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Store } from "../../context.ts";
import type { Queryable, Tx } from "../../db/client.ts";
import { apiClients, callbacks, categories, phoneCalls, tickets } from "../../db/schema.ts";
import { AppError, forbidden } from "../../http/errors.ts";
import { auditRead } from "../audit/audit.ts";
import type { Actor, StaffActor } from "../auth/actor.ts";
import { isUniqueViolation } from "../intake/intake.service.ts";
import type { ApiClientIdentity } from "../open311/open311.service.ts";
import { addResidentMessage } from "../tickets/resident-messages.ts";
import { createTicket } from "../tickets/ticket-creation.ts";
import { type EventNotice, recordEvent } from "../tickets/ticket-events.ts";
import { canUseQueues, seesCustomer, visibleTickets } from "../tickets/tickets.access.ts";
import { iso } from "../tickets/tickets.presenter.ts";
import { changeTicket, storeNote } from "../tickets/tickets.service.ts";

/** How far back an earlier call from the same number makes a call join its ticket. */
const JOIN_WINDOW_DAYS = 14;
const DAY_MS = 86_400_000;

/**
 * A number as digits with a leading `+`: spaces, dashes and parentheses go, and a Finnish
 * national number (leading 0) becomes international (+358), so "040 123 4567" is "+358401234567".
 */
export function normalisePhone(raw: string): string {
  const digits = raw.replace(/[^\d+]/g, "");
  if (digits.startsWith("+")) return `+${digits.slice(1).replace(/\+/g, "")}`;
  if (digits.startsWith("00")) return `+${digits.slice(2)}`;
  if (digits.startsWith("0")) return `+358${digits.slice(1)}`;
  return digits;
}

/** The telephony client's category for a call: the code it sent, else its default category. */
async function categoryFor(db: Queryable, client: ApiClientIdentity, code: string | undefined): Promise<string> {
  if (code) {
    const [row] = await db
      .select({ id: categories.id })
      .from(categories)
      .where(and(eq(categories.organisationId, client.organisation.id), eq(categories.code, code), eq(categories.active, true)));
    if (!row) throw new AppError("validation_failed", "Unknown category", [{ path: "categoryCode", message: `${code} is not a category` }]);
    return row.id;
  }
  const [own] = await db.select({ id: apiClients.defaultCategoryId }).from(apiClients).where(eq(apiClients.id, client.clientId));
  if (!own?.id)
    throw new AppError("validation_failed", "Send a categoryCode: this API client has no default category", [
      { path: "categoryCode", message: "required" },
    ]);
  return own.id;
}

/** Requires the `telephony` permission of the client. */
export function requireTelephony(client: ApiClientIdentity) {
  if (!client.permissions.includes("telephony")) throw forbidden("This API key has no telephony permission");
}

type Receipt = PhoneReceipt;

async function replayOf(db: Queryable, organisationId: string, callId: string): Promise<Receipt | null> {
  const [row] = await db
    .select({ ticketId: phoneCalls.ticketId, reference: tickets.reference, messageId: phoneCalls.messageId })
    .from(phoneCalls)
    .innerJoin(tickets, eq(tickets.id, phoneCalls.ticketId))
    .where(and(eq(phoneCalls.organisationId, organisationId), eq(phoneCalls.callId, callId)));
  return row ? { reference: row.reference, ticketId: row.ticketId, outcome: row.messageId ? "joined" : "created", replayed: true } : null;
}

/** The caller's open ticket by the join rule, locked for the message, or null. */
async function openTicketOf(tx: Tx, organisationId: string, number: string, now: Date) {
  const [row] = await tx
    .select({ id: tickets.id, reference: tickets.reference })
    .from(phoneCalls)
    .innerJoin(tickets, eq(tickets.id, phoneCalls.ticketId))
    .where(
      and(
        eq(phoneCalls.organisationId, organisationId),
        eq(phoneCalls.callerNumber, number),
        gte(phoneCalls.createdAt, new Date(now.getTime() - JOIN_WINDOW_DAYS * DAY_MS)),
        inArray(tickets.state, [...openStates]),
      ),
    )
    .orderBy(desc(phoneCalls.createdAt))
    .limit(1)
    .for("update", { of: tickets });
  return row ?? null;
}

/** Runs `write` once per telephony id: a repeat (also a concurrent one) answers with the first result. */
async function once(
  store: Store,
  organisationId: string,
  id: string,
  write: (tx: Tx) => Promise<{ receipt: Receipt; notices: EventNotice[] }>,
) {
  const earlier = await replayOf(store.db, organisationId, id);
  if (earlier) return earlier;
  try {
    const { receipt, notices } = await store.db.transaction(write);
    store.events.publish(notices);
    return receipt;
  } catch (e) {
    if (isUniqueViolation(e)) {
      const winner = await replayOf(store.db, organisationId, id);
      if (winner) return winner;
    }
    throw e;
  }
}

const callFacts = (call: z.output<typeof PhoneCall>) => ({
  callId: call.callId,
  queue: call.queue ?? null,
  agent: call.agent ?? null,
  startedAt: call.startedAt,
  endedAt: call.endedAt ?? null,
});

const callText: Record<Language, (minutes: string) => string> = {
  fi: (m) => `Puhelu (${m}), ei puhetta tekstinä.`,
  sv: (m) => `Samtal (${m}), ingen transkription.`,
  en: (m) => `Phone call (${m}), no transcript.`,
};

function duration(call: z.output<typeof PhoneCall>): string {
  if (!call.endedAt) return "–";
  const seconds = Math.round((Date.parse(call.endedAt) - Date.parse(call.startedAt)) / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** A call's record and transcript: a new ticket, or a message on the caller's open ticket. */
export async function recordCall(store: Store, client: ApiClientIdentity, input: PhoneCall): Promise<Receipt> {
  const call = PhoneCall.parse(input);
  const org = client.organisation;
  const actor: Actor = { kind: "api_client", organisationId: org.id, clientId: client.clientId };
  const number = normalisePhone(call.callerNumber);
  const text = call.transcript.trim() || callText[call.language](duration(call));
  const categoryId = call.categoryCode ? await categoryFor(store.db, client, call.categoryCode) : null;
  return once(store, org.id, call.callId, async (tx) => {
    const now = new Date();
    const open = await openTicketOf(tx, org.id, number, now);
    const notices: EventNotice[] = [];
    let ticketId: string;
    let reference: string;
    let messageId: string | null = null;
    if (open) {
      ({ id: ticketId, reference } = open);
      // The caller's open ticket only: a call never reopens a finished one.
      const added = await addResidentMessage(tx, ticketId, { body: text, actor, channel: "phone", reopen: null });
      messageId = added.messageId;
      notices.push(...added.notices);
    } else {
      const created = await createTicket(
        tx,
        {
          organisation: org,
          categoryId: categoryId ?? (await categoryFor(tx, client, undefined)),
          description: text,
          channel: "phone",
          language: call.language,
          extraFields: {},
          wantsReply: true,
          contact: { phone: call.callerNumber, name: call.callerName },
        },
        actor,
      );
      ({ id: ticketId, reference } = created.ticket);
      notices.push(created.notice);
    }
    notices.push(await recordEvent(tx, { organisationId: org.id, ticketId, type: "ticket.phone_call", actor, data: callFacts(call) }));
    await tx.insert(phoneCalls).values({
      organisationId: org.id,
      callId: call.callId,
      kind: "call",
      ticketId,
      messageId,
      callerNumber: number,
      queue: call.queue ?? null,
      agent: call.agent ?? null,
      startedAt: new Date(call.startedAt),
      endedAt: call.endedAt ? new Date(call.endedAt) : null,
    });
    return { receipt: { reference, ticketId, outcome: open ? "joined" : "created", replayed: false }, notices };
  });
}

/** A callback request: always a new ticket, with its window in the callback queue. */
export async function requestCallback(store: Store, client: ApiClientIdentity, input: CallbackRequest): Promise<Receipt> {
  const request = CallbackRequest.parse(input);
  const org = client.organisation;
  const actor: Actor = { kind: "api_client", organisationId: org.id, clientId: client.clientId };
  const categoryId = await categoryFor(store.db, client, request.categoryCode);
  const text = request.topic.trim() || { fi: "Soittopyyntö", sv: "Begäran om återuppringning", en: "Callback request" }[request.language];
  return once(store, org.id, request.requestId, async (tx) => {
    const created = await createTicket(
      tx,
      {
        organisation: org,
        categoryId,
        description: text,
        channel: "phone",
        language: request.language,
        extraFields: {},
        wantsReply: true,
        contact: { phone: request.phoneNumber, name: request.callerName },
      },
      actor,
    );
    const ticketId = created.ticket.id;
    await tx.insert(callbacks).values({
      ticketId,
      organisationId: org.id,
      phoneNumber: request.phoneNumber,
      windowStart: new Date(request.windowStart),
      windowEnd: new Date(request.windowEnd),
      topic: request.topic,
      queue: request.queue ?? null,
    });
    await tx.insert(phoneCalls).values({
      organisationId: org.id,
      callId: request.requestId,
      kind: "callback",
      ticketId,
      callerNumber: normalisePhone(request.phoneNumber),
      queue: request.queue ?? null,
    });
    return { receipt: { reference: created.ticket.reference, ticketId, outcome: "created", replayed: false }, notices: [created.notice] };
  });
}

const sorts: Record<z.output<typeof CallbackQuery>["sort"], SQL> = {
  windowStart: asc(callbacks.windowStart),
  "-windowStart": desc(callbacks.windowStart),
  windowEnd: asc(callbacks.windowEnd),
  "-windowEnd": desc(callbacks.windowEnd),
  createdAt: desc(callbacks.createdAt),
};

/** The callback queue: the callbacks of tickets the actor may see, with the phone numbers (an audited read). */
export async function listCallbacks(store: Store, actor: StaffActor, query: z.output<typeof CallbackQuery>): Promise<CallbackList> {
  if (!canUseQueues(actor) || !seesCustomer(actor)) throw forbidden("Your role has no callback queue");
  const status =
    query.status === "open" ? isNull(callbacks.calledBackAt) : query.status === "done" ? isNotNull(callbacks.calledBackAt) : undefined;
  const rows = await store.db
    .select({ c: callbacks, reference: tickets.reference, groupId: tickets.groupId })
    .from(callbacks)
    .innerJoin(tickets, eq(tickets.id, callbacks.ticketId))
    .where(and(eq(callbacks.organisationId, actor.organisationId), visibleTickets(actor), status))
    .orderBy(sorts[query.sort], asc(callbacks.ticketId))
    .limit(query.limit);
  if (rows.length)
    await auditRead(store.db, actor, { subjectType: "customer", subjectId: rows[0]?.c.ticketId ?? "", action: "callbacks.listed" });
  return {
    items: rows.map(
      ({ c, reference, groupId }): CallbackItem => ({
        ticketId: c.ticketId,
        reference,
        phoneNumber: c.phoneNumber,
        windowStart: iso(c.windowStart),
        windowEnd: iso(c.windowEnd),
        topic: c.topic,
        queue: c.queue,
        groupId,
        calledBackAt: c.calledBackAt ? iso(c.calledBackAt) : null,
        outcome: c.outcome ?? null,
        createdAt: iso(c.createdAt),
      }),
    ),
  };
}

/** Marks a callback made, with its outcome (and an optional note on the ticket). */
export function markCalledBack(store: Store, actor: StaffActor, ticketId: string, input: CallbackDone) {
  return changeTicket(store, actor, ticketId, "note", async (tx, ticket, event) => {
    const now = new Date();
    const [done] = await tx
      .update(callbacks)
      .set({ calledBackAt: now, calledBackBy: actor.userId, outcome: input.outcome })
      .where(and(eq(callbacks.ticketId, ticket.id), isNull(callbacks.calledBackAt)))
      .returning({ ticketId: callbacks.ticketId });
    if (!done) throw new AppError("conflict", "This ticket has no callback waiting");
    const noteId = await storeNote(tx, actor, ticket.id, input.note);
    await event("ticket.callback_done", { outcome: input.outcome, noteId });
    return { ticketId: ticket.id, calledBackAt: iso(now), outcome: input.outcome };
  });
}
