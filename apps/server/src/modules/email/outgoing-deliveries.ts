/**
 * Emails for technical admins (the failed ones and recent ones, without addresses or text; a
 * failed email sent again; a test email), and residents unsubscribing from a ticket's emails.
 */
import type { EmailDelivery, EmailDeliveryList, EmailDeliveryQuery, UnsubscribeReceipt } from "@yhteys/contracts";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import type { Queryable } from "../../db/client.ts";
import { customers, emailDeliveries, emailUnsubscribes, ticketFollowers, tickets } from "../../db/schema.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { requireTechnicalAdmin } from "../admin/admin.access.ts";
import { appendAudit } from "../audit/audit.ts";
import type { StaffActor } from "../auth/actor.ts";
import { enqueueJobs, retryJob } from "../jobs/jobs.ts";
import type { Organisation } from "../organisations/organisations.ts";
import { recordEvent } from "../tickets/ticket-events.ts";
import { mailSettingsOf } from "./mail-settings.ts";
import { domainOf, emailJobKey, NO_RELAY, newMessageId } from "./outgoing-delivery.ts";
import { unsubscribeTokens } from "./outgoing-tokens.ts";

type Ctx = Pick<AppContext, "db" | "jobs" | "jobKinds" | "config" | "events">;

async function deliveriesWhere(
  ctx: Pick<Ctx, "config">,
  db: Queryable,
  where: ReturnType<typeof and>,
  limit: number,
): Promise<EmailDelivery[]> {
  // Without an SMTP relay, queued emails are not on their way: say so.
  const noRelay = !ctx.config.email.smtpUrl;
  const rows = await db
    .select({ d: emailDeliveries, reference: tickets.reference })
    .from(emailDeliveries)
    .leftJoin(tickets, eq(tickets.id, emailDeliveries.ticketId))
    .where(where)
    .orderBy(desc(emailDeliveries.createdAt), desc(emailDeliveries.id))
    .limit(limit);
  return rows.map(({ d, reference }) => ({
    id: d.id,
    ticket: d.ticketId && reference ? { id: d.ticketId, reference } : null,
    kind: d.kind,
    recipient: d.kind === "test" || d.kind === "external" ? d.kind : d.followerId ? "follower" : "resident",
    language: d.language,
    state: noRelay && d.state === "queued" ? "unconfigured" : d.state,
    attempts: d.attempts,
    lastError: noRelay && d.state === "queued" ? NO_RELAY : d.lastError,
    failureReason: noRelay && d.state === "queued" ? "no_relay" : d.failureReason,
    messageId: d.messageId,
    createdAt: d.createdAt.toISOString(),
    sentAt: d.sentAt?.toISOString() ?? null,
  }));
}

export async function listEmailDeliveries(ctx: Ctx, actor: StaffActor, query: EmailDeliveryQuery): Promise<EmailDeliveryList> {
  requireTechnicalAdmin(actor);
  const where = and(
    eq(emailDeliveries.organisationId, actor.organisationId),
    query.state === "failed"
      ? inArray(emailDeliveries.state, ctx.config.email.smtpUrl ? ["failed", "unconfigured"] : ["failed", "unconfigured", "queued"])
      : undefined,
  );
  return { items: await deliveriesWhere(ctx, ctx.db, where, query.limit) };
}

async function deliveryById(ctx: Pick<Ctx, "config">, db: Queryable, actor: StaffActor, id: string) {
  const [delivery] = await deliveriesWhere(
    ctx,
    db,
    and(eq(emailDeliveries.organisationId, actor.organisationId), eq(emailDeliveries.id, id)),
    1,
  );
  if (!delivery) throw notFound("The email");
  return delivery;
}

/** Sends a failed (or unconfigured) email again with a fresh set of attempts. */
export async function retryEmail(ctx: Ctx, actor: StaffActor, id: string): Promise<EmailDelivery> {
  requireTechnicalAdmin(actor);
  const delivery = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: emailDeliveries.id, state: emailDeliveries.state, ticketId: emailDeliveries.ticketId })
      .from(emailDeliveries)
      .where(and(eq(emailDeliveries.organisationId, actor.organisationId), eq(emailDeliveries.id, id)))
      .for("update");
    if (!row) throw notFound("The email");
    if (row.state !== "failed" && row.state !== "unconfigured") throw new AppError("conflict", "Only failed emails are sent again");
    await tx
      .update(emailDeliveries)
      .set({ state: "queued", attempts: 0, lastError: null, failureReason: null, updatedAt: sql`now()` })
      .where(eq(emailDeliveries.id, id));
    await retryJob(tx, ctx.jobKinds.emailDelivery, {
      organisationId: actor.organisationId,
      payload: { deliveryId: id },
      dedupeKey: emailJobKey(id),
    });
    await appendAudit(tx, actor, { action: "email.retried", subjectType: "email", subjectId: id, detail: { ticketId: row.ticketId } });
    return deliveryById(ctx, tx, actor, id);
  });
  ctx.jobs.nudge();
  return delivery;
}

