/**
 * The email consumer of the outbox: residents hear about what matters to them.
 *
 * - `ticket.created` → a confirmation to the resident who gave an email address, unless the
 *   ticket came from an automatic email (`email.noAutoReply` in the event's data: auto-replies,
 *   bounces, mailing lists), which must never be answered automatically;
 * - `ticket.replied` → the city's reply to the resident, and a short notice to followers;
 * - `ticket.state_changed` to resolved or closed → a short notice to the resident and followers,
 *   except when it came with a reply in the same change (the reply email is enough).
 *
 * One `email_deliveries` row and one job per email, written in the relay's transaction; the
 * unique (event, customer) pair and the job's dedupe key make a second hand-over harmless.
 * Residents who unsubscribed from the ticket get nothing.
 */
import type { Language, TicketState } from "@yhteys/contracts";
import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Tx } from "../../db/client.ts";
import { customers, emailDeliveries, emailUnsubscribes, mailSettings, ticketEvents, ticketFollowers, tickets } from "../../db/schema.ts";
import { enqueueJobs, type JobDefinition } from "../jobs/jobs.ts";
import type { OutboxConsumer, OutboxEvent } from "../outbox/outbox-relay.ts";
import { type DeliverEmail, domainOf, emailJobKey, NO_SENDER, newMessageId } from "./outgoing-delivery.ts";
import type { EmailKind } from "./outgoing-messages.ts";

const stateKinds: Partial<Record<TicketState, EmailKind>> = { resolved: "resolved", closed_unnecessary: "closed" };

type Wanted = { event: OutboxEvent; kind: EmailKind; toFollowers: boolean; toResident: boolean };

/**
 * The outbox consumer that turns ticket events into emails. It decides from the database only (not
 * from this process's SMTP_URL), so that every process records the same: queued emails wait for a
 * process with SMTP_URL to claim them.
 */
