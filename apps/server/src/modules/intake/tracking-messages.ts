/**
 * The resident adds information or replies on the tracking page (REQUIREMENTS P4). The message
 * joins the ticket by the same rule as an email reply (modules/tickets/resident-messages.ts): a
 * resolved or closed contact reopens and one waiting for the resident goes back to handling. A
 * contact merged into another takes no more messages (409 naming the one that carries on). With an
 * Idempotency-Key, a retried send writes one message.
 */
import type { ResidentMessageInput, ResidentMessageReceipt } from "@yhteys/contracts";
import { and, eq } from "drizzle-orm";
import type { Store } from "../../context.ts";
import { idempotencyKeys, tickets } from "../../db/schema.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { hashToken } from "../auth/tokens.ts";
import type { Organisation } from "../organisations/organisations.ts";
import { addResidentMessage } from "../tickets/resident-messages.ts";
import { iso } from "../tickets/tickets.presenter.ts";
import { answerOnce, idempotencyOf, mergeTarget } from "./intake.service.ts";

export async function addTrackedMessage(
  store: Store,
  org: Organisation,
  token: string,
  input: ResidentMessageInput,
  idempotencyKey: string | undefined,
): Promise<{ receipt: ResidentMessageReceipt; replayed: boolean }> {
  const byToken = and(eq(tickets.organisationId, org.id), eq(tickets.trackingTokenHash, hashToken(token)));
  const [found] = await store.db.select({ id: tickets.id }).from(tickets).where(byToken);
  if (!found) throw notFound("The contact");
  const body = input.body.trim();
  const idempotency = idempotencyOf(idempotencyKey, { ticket: found.id, message: body });
  const { answer, replayed } = await answerOnce(store.db, org.id, idempotency, async () => {
    const { receipt, notices } = await store.db.transaction(async (tx) => {
      const [ticket] = await tx.select({ mergedIntoId: tickets.mergedIntoId }).from(tickets).where(eq(tickets.id, found.id)).for("update");
      if (ticket?.mergedIntoId) {
        const target = await mergeTarget(tx, org.id, ticket.mergedIntoId);
        throw new AppError("contact_merged", `The contact was merged into ${target?.reference ?? "another"}; write there`);
      }
      const added = await addResidentMessage(tx, found.id, {
        body,
        actor: { kind: "resident", organisationId: org.id },
        channel: "web",
        reopen: { reason: "resident message" },
      });
      const receipt: ResidentMessageReceipt = {
        message: { from: "resident", body, html: null, createdAt: iso(added.createdAt) },
        state: added.state,
        reopened: added.reopened,
      };
      if (idempotency)
        await tx.insert(idempotencyKeys).values({ organisationId: org.id, ...idempotency, ticketId: found.id, response: receipt });
      return { receipt, notices: added.notices };
    });
    store.events.publish(notices);
    return receipt;
  });
  return { receipt: answer, replayed };
}
