/**
 * Deliveries for technical admins: a subscription's deliveries with every attempt, the dead
 * letters, sending a dead letter again, and a test ping.
 */
import { randomUUID } from "node:crypto";
import {
  PING_EVENT,
  type WebhookDelivery,
  type WebhookDeliveryList,
  type WebhookDeliveryQuery,
  type WebhookPayload,
} from "@yhteys/contracts";
import { and, asc, desc, eq, getTableColumns, inArray, type SQL, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import type { Queryable } from "../../db/client.ts";
import { webhookAttempts, webhookDeliveries } from "../../db/schema.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { requireTechnicalAdmin } from "../admin/admin.access.ts";
import { appendAudit } from "../audit/audit.ts";
import type { StaffActor } from "../auth/actor.ts";
import { enqueueJobs, retryJob } from "../jobs/jobs.ts";
import { deliveryJobKey } from "./webhook-delivery.ts";
import { organisationSlugs } from "./webhook-fanout.ts";
import { presentDelivery } from "./webhooks.presenter.ts";
import { getSubscription } from "./webhooks.service.ts";

type Ctx = Pick<AppContext, "db" | "jobs" | "jobKinds">;

const { body: _body, ...listedColumns } = getTableColumns(webhookDeliveries);

async function deliveriesWhere(db: Queryable, where: SQL | undefined, limit: number): Promise<WebhookDelivery[]> {
  const rows = await db
    .select(listedColumns)
    .from(webhookDeliveries)
    .where(where)
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit);
  const attempts = rows.length
    ? await db
        .select()
        .from(webhookAttempts)
        .where(
          inArray(
            webhookAttempts.deliveryId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(webhookAttempts.id))
    : [];
  return rows.map((row) => presentDelivery(row, attempts));
}

/** A subscription's latest deliveries, optionally in one state, each with its attempts. */
export async function listDeliveries(
  ctx: Ctx,
  actor: StaffActor,
  subscriptionId: string,
  query: WebhookDeliveryQuery,
): Promise<WebhookDeliveryList> {
  requireTechnicalAdmin(actor);
  await getSubscription(ctx.db, actor, subscriptionId);
  const where = and(
    eq(webhookDeliveries.organisationId, actor.organisationId),
    eq(webhookDeliveries.subscriptionId, subscriptionId),
    query.state ? eq(webhookDeliveries.state, query.state) : undefined,
  );
  return { items: await deliveriesWhere(ctx.db, where, query.limit) };
}

/** Dead letters of every subscription of the organisation, newest first. */
export async function listDeadLetters(ctx: Ctx, actor: StaffActor, query: { limit: number }): Promise<WebhookDeliveryList> {
  requireTechnicalAdmin(actor);
  const where = and(eq(webhookDeliveries.organisationId, actor.organisationId), eq(webhookDeliveries.state, "dead"));
  return { items: await deliveriesWhere(ctx.db, where, query.limit) };
}

async function deliveryById(db: Queryable, actor: StaffActor, id: string): Promise<WebhookDelivery> {
  const [delivery] = await deliveriesWhere(
    db,
    and(eq(webhookDeliveries.organisationId, actor.organisationId), eq(webhookDeliveries.id, id)),
    1,
  );
  if (!delivery) throw notFound("The delivery");
  return delivery;
}

/** Sends a dead letter again, with a fresh set of attempts. */
export async function retryDelivery(ctx: Ctx, actor: StaffActor, id: string): Promise<WebhookDelivery> {
  requireTechnicalAdmin(actor);
  const delivery = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        id: webhookDeliveries.id,
        subscriptionId: webhookDeliveries.subscriptionId,
        eventId: webhookDeliveries.eventId,
        state: webhookDeliveries.state,
      })
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.organisationId, actor.organisationId), eq(webhookDeliveries.id, id)))
      .for("update");
    if (!row) throw notFound("The delivery");
    if (row.state !== "dead") throw new AppError("conflict", "Only dead letters are sent again");
    await tx.update(webhookDeliveries).set({ state: "pending", updatedAt: sql`now()` }).where(eq(webhookDeliveries.id, id));
    await retryJob(tx, ctx.jobKinds.webhookDelivery, {
      organisationId: actor.organisationId,
      payload: { deliveryId: id },
      dedupeKey: deliveryJobKey(row),
    });
    await appendAudit(tx, actor, {
      action: "webhook.delivery_retried",
      subjectType: "webhook",
      subjectId: row.subscriptionId,
      detail: { deliveryId: id },
    });
    return deliveryById(tx, actor, id);
  });
  ctx.jobs.nudge();
  return delivery;
}

/** Sends a `webhook.ping` delivery to a subscription (active or not) to test the receiver. */
export async function pingSubscription(ctx: Ctx, actor: StaffActor, subscriptionId: string): Promise<WebhookDelivery> {
  requireTechnicalAdmin(actor);
  await getSubscription(ctx.db, actor, subscriptionId);
  const id = randomUUID();
  const slugs = await organisationSlugs(ctx.db, [actor.organisationId]);
  const payload: WebhookPayload = {
    id,
    type: PING_EVENT,
    occurredAt: new Date().toISOString(),
    organisation: { id: actor.organisationId, slug: slugs.get(actor.organisationId) ?? "" },
    ticket: null,
  };
  const delivery = await ctx.db.transaction(async (tx) => {
    await tx.insert(webhookDeliveries).values({
      id,
      organisationId: actor.organisationId,
      subscriptionId,
      eventId: null,
      eventType: PING_EVENT,
      body: JSON.stringify(payload),
    });
    const key = deliveryJobKey({ id, subscriptionId, eventId: null });
    await enqueueJobs(tx, ctx.jobKinds.webhookDelivery, [
      { organisationId: actor.organisationId, payload: { deliveryId: id }, dedupeKey: key },
    ]);
    return deliveryById(tx, actor, id);
  });
  ctx.jobs.nudge();
  return delivery;
}