/** Queues a test email to `to` with the saved settings (409 without them). */
export async function sendTestEmail(ctx: Ctx, actor: StaffActor, to: string): Promise<EmailDelivery> {
  requireTechnicalAdmin(actor);
  const delivery = await ctx.db.transaction(async (tx) => {
    const settings = await mailSettingsOf(tx, actor.organisationId);
    if (!settings) throw new AppError("conflict", "Save the sender settings first");
    if (!ctx.config.email.smtpUrl) throw new AppError("conflict", "No email can be sent: the installation has no SMTP_URL");
    const [row] = await tx
      .insert(emailDeliveries)
      .values({
        organisationId: actor.organisationId,
        testAddress: to,
        kind: "test",
        language: actor.language,
        messageId: newMessageId("test", domainOf(settings.fromAddress)),
      })
      .returning({ id: emailDeliveries.id });
    if (!row) throw new Error("no delivery row");
    await enqueueJobs(tx, ctx.jobKinds.emailDelivery, [
      { organisationId: actor.organisationId, payload: { deliveryId: row.id }, dedupeKey: emailJobKey(row.id) },
    ]);
    await appendAudit(tx, actor, { action: "email.test_sent", subjectType: "email", subjectId: row.id });
    return deliveryById(ctx, tx, actor, row.id);
  });
  ctx.jobs.nudge();
  return delivery;
}

/** The ticket a signed unsubscribe token names, in this organisation (404 otherwise). */
async function unsubscribeTarget(ctx: Ctx, org: Organisation, token: string) {
  const named = unsubscribeTokens(ctx.config.secret).verify(token);
  if (!named) throw notFound("The link");
  const [ticket] = await ctx.db
    .select({ id: tickets.id, reference: tickets.reference, language: tickets.language, customerId: tickets.customerId })
    .from(tickets)
    .where(and(eq(tickets.organisationId, org.id), eq(tickets.id, named.ticketId)));
  const [customer] = await ctx.db.select({ id: customers.id }).from(customers).where(eq(customers.id, named.customerId));
  if (!ticket || !customer) throw notFound("The link");
  return { ticket, customerId: named.customerId };
}

export async function unsubscribeStatus(ctx: Ctx, org: Organisation, token: string): Promise<UnsubscribeReceipt> {
  const { ticket, customerId } = await unsubscribeTarget(ctx, org, token);
  const [row] = await ctx.db
    .select({ at: emailUnsubscribes.createdAt })
    .from(emailUnsubscribes)
    .where(and(eq(emailUnsubscribes.ticketId, ticket.id), eq(emailUnsubscribes.customerId, customerId)));
  return { reference: ticket.reference, language: ticket.language, unsubscribed: Boolean(row) };
}

/** Stops a ticket's emails to one resident; the first time is a `ticket.email_unsubscribed` event. */
export async function unsubscribe(ctx: Ctx, org: Organisation, token: string): Promise<UnsubscribeReceipt> {
  const { ticket, customerId } = await unsubscribeTarget(ctx, org, token);
  const notice = await ctx.db.transaction(async (tx) => {
    const added = await tx
      .insert(emailUnsubscribes)
      .values({ organisationId: org.id, ticketId: ticket.id, customerId })
      .onConflictDoNothing()
      .returning({ ticketId: emailUnsubscribes.ticketId });
    if (!added.length) return null;
    const [follower] = await tx
      .select({ id: ticketFollowers.id })
      .from(ticketFollowers)
      .where(and(eq(ticketFollowers.ticketId, ticket.id), eq(ticketFollowers.customerId, customerId)));
    return recordEvent(tx, {
      organisationId: org.id,
      ticketId: ticket.id,
      type: "ticket.email_unsubscribed",
      actor: { kind: "resident", organisationId: org.id },
      data: { recipient: follower && ticket.customerId !== customerId ? "follower" : "resident" },
    });
  });
  if (notice) ctx.events.publish([notice]);
  return { reference: ticket.reference, language: ticket.language, unsubscribed: true };
}
