/**
 * The email side of `email` routes: the forwarding email is an `external` email delivery sent by
 * the outgoing-email job (retries, failures on the ticket), which records here that it went; an
 * email that answers it (In-Reply-To/References naming its Message-ID, or sent from the route's
 * address with the reference in the subject) comes back into the ticket's history as an external
 * update rather than as the resident's message.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "../../db/client.ts";
import { emailDeliveries, externalRequests, open311Routes } from "../../db/schema.ts";
import { type EventNotice, recordEvent } from "../tickets/ticket-events.ts";
import { applyExternalChange } from "./external-answers.ts";

/** The longest answer kept in the history; the whole email stays in the mailbox. */
const MAX_NOTES = 10_000;

/** Where the quoted earlier email begins in a reply (mail programs in Finnish, Swedish, English). */
const QUOTE_START = [
  /^-{2,}\s*(original message|alkuperäinen viesti|ursprungligt meddelande)/i,
  /^(on|le|am)\s.+\s(wrote|a écrit|schrieb):\s*$/i,
  /\s(kirjoitti|skrev|wrote):\s*$/i,
  /^(from|lähettäjä|från):\s/i,
];

/**
 * The answer without the quoted forwarding email, which repeats our instructions (and with them
 * the "not ours" marker): quoted lines (`>`) go, and so does everything after a quote header.
 */
export function withoutQuote(body: string): string {
  const lines = body.replace(/\r\n/g, "\n").split("\n");
  const end = lines.findIndex((line) => QUOTE_START.some((pattern) => pattern.test(line.trim())));
  return (end === -1 ? lines : lines.slice(0, end))
    .filter((line) => !line.startsWith(">"))
    .join("\n")
    .trim();
}

/** The forwarding email went: the request is `emailed` and the history says where to. */
export async function recordExternalEmailSent(
  tx: Tx,
  delivery: { organisationId: string; ticketId: string; address: string },
): Promise<EventNotice> {
  await tx.update(externalRequests).set({ status: "emailed" }).where(eq(externalRequests.ticketId, delivery.ticketId));
  return recordEvent(tx, {
    organisationId: delivery.organisationId,
    ticketId: delivery.ticketId,
    type: "ticket.external_sent",
    actor: { kind: "system", organisationId: delivery.organisationId },
    data: { via: "email", email: delivery.address, serviceRequestId: null },
  });
}

/**
 * If an incoming email on `ticketId` is the external system's answer to our forwarding email, it is
 * applied as an external update (a "not ours" marker in it returns the ticket) and its events are
 * returned; otherwise null, and the email is the resident's.
 */
export async function applyExternalEmailAnswer(
  tx: Tx,
  ticket: { id: string; organisationId: string },
  email: { answeredIds: string[]; from: string | null; body: string },
): Promise<EventNotice[] | null> {
  const [route] = await tx
    .select({ marker: open311Routes.notOursMarker, email: open311Routes.email })
    .from(externalRequests)
    .innerJoin(open311Routes, eq(open311Routes.id, externalRequests.routeId))
    .where(and(eq(externalRequests.ticketId, ticket.id), eq(open311Routes.delivery, "email")));
  if (!route) return null;
  const fromRoute = email.from !== null && route.email !== null && email.from.toLowerCase() === route.email.toLowerCase();
  const [answered] =
    fromRoute || !email.answeredIds.length
      ? []
      : await tx
          .select({ id: emailDeliveries.id })
          .from(emailDeliveries)
          .where(
            and(
              eq(emailDeliveries.ticketId, ticket.id),
              eq(emailDeliveries.kind, "external"),
              inArray(emailDeliveries.messageId, email.answeredIds.slice(0, 20)),
            ),
          )
          .limit(1);
  if (!fromRoute && !answered) return null;
  const notes = withoutQuote(email.body).slice(0, MAX_NOTES) || null;
  const notOurs = notes?.toLowerCase().includes(route.marker.toLowerCase());
  return applyExternalChange(
    tx,
    { ticketId: ticket.id, organisationId: ticket.organisationId, notOursMarker: route.marker },
    { status: notOurs ? "closed" : "answered", notes, externalUpdatedAt: new Date().toISOString(), via: "email" },
  );
}