export function emailFanout(deliver: JobDefinition<typeof DeliverEmail>, options: { fallbackDomain: string }): OutboxConsumer {
  return {
    name: "email",
    async handle(tx: Tx, events: OutboxEvent[]) {
      const relevant = events.filter((e) => ["ticket.created", "ticket.replied", "ticket.state_changed"].includes(e.type));
      if (!relevant.length) return;
      const data = await tx
        .select({ id: ticketEvents.id, data: ticketEvents.data })
        .from(ticketEvents)
        .where(
          inArray(
            ticketEvents.id,
            relevant.map((e) => e.id),
          ),
        );
      const dataOf = new Map(data.map((d) => [d.id, d.data as Record<string, unknown>]));
      const wanted: Wanted[] = [];
      for (const event of relevant) {
        const d = dataOf.get(event.id) ?? {};
        if (event.type === "ticket.created") {
          const email = d.email as { noAutoReply?: unknown } | undefined;
          if (email?.noAutoReply !== true) wanted.push({ event, kind: "confirmation", toResident: true, toFollowers: false });
        } else if (event.type === "ticket.replied") wanted.push({ event, kind: "reply", toResident: true, toFollowers: true });
        else {
          const kind = stateKinds[d.to as TicketState];
          // A move between two workflow statuses of the same phase is no news to the resident.
          if (!kind || d.from === d.to) continue;
          // Replied and resolved in one change: the reply email says enough.
          const [withReply] = await tx
            .select({ id: ticketEvents.id })
            .from(ticketEvents)
            .where(
              and(
                eq(ticketEvents.ticketId, event.ticketId),
                eq(ticketEvents.type, "ticket.replied"),
                // Same transaction, same now(); compared in SQL, as a JavaScript Date drops the microseconds.
                sql`${ticketEvents.createdAt} = (SELECT created_at FROM ticket_events WHERE id = ${event.id})`,
              ),
            )
            .limit(1);
          if (!withReply) wanted.push({ event, kind, toResident: true, toFollowers: true });
        }
      }
      if (!wanted.length) return;
      const ticketIds = [...new Set(wanted.map((w) => w.event.ticketId))];
      // One after another: a transaction's client runs one query at a time.
      const ticketRows = await tx
        .select({ id: tickets.id, customerId: tickets.customerId })
        .from(tickets)
        .innerJoin(customers, eq(customers.id, tickets.customerId))
        .where(and(inArray(tickets.id, ticketIds), isNotNull(customers.email)));
      const followerRows = await tx
        .select({ id: ticketFollowers.id, ticketId: ticketFollowers.ticketId, customerId: ticketFollowers.customerId })
        .from(ticketFollowers)
        .innerJoin(customers, eq(customers.id, ticketFollowers.customerId))
        .where(and(inArray(ticketFollowers.ticketId, ticketIds), isNotNull(customers.email)));
      const unsubscribed = await tx
        .select({ ticketId: emailUnsubscribes.ticketId, customerId: emailUnsubscribes.customerId })
        .from(emailUnsubscribes)
        .where(inArray(emailUnsubscribes.ticketId, ticketIds));
      const senders = await tx
        .select({ organisationId: mailSettings.organisationId, fromAddress: mailSettings.fromAddress })
        .from(mailSettings)
        .where(inArray(mailSettings.organisationId, [...new Set(wanted.map((w) => w.event.organisationId))]));
      const references = new Map(
        (
          await tx
            .select({ id: tickets.id, reference: tickets.reference, language: tickets.language })
            .from(tickets)
            .where(inArray(tickets.id, ticketIds))
        ).map((t) => [t.id, t]),
      );
      const resident = new Map(ticketRows.map((t) => [t.id, t.customerId as string]));
      const optedOut = new Set(unsubscribed.map((u) => `${u.ticketId}:${u.customerId}`));
      const senderOf = new Map(senders.map((s) => [s.organisationId, s.fromAddress]));
      const rows: (typeof emailDeliveries.$inferInsert)[] = [];
      for (const w of wanted) {
        const ticket = references.get(w.event.ticketId);
        if (!ticket) continue;
        const sender = senderOf.get(w.event.organisationId);
        const ready = Boolean(sender);
        const recipients: { customerId: string; followerId: string | null }[] = [];
        const own = resident.get(ticket.id);
        if (w.toResident && own) recipients.push({ customerId: own, followerId: null });
        if (w.toFollowers)
          for (const f of followerRows)
            if (f.ticketId === ticket.id && f.customerId && f.customerId !== own)
              recipients.push({ customerId: f.customerId, followerId: f.id });
        for (const r of recipients) {
          if (optedOut.has(`${ticket.id}:${r.customerId}`)) continue;
          rows.push({
            organisationId: w.event.organisationId,
            ticketId: ticket.id,
            customerId: r.customerId,
            followerId: r.followerId,
            eventId: w.event.id,
            kind: w.kind,
            language: ticket.language as Language,
            state: ready ? "queued" : "unconfigured",
            lastError: ready ? null : NO_SENDER,
            failureReason: ready ? null : "no_sender",
            messageId: newMessageId(ticket.reference, sender ? domainOf(sender) : options.fallbackDomain),
          });
        }
      }
      if (!rows.length) return;
      const created = await tx
        .insert(emailDeliveries)
        .values(rows)
        .onConflictDoNothing({ target: [emailDeliveries.eventId, emailDeliveries.customerId] })
        .returning({
          id: emailDeliveries.id,
          organisationId: emailDeliveries.organisationId,
          ticketId: emailDeliveries.ticketId,
          customerId: emailDeliveries.customerId,
          eventId: emailDeliveries.eventId,
          state: emailDeliveries.state,
        });
      // One recipient's emails about one ticket go one at a time, in event order.
      await enqueueJobs(
        tx,
        deliver,
        created
          .filter((d) => d.state === "queued")
          .sort((a, b) => Number(a.eventId) - Number(b.eventId))
          .map((d) => ({
            organisationId: d.organisationId,
            payload: { deliveryId: d.id },
            dedupeKey: emailJobKey(d.id),
            serialKey: `email:${d.ticketId}:${d.customerId}`,
          })),
      );
    },
  };
}
