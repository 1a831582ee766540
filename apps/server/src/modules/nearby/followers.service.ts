/**
 * "I have the same issue": a resident follows an earlier open contact instead of sending a new
 * one. One follower row per email and ticket (a repeated follow changes nothing); a follower
 * without an email is counted each time. The email is kept as a customer row, like any resident's
 * contact details, and the change is a ticket event in the same transaction.
 */
import { createHash } from "node:crypto";
import type { FollowReceipt } from "@yhteys/contracts";
import { openStates } from "@yhteys/contracts";
import { and, eq } from "drizzle-orm";
import type { Store } from "../../context.ts";
import { customers, ticketFollowers, tickets } from "../../db/schema.ts";
import { AppError, notFound } from "../../http/errors.ts";
import type { Organisation } from "../organisations/organisations.ts";
import { publishingNotRefused } from "../publishing/consent.ts";
import { recordEvent } from "../tickets/ticket-events.ts";
import { followerCount } from "./followers.queries.ts";

export const digest = (email: string) => createHash("sha256").update(email.trim().toLowerCase()).digest("hex");

/** Adds the resident as a follower of the open contact `reference`; idempotent per email. */
export async function followContact(store: Store, org: Organisation, reference: string, email: string | undefined): Promise<FollowReceipt> {
  const { receipt, notice } = await store.db.transaction(async (tx) => {
    const [ticket] = await tx
      .select({ id: tickets.id, state: tickets.state })
      .from(tickets)
      .where(
        and(eq(tickets.organisationId, org.id), eq(tickets.reference, reference), eq(tickets.sensitive, false), publishingNotRefused()),
      )
      .for("update");
    if (!ticket) throw notFound("The contact");
    if (!openStates.includes(ticket.state)) throw new AppError("conflict", "This contact has already been handled; send a new one");
    const emailDigest = email ? digest(email) : null;
    const [earlier] = emailDigest
      ? await tx
          .select({ id: ticketFollowers.id })
          .from(ticketFollowers)
          .where(and(eq(ticketFollowers.ticketId, ticket.id), eq(ticketFollowers.emailDigest, emailDigest)))
      : [];
    let notice = null;
    if (!earlier) {
      const [customer] = email ? await tx.insert(customers).values({ organisationId: org.id, email }).returning({ id: customers.id }) : [];
      await tx
        .insert(ticketFollowers)
        .values({ organisationId: org.id, ticketId: ticket.id, customerId: customer?.id ?? null, emailDigest });
      notice = await recordEvent(tx, {
        organisationId: org.id,
        ticketId: ticket.id,
        type: "ticket.followed",
        actor: { kind: "resident", organisationId: org.id },
        data: { withEmail: Boolean(email) },
      });
    }
    const receipt = { reference, state: ticket.state, followers: await followerCount(tx, ticket.id), added: !earlier };
    return { receipt, notice };
  });
  if (notice) store.events.publish([notice]);
  return receipt;
}
